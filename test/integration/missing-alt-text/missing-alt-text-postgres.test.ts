import { missingAltTextSuite } from './suite';

missingAltTextSuite('postgres');
