import { csvRollbackSuite } from './rollback-suite';

csvRollbackSuite('postgres');
