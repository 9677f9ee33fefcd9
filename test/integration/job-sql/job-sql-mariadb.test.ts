import { jobSqlSuite } from './suite';

jobSqlSuite('mysql');
