export { ErrorCode } from './error-code.js';
export { AppError, badUserInput, forbidden, notFound, unauthenticated } from './app-error.js';
export { createFormatError, type FormatErrorOptions } from './format-error.js';
