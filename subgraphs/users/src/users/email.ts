/** Emails are compared and stored trimmed and lower-cased, so `A@x.io` and `a@x.io ` are one account. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** RFC 5321 caps an address at 254 characters. */
export const maxEmailLength = 254;

// Deliberately loose: one `@`, no spaces, a dot in the domain. Deliverability is not our call.
const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;

export function isEmailShape(email: string): boolean {
  return email.length <= maxEmailLength && emailShape.test(email);
}
