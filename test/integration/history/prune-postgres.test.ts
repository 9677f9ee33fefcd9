import { historyPruneSuite } from './prune-suite';

historyPruneSuite('postgres');
