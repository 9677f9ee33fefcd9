import { historyPruneSuite } from './prune-suite';

historyPruneSuite('sqlite');
