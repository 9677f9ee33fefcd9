import { replicasSuite } from './suite';

// One process: SQLite is a file on one machine, so replicas need a database server.
replicasSuite('sqlite', 1);
