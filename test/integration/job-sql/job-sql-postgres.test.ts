import { jobSqlSuite } from './suite';

jobSqlSuite('postgres');
