/**
 * Error codes and names as MongoDB reports them (see `src/mongo/base/error_codes.yml`
 * in the server sources). Only the ones this server can raise are listed.
 */
export const ErrorCodes = {
  InternalError: 1,
  BadValue: 2,
  FailedToParse: 9,
  UserNotFound: 11,
  Unauthorized: 13,
  TypeMismatch: 14,
  Overflow: 15,
  ProtocolError: 17,
  AuthenticationFailed: 18,
  IllegalOperation: 20,
  IndexNotFound: 27,
  PathNotViable: 28,
  NamespaceNotFound: 26,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  DollarPrefixedFieldName: 52,
  InvalidIdField: 53,
  CommandNotFound: 59,
  ImmutableField: 66,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  CommandNotSupported: 115,
  OperationNotSupportedInTransaction: 263,
  MechanismUnavailable: 334,
  Location40324: 40324,
  Location40414: 40414,
  Location40415: 40415,
  Location51003: 51003,
  Location51024: 51024,
  BSONObjectTooLarge: 10334,
  Location17419: 17419,
  DuplicateKey: 11000,
} as const;

export type ErrorCodeName = keyof typeof ErrorCodes;

const codeNames = new Map<number, string>(
  Object.entries(ErrorCodes).map(([name, code]) => [code, name]),
);

/** An error that a command reports to the client as `{ ok: 0, errmsg, code, codeName }`. */
export class MongoCommandError extends Error {
  readonly code: number;
  readonly codeName: string;
  /** Extra reply fields, e.g. `keyPattern`/`keyValue` of a duplicate key error. */
  readonly extra: Record<string, unknown>;

  constructor(code: number, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.name = 'MongoCommandError';
    this.code = code;
    this.codeName = codeNames.get(code) ?? 'UnknownError';
    this.extra = extra;
  }

  static of(
    name: ErrorCodeName,
    message: string,
    extra?: Record<string, unknown>,
  ): MongoCommandError {
    return new MongoCommandError(ErrorCodes[name], message, extra);
  }
}
