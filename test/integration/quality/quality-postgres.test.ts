import { qualitySuite } from './suite';

qualitySuite('postgres');
