/** The unique email index rejected an insert: the address already has an account. */
export class DuplicateEmailError extends Error {
  override readonly name = 'DuplicateEmailError';

  constructor() {
    super('An account with this email already exists');
  }
}
