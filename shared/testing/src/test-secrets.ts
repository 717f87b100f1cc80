/** A fixed HS256 secret for tests; never used outside them. */
export const testJwtSecret = 'test-only-secret-0123456789abcdef0123456789';
