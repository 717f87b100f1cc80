import type { Role } from '@fedshop/auth';

/** A user as the rest of the service sees it: plain data, never the password hash. */
export interface UserRecord {
  id: string;
  /** Trimmed and lower-cased. */
  email: string;
  name: string;
  role: Role;
  createdAt: Date;
}
