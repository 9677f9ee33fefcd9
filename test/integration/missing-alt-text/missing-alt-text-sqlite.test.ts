import { missingAltTextSuite } from './suite';

missingAltTextSuite('sqlite');
