import { cacheSuite } from './suite';

cacheSuite('postgres');
