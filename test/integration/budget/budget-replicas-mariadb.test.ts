import { budgetReplicasSuite } from './budget-replicas-suite';

budgetReplicasSuite('mysql');
