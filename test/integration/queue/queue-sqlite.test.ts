import { queueSuite } from './suite';

queueSuite('sqlite');
