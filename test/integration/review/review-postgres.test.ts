import { reviewSuite } from './suite';

reviewSuite('postgres');
