import { historyPruneSuite } from './prune-suite';

historyPruneSuite('mysql');
