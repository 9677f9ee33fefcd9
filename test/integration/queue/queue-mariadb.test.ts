import { queueSuite } from './suite';

queueSuite('mysql');
