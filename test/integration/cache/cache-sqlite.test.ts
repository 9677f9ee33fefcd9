import { cacheSuite } from './suite';

cacheSuite('sqlite');
