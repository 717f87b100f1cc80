import type { GraphQLFormattedError } from 'graphql';
import { AppError } from './app-error.js';
import { ErrorCode } from './error-code.js';

export interface FormatErrorOptions {
  /** In production, unexpected errors lose their message and stack. */
  production: boolean;
  /** Called with every unexpected error so it is logged once, with its stack. */
  onUnexpectedError?: (error: unknown) => void;
}

const internalMessage = 'Internal server error';

/**
 * Apollo Server's `formatError`: AppErrors keep their message and gain their code;
 * GraphQL validation and input errors pass through; anything else is a bug, logged and
 * (in production) masked.
 */
export function createFormatError({ production, onUnexpectedError }: FormatErrorOptions) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = originalErrorOf(error);
    if (original instanceof AppError) {
      return {
        message: original.message,
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { ...original.details, code: original.code },
      };
    }
    const code = formatted.extensions?.code;
    if (code !== undefined && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      return production ? withoutSuggestions(withoutStack(formatted)) : formatted;
    }
    onUnexpectedError?.(original ?? error);
    if (!production) return formatted;
    return {
      message: internalMessage,
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

function originalErrorOf(error: unknown): unknown {
  let current = error;
  // Resolver errors arrive wrapped in GraphQLError (sometimes twice through the gateway).
  for (let depth = 0; depth < 5; depth += 1) {
    if (current instanceof AppError) return current;
    const next = (current as { originalError?: unknown } | null)?.originalError;
    if (next === undefined || next === null || next === current) return current;
    current = next;
  }
  return current;
}

/**
 * graphql-js appends ` Did you mean "x"?` (or `the enum value "X"`) to validation and
 * variable-coercion messages; in production that would list the schema to anyone guessing.
 */
const suggestion = /\s*Did you mean [^?]*\?/g;

function withoutSuggestions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const message = formatted.message.replace(suggestion, '');
  return message === formatted.message ? formatted : { ...formatted, message };
}

function withoutStack(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!formatted.extensions || !('stacktrace' in formatted.extensions)) return formatted;
  const { stacktrace: _stacktrace, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}
