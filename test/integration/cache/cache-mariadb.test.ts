import { cacheSuite } from './suite';

cacheSuite('mysql');
