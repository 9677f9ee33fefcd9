import { runEnqueueSuite } from './run-enqueue-suite';

runEnqueueSuite('mysql');
