export { ErrorCode } from './error-code.js';
export {
  AppError,
  badUserInput,
  forbidden,
  notFound,
  tooManyRequests,
  unauthenticated,
} from './app-error.js';
export {
  boundaryError,
  sendBoundaryError,
  type BoundaryErrorOptions,
  type BoundaryResponse,
} from './boundary-error.js';
export { createFormatError, type FormatErrorOptions } from './format-error.js';
