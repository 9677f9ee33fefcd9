import { replicasSuite } from './suite';

replicasSuite('mysql', 2);
