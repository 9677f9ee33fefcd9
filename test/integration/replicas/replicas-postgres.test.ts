import { replicasSuite } from './suite';

replicasSuite('postgres', 2);
