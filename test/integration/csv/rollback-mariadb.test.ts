import { csvRollbackSuite } from './rollback-suite';

csvRollbackSuite('mysql');
