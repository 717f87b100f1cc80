import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFileJournal } from '../src/persistence/file-journal.js';

const fileJournalModule = fileURLToPath(
  new URL('../src/persistence/file-journal.ts', import.meta.url),
);
const tsx = import.meta.resolve('tsx');

/**
 * The child: a toy store (a Map) journaled through openFileJournal with a tiny
 * compaction threshold, written by several concurrent writers. Every acknowledged
 * append is reported on stdout as `<key> <seq>`; each completed compaction as `C`.
 * Keys `k0`..`k49` are overwritten again and again, `u<seq>` keys are written once.
 */
const childScript = `
import { openFileJournal } from ${JSON.stringify(fileJournalModule)};
const store = new Map();
const quiet = { info() {}, warn() {} };
const { persistence, records } = await openFileJournal({
  dir: process.env.JOURNAL_DIR,
  compactAfterBytes: 16 * 1024,
  logger: quiet,
  snapshot: function* () {
    for (const [key, doc] of store) yield { op: 'put', db: 'd', coll: 'c', doc };
  },
});
for (const r of records) if (r.op === 'put') store.set(r.doc._id, r.doc);
let seq = Number(process.env.FIRST_SEQ);
let compactions = 0;
async function writer() {
  for (;;) {
    const n = seq++;
    const key = n % 5 === 0 ? 'u' + n : 'k' + (n % 50);
    const doc = { _id: key, seq: n, pad: 'x'.repeat(64) };
    store.set(key, doc);
    await persistence.append([{ op: 'put', db: 'd', coll: 'c', doc }]);
    let out = key + ' ' + n + '\\n';
    if (persistence.compactions > compactions) { compactions = persistence.compactions; out += 'C\\n'; }
    process.stdout.write(out);
  }
}
await Promise.all(Array.from({ length: 16 }, writer));
`;

describe('journal durability across a kill -9 during appends and compactions', () => {
  let dir: string;
  const children: ChildProcess[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'embedded-mongo-journal-crash-'));
  });
  afterEach(async () => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  /** Runs the child until it has acknowledged `acks` appends and compacted, then kills it. */
  async function runAndKill(
    firstSeq: number,
    acks: number,
    acked: Map<string, number>,
  ): Promise<number> {
    const child = spawn(
      process.execPath,
      ['--import', tsx, '--input-type=module', '-e', childScript],
      {
        env: { ...process.env, JOURNAL_DIR: dir, FIRST_SEQ: String(firstSeq) },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.push(child);
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let buffered = '';
    let count = 0;
    let compactions = 0;
    let maxSeq = firstSeq;
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        for (const line of lines) {
          if (line === 'C') {
            compactions += 1;
            continue;
          }
          const [key, seq] = line.split(' ');
          acked.set(key!, Math.max(acked.get(key!) ?? -1, Number(seq)));
          maxSeq = Math.max(maxSeq, Number(seq));
          count += 1;
        }
        if (count >= acks && compactions >= 2) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      void exited.then(() => reject(new Error(`child exited early: ${stderr}`)));
    });
    expect(await exited).toBe('SIGKILL');
    return maxSeq + 1000;
  }

  it('when killed repeatedly mid-write, then every acknowledged append survives, compactions included', async () => {
    const acked = new Map<string, number>();
    let next = 0;
    for (let round = 0; round < 3; round++) next = await runAndKill(next, 600 + round * 300, acked);

    const recovered = new Map<string, number>();
    const { persistence, records } = await openFileJournal({ dir, snapshot: () => [] });
    await persistence.close();
    for (const record of records) {
      if (record.op === 'put') recovered.set(String(record.doc['_id']), Number(record.doc['seq']));
    }
    const lost = [...acked].filter(([key, seq]) => (recovered.get(key) ?? -1) < seq);

    expect(acked.size).toBeGreaterThan(500);
    expect(lost).toEqual([]);
  });
});
