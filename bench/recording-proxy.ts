// Stands between a gateway and one real subgraph while capturing: forwards each call
// and notes what was asked, what came back, and when (for the plan's stages).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ObservedCall {
  subgraph: string;
  query: string;
  variables: unknown;
  answer: string;
  startedAt: number;
  endedAt: number;
}

export interface RecordingProxy {
  url: string;
  close(): Promise<void>;
}

export async function startRecordingProxy(
  subgraph: string,
  targetUrl: string,
  observed: ObservedCall[],
): Promise<RecordingProxy> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const startedAt = performance.now();
      const body = Buffer.concat(chunks).toString('utf8');
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string' && !['host', 'content-length', 'connection'].includes(name)) {
          headers[name] = value;
        }
      }
      void fetch(targetUrl, { method: 'POST', headers, body })
        .then(async (response) => {
          const answer = await response.text();
          if (req.method === 'POST') {
            const { query, variables } = JSON.parse(body) as { query: string; variables?: unknown };
            observed.push({
              subgraph,
              query,
              variables: variables ?? {},
              answer,
              startedAt,
              endedAt: performance.now(),
            });
          }
          res.writeHead(response.status, { 'content-type': 'application/json' }).end(answer);
        })
        .catch((error: Error) => res.writeHead(502).end(error.message));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A call and the calls that waited for its answer (the query plan's dependencies). */
export interface CallNode<T> {
  call: T;
  then: CallNode<T>[];
}

/**
 * Rebuilds one request's plan from its calls' timing: a call depends on the call that
 * ended last before it started; calls that started before any had ended are the roots.
 */
export function planTree<T extends { startedAt: number; endedAt: number }>(
  calls: T[],
): CallNode<T>[] {
  const sorted = [...calls].sort((a, b) => a.startedAt - b.startedAt);
  const nodes = sorted.map((call) => ({ call, then: [] as CallNode<T>[] }));
  const roots: CallNode<T>[] = [];
  for (const node of nodes) {
    let parent: CallNode<T> | undefined;
    for (const other of nodes) {
      if (other.call.endedAt <= node.call.startedAt) {
        if (!parent || other.call.endedAt > parent.call.endedAt) parent = other;
      }
    }
    (parent ? parent.then : roots).push(node);
  }
  return roots;
}
