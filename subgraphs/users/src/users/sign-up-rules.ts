import { badUserInput } from '@fedshop/errors';
import { isEmailShape, normaliseEmail } from './email.js';

export const passwordLength = { min: 8, max: 128 } as const;
export const nameLength = { min: 1, max: 100 } as const;

export interface SignUpInput {
  email: string;
  password: string;
  name: string;
}

/** The input as stored: email normalised, name trimmed. The password is left exactly as typed. */
export type ValidSignUpInput = SignUpInput;

/** Checks one field at a time, in form order, and names the first bad one (`extensions.field`). */
export function validateSignUpInput(input: SignUpInput): ValidSignUpInput {
  const email = normaliseEmail(input.email);
  if (!isEmailShape(email)) {
    throw badUserInput('email', 'Enter a valid email address');
  }
  // Counted in code points so an emoji is one character, as a user would count it.
  const passwordChars = [...input.password].length;
  if (passwordChars < passwordLength.min || passwordChars > passwordLength.max) {
    throw badUserInput(
      'password',
      `The password must be ${passwordLength.min} to ${passwordLength.max} characters long`,
    );
  }
  const name = input.name.trim();
  const nameChars = [...name].length;
  if (nameChars < nameLength.min || nameChars > nameLength.max) {
    throw badUserInput(
      'name',
      `The name must be ${nameLength.min} to ${nameLength.max} characters long`,
    );
  }
  return { email, password: input.password, name };
}
