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
 * Rebuilds one request's plan from its calls: an entity call depends on the call whose
 * answer held its representations (the latest such call that had ended before it
 * started); any other call on the call that ended last before it started. Calls that
 * started before any had ended are the roots.
 */
export function planTree<
  T extends { startedAt: number; endedAt: number; variables: unknown; answer: string },
>(calls: T[]): CallNode<T>[] {
  const sorted = [...calls].sort((a, b) => a.startedAt - b.startedAt);
  const nodes = sorted.map((call) => ({ call, then: [] as CallNode<T>[] }));
  const roots: CallNode<T>[] = [];
  for (const node of nodes) {
    const earlier = nodes
      .filter((other) => other.call.endedAt <= node.call.startedAt)
      .sort((a, b) => b.call.endedAt - a.call.endedAt);
    const ids = representationIds(node.call.variables);
    const parent =
      earlier.find(
        (other) => ids.length > 0 && ids.every((id) => other.call.answer.includes(id)),
      ) ?? earlier[0];
    (parent ? parent.then : roots).push(node);
  }
  return roots;
}

/** `"id":"…"` of each entity representation an entity call asks for. */
function representationIds(variables: unknown): string[] {
  const representations = (variables as { representations?: unknown } | null)?.representations;
  if (!Array.isArray(representations)) return [];
  return representations
    .map((rep) => (rep as { id?: unknown } | null)?.id)
    .filter((id): id is string => typeof id === 'string')
    .map((id) => `"id":${JSON.stringify(id)}`);
}
