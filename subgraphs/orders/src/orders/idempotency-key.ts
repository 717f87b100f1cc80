import { badUserInput } from '@fedshop/errors';

/** How long a key is remembered. @defaultValue 24 h (`IDEMPOTENCY_KEY_TTL_HOURS`) */
export const defaultIdempotencyKeyTtlHours = 24;

const keyPattern = /^[A-Za-z0-9._:-]{1,100}$/;

/** Null when the client sent none; BAD_USER_INPUT (field `idempotencyKey`) when malformed. */
export function validIdempotencyKey(key: string | null | undefined): string | null {
  if (key === null || key === undefined) return null;
  if (typeof key !== 'string' || !keyPattern.test(key)) {
    throw badUserInput(
      'idempotencyKey',
      "idempotencyKey must be 1 to 100 letters, digits, '-', '_', '.' or ':'",
    );
  }
  return key;
}

/** Same lines, whatever their order: the retry of a placement asks for the same thing. */
export function sameLines(
  a: readonly { productId: string; quantity: number }[],
  b: readonly { productId: string; quantity: number }[],
): boolean {
  if (a.length !== b.length) return false;
  const quantities = new Map(a.map((line) => [line.productId, line.quantity]));
  return b.every((line) => quantities.get(line.productId) === line.quantity);
}
