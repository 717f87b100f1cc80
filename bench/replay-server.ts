// A replay subgraph process: serves the recorded answers of every subgraph, each on
// its own port (`REPLAY_PORTS=users=4101,products=4102,...`), so the gateway in front
// of it, not the subgraphs, is the bottleneck. An unknown call gets a GraphQL error
// (the gateway's answer then fails its check); a call without the identity headers the
// real subgraphs need is refused the same way.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readRecording, replayKey } from './recording.js';

const recordingPath = process.env.REPLAY_RECORDING ?? '';
const ports = (process.env.REPLAY_PORTS ?? '').split(',').map((pair) => {
  const [name = '', port = ''] = pair.split('=');
  return { name, port: Number(port) };
});
const host = process.env.HOST || '127.0.0.1';

const recording = await readRecording(recordingPath);
const answers = new Map<string, Buffer>();
for (const call of recording.calls) {
  answers.set(replayKey(call.subgraph, call.query, call.variables), Buffer.from(call.answer));
}

function refuse(res: ServerResponse, message: string): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ errors: [{ message: `replay: ${message}` }] }));
}

function handler(subgraph: string) {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET' && req.url === '/readyz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (!req.headers.authorization?.startsWith('Bearer '))
        return refuse(res, 'no internal token');
      let body: { query?: string; variables?: unknown };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return refuse(res, 'body is not JSON');
      }
      const answer = answers.get(replayKey(subgraph, body.query ?? '', body.variables));
      if (!answer) return refuse(res, `no recorded answer for this ${subgraph} call`);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': answer.length });
      res.end(answer);
    });
  };
}

for (const { name, port } of ports) {
  const server = createServer({ keepAliveTimeout: 60_000 }, handler(name));
  server.listen(port, host);
}
process.on('SIGTERM', () => process.exit(0));
