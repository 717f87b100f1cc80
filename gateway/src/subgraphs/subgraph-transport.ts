import type { SubgraphAnswer, SubgraphFetch } from './subgraph-fetch.js';
import {
  SubgraphBadResponse,
  SubgraphHttpError,
  SubgraphResponseTooLarge,
} from './subgraph-failures.js';

/**
 * POSTs a fetch over Node's fetch (undici pools keep-alive connections per origin) and reads
 * the answer up to `maxResponseBytes`: the count is checked as the bytes stream in, so an
 * oversized answer is cut off there, never buffered whole.
 */
export function subgraphTransport(maxResponseBytes: number) {
  return async ({ url, headers, body, signal }: SubgraphFetch): Promise<SubgraphAnswer> => {
    const response = await fetch(url, { method: 'POST', headers, body, signal });
    if (!response.ok) {
      await response.body?.cancel();
      throw new SubgraphHttpError(response.status);
    }
    const text = await readCapped(response, maxResponseBytes);
    let answer: unknown;
    try {
      answer = JSON.parse(text);
    } catch {
      throw new SubgraphBadResponse('the answer is not JSON');
    }
    if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) {
      throw new SubgraphBadResponse('the answer is not a JSON object');
    }
    return answer as SubgraphAnswer;
  };
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new SubgraphResponseTooLarge(maxBytes);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new SubgraphResponseTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total).toString('utf8');
}
