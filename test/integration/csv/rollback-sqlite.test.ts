import { csvRollbackSuite } from './rollback-suite';

csvRollbackSuite('sqlite');
