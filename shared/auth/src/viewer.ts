export const roles = ['CUSTOMER', 'ADMIN'] as const;
export type Role = (typeof roles)[number];

/** The verified caller, as the gateway forwards it to subgraphs. */
export interface Viewer {
  userId: string;
  role: Role;
}

export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (roles as readonly string[]).includes(value);
