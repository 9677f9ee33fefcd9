import { largeLibrarySuite } from './suite';

largeLibrarySuite('sqlite');
