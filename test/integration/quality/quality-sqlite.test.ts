import { qualitySuite } from './suite';

qualitySuite('sqlite');
