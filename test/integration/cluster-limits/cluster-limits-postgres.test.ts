import { clusterLimitsSuite } from './suite';

clusterLimitsSuite('postgres');
