import { randomBytes } from 'node:crypto';
import { calculateObjectSize, Long, type Document } from 'bson';

/** @defaultValue 10 minutes, MongoDB's `cursorTimeoutMillis` default. */
export const defaultCursorTimeoutMs = 10 * 60 * 1000;

interface OpenCursor {
  readonly ns: string;
  readonly docs: Document[];
  position: number;
  lastUsed: number;
}

/**
 * Open cursors: results that did not fit in the first batch, served by getMore. Ids are
 * random positive int64 values (the driver requires a BSON Long); a cursor left idle for
 * longer than the timeout is closed by a periodic sweep.
 */
export class CursorRegistry {
  private readonly cursors = new Map<string, OpenCursor>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly timeoutMs = defaultCursorTimeoutMs) {
    this.sweeper = setInterval(() => this.sweep(), Math.min(timeoutMs, 60_000));
    this.sweeper.unref();
  }

  get size(): number {
    return this.cursors.size;
  }

  /** Registers the rest of a result; returns its id. */
  open(ns: string, docs: Document[], position: number): Long {
    let id: Long;
    do {
      id = Long.fromBytesBE([...randomBytes(8)]).and(Long.MAX_VALUE);
    } while (id.isZero() || this.cursors.has(id.toString()));
    this.cursors.set(id.toString(), { ns, docs, position, lastUsed: Date.now() });
    return id;
  }

  /** The next batch, or undefined when the cursor does not exist (or expired). */
  next(
    id: Long,
    ns: string,
    batchSize: number,
    maxBytes: number,
  ): { batch: Document[]; exhausted: boolean } | undefined {
    const key = id.toString();
    const cursor = this.cursors.get(key);
    if (!cursor || cursor.ns !== ns) return undefined;
    const batch = takeBatch(cursor.docs, cursor.position, batchSize, maxBytes);
    cursor.position += batch.length;
    cursor.lastUsed = Date.now();
    const exhausted = cursor.position >= cursor.docs.length;
    if (exhausted) this.cursors.delete(key);
    return { batch, exhausted };
  }

  kill(id: Long): boolean {
    return this.cursors.delete(id.toString());
  }

  /** Closes cursors idle for longer than the timeout. */
  sweep(now = Date.now()): void {
    for (const [key, cursor] of this.cursors) {
      if (now - cursor.lastUsed > this.timeoutMs) this.cursors.delete(key);
    }
  }

  close(): void {
    clearInterval(this.sweeper);
    this.cursors.clear();
  }
}

/** Up to `batchSize` documents (0 = no count limit) and roughly `maxBytes` of BSON. */
export function takeBatch(
  docs: Document[],
  from: number,
  batchSize: number,
  maxBytes: number,
): Document[] {
  const end = batchSize > 0 ? Math.min(docs.length, from + batchSize) : docs.length;
  const batch: Document[] = [];
  let bytes = 0;
  for (let i = from; i < end; i++) {
    const doc = docs[i] as Document;
    bytes += calculateObjectSize(doc);
    if (batch.length > 0 && bytes > maxBytes) break;
    batch.push(doc);
  }
  return batch;
}
