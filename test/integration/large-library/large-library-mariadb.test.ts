import { largeLibrarySuite } from './suite';

largeLibrarySuite('mysql');
