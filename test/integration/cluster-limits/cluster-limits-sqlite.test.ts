import { clusterLimitsSuite } from './suite';

clusterLimitsSuite('sqlite');
