export { ReviewNotice } from './ReviewNotice';
export { ReviewPage } from './ReviewPage';
