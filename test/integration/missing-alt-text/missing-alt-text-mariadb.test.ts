import { missingAltTextSuite } from './suite';

missingAltTextSuite('mysql');
