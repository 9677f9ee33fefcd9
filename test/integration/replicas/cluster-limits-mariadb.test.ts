import { clusterLimitsReplicasSuite } from './cluster-limits-suite';

clusterLimitsReplicasSuite('mysql');
