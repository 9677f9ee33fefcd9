import { reviewSuite } from './suite';

reviewSuite('sqlite');
