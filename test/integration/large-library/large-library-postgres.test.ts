import { largeLibrarySuite } from './suite';

largeLibrarySuite('postgres');
