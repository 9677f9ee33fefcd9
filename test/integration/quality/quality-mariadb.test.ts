import { qualitySuite } from './suite';

qualitySuite('mysql');
