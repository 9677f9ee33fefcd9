import { queueSuite } from './suite';

queueSuite('postgres');
