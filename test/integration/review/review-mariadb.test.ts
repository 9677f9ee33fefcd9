import { reviewSuite } from './suite';

reviewSuite('mysql');
