import { GraphQLError } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { AppError, ErrorCode, badUserInput, createFormatError } from '@fedshop/errors';

const wrapped = (original: Error) =>
  new GraphQLError(original.message, { originalError: original, path: ['field'] });

describe('createFormatError', () => {
  it('when an AppError is thrown, then its code and details reach the client', () => {
    const format = createFormatError({ production: true });
    const error = wrapped(badUserInput('email', 'email must look like name@example.com'));
    const result = format({ message: error.message, path: ['field'] }, error);
    expect(result).toEqual({
      message: 'email must look like name@example.com',
      path: ['field'],
      extensions: { code: ErrorCode.BAD_USER_INPUT, field: 'email' },
    });
  });

  it('when an unexpected error happens in production, then its message is masked and logged', () => {
    const onUnexpectedError = vi.fn();
    const format = createFormatError({ production: true, onUnexpectedError });
    const bug = new Error('connection to mongodb://admin:secret@db failed');
    const result = format(
      { message: bug.message, extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['x'] } },
      wrapped(bug),
    );
    expect(result).toEqual({
      message: 'Internal server error',
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    });
    expect(onUnexpectedError).toHaveBeenCalledWith(bug);
  });

  it('when an unexpected error happens in development, then the message stays for debugging', () => {
    const format = createFormatError({ production: false });
    const result = format(
      { message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      wrapped(new Error('boom')),
    );
    expect(result.message).toBe('boom');
  });

  it('when a validation error has a code, then it passes through without a stack in production', () => {
    const format = createFormatError({ production: true });
    const result = format(
      {
        message: 'Cannot query field "nope" on type "Query".',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', stacktrace: ['at x'] },
      },
      new GraphQLError('Cannot query field "nope" on type "Query".'),
    );
    expect(result).toEqual({
      message: 'Cannot query field "nope" on type "Query".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('when a message suggests names, then production drops the suggestion and development keeps it', () => {
    // graphql-js's wording for an unknown field, a misspelt input field in a variable, an enum.
    const messages = [
      [
        'Cannot query field "nam" on type "User". Did you mean "name"?',
        'Cannot query field "nam" on type "User".',
      ],
      [
        'Variable "$input" got invalid value { nme: "Ada" }; Field "nme" is not defined by type "SignUpInput". Did you mean "name"?',
        'Variable "$input" got invalid value { nme: "Ada" }; Field "nme" is not defined by type "SignUpInput".',
      ],
      [
        'Value "SHIPED" does not exist in "OrderStatus" enum. Did you mean the enum value "SHIPPED" or "PAID"?',
        'Value "SHIPED" does not exist in "OrderStatus" enum.',
      ],
    ] as const;
    const production = createFormatError({ production: true });
    const development = createFormatError({ production: false });
    for (const [message, expected] of messages) {
      const formatted = { message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
      expect(production(formatted, new GraphQLError(message)).message).toBe(expected);
      expect(development(formatted, new GraphQLError(message)).message).toBe(message);
    }
  });

  it('when an AppError is raised directly, then it is recognised without wrapping', () => {
    const format = createFormatError({ production: true });
    const error = new AppError(ErrorCode.NOT_FOUND, 'Order 1 was not found', { id: '1' });
    expect(format({ message: error.message }, error).extensions).toEqual({
      code: ErrorCode.NOT_FOUND,
      id: '1',
    });
  });
});
