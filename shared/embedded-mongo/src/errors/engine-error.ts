import { MongoCommandError } from './mongo-error.js';

/** mingo's wording for some failures, and how MongoDB words and codes the same failure. */
const translations: [RegExp, (match: RegExpMatchArray) => MongoCommandError][] = [
  [
    /^unknown query operator (\$\w+)/,
    (m) => MongoCommandError.of('BadValue', `unknown operator: ${m[1]}`),
  ],
  [
    /^Cannot increment with non-numeric argument/,
    () => MongoCommandError.of('TypeMismatch', 'Cannot increment with non-numeric argument'),
  ],
  [
    /^Cannot multiply with non-numeric argument/,
    () => MongoCommandError.of('TypeMismatch', 'Cannot multiply with non-numeric argument'),
  ],
  [
    /^unregistered pipeline operator (\$\w+)/,
    (m) => MongoCommandError.of('Location40324', `Unrecognized pipeline stage name: '${m[1]}'`),
  ],
];

/**
 * Turns an error thrown by the query/update/aggregation engine into a command error,
 * using MongoDB's wording where it is known and BadValue (2) otherwise.
 */
export function fromEngineError(error: unknown): MongoCommandError {
  if (error instanceof MongoCommandError) return error;
  const message = error instanceof Error ? error.message : String(error);
  for (const [pattern, build] of translations) {
    const match = message.match(pattern);
    if (match) return build(match);
  }
  return MongoCommandError.of('BadValue', message);
}
