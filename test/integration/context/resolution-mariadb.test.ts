import { contextResolutionSuite } from './resolution-suite';

contextResolutionSuite('mysql');
