import { contextResolutionSuite } from './resolution-suite';

contextResolutionSuite('postgres');
