import { servingRestSuite } from './rest-suite';

servingRestSuite('sqlite');
