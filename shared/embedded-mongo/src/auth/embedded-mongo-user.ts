/** A user the server is started with (`startEmbeddedMongo({ users })`, `--auth-file`). */
export interface EmbeddedMongoUser {
  readonly username: string;
  /** Kept only as SCRAM-SHA-256 keys (salted); never stored or logged as given. */
  readonly password: string;
  /**
   * The database the user authenticates against (the driver's `authSource`, by default
   * the database in the connection string) and may use. A user of `admin` may use every
   * database. @defaultValue "admin"
   */
  readonly db?: string;
}

/** The database of users given without one, as mongod's root users live in `admin`. */
export const defaultUserDb = 'admin';

/** Checks the users option; the message names the bad entry. */
export function validateUsers(users: unknown): EmbeddedMongoUser[] {
  if (!Array.isArray(users) || users.length === 0) {
    throw new TypeError(
      'users must be a non-empty array of { username, password, db? } ' +
        '(leave it out to run without authentication)',
    );
  }
  const seen = new Set<string>();
  return users.map((user: unknown, index) => {
    const where = `users[${index}]`;
    if (typeof user !== 'object' || user === null)
      throw new TypeError(`${where} must be an object`);
    const { username, password, db = defaultUserDb } = user as Record<string, unknown>;
    if (typeof username !== 'string' || username === '') {
      throw new TypeError(`${where}.username must be a non-empty string`);
    }
    if (typeof password !== 'string' || password === '') {
      throw new TypeError(`${where}.password must be a non-empty string`);
    }
    if (typeof db !== 'string' || !isValidDbName(db)) {
      throw new TypeError(`${where}.db must be a database name, got ${JSON.stringify(db)}`);
    }
    const key = userKey(db, username);
    if (seen.has(key)) throw new TypeError(`${where}: user ${username}@${db} is listed twice`);
    seen.add(key);
    return { username, password, db };
  });
}

/** A user's `_id` in `admin.system.users`, as mongod writes it: `<db>.<username>`. */
export function userKey(db: string, username: string): string {
  return `${db}.${username}`;
}

export function isValidDbName(db: string): boolean {
  return db !== '' && !/[/\\. "$\0]/.test(db);
}
