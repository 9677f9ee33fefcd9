import { contextResolutionSuite } from './resolution-suite';

contextResolutionSuite('sqlite');
