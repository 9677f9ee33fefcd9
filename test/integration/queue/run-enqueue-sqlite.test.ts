import { runEnqueueSuite } from './run-enqueue-suite';

runEnqueueSuite('sqlite');
