import { clusterLimitsReplicasSuite } from './cluster-limits-suite';

clusterLimitsReplicasSuite('postgres');
