/** Another live process holds the dbpath lock. */
export class DbPathInUseError extends Error {
  /** Stable code for callers that branch on the kind of failure. */
  readonly code = 'DBPATH_IN_USE';

  constructor(
    /** The dbpath directory. */
    readonly dir: string,
    /** Pid written in the lock file. */
    readonly pid: number,
    /** The lock file. */
    readonly lockFile: string,
  ) {
    super(`dbpath ${dir} is in use by process ${pid} (lock file ${lockFile})`);
    this.name = 'DbPathInUseError';
  }
}
