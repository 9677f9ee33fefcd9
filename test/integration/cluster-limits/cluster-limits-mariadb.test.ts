import { clusterLimitsSuite } from './suite';

clusterLimitsSuite('mysql');
