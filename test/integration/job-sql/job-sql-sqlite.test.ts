import { jobSqlSuite } from './suite';

jobSqlSuite('sqlite');
