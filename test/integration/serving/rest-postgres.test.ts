import { servingRestSuite } from './rest-suite';

servingRestSuite('postgres');
