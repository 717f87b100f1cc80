import type { Document } from 'bson';
import { fromEngineError } from '../errors/engine-error.js';

/** A `writeErrors` entry for statement `index`, in the shape the server replies. */
export function writeError(index: number, error: unknown): Document {
  const failure = fromEngineError(error);
  return { index, code: failure.code, errmsg: failure.message, ...failure.extra };
}

/** Adds `writeErrors` to a write reply when there were any. */
export function withWriteErrors(reply: Document, errors: Document[]): Document {
  return errors.length > 0 ? { ...reply, writeErrors: errors } : reply;
}
