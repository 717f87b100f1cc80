// The baseline: stock @apollo/gateway + @apollo/server with default settings (run with
// NODE_ENV=production). Nothing of fedshop's but what the subgraphs need to accept its
// calls: an internal token for the benchmark's admin (BASELINE_VIEWER), signed with the
// run's internal key (INTERNAL_SIGNING_KEYS_FILE) per subgraph, reused for 30 s as our
// gateway does for its own calls, set in willSendRequest.
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import {
  readPrivateKeySet,
  signingKeyOf,
  createInternalTokenSigner,
  type Viewer,
} from '@fedshop/auth';
import { internalHeadersFor } from './bench-keys.js';

const env = process.env;
const supergraphSdl = readFileSync(env.SUPERGRAPH_PATH ?? 'supergraph.graphql', 'utf8');
const urls = new Map(
  (env.SUBGRAPH_URLS ?? '')
    .split(',')
    .filter(Boolean)
    .map((pair) => pair.split('=') as [string, string]),
);
const keysFile = env.INTERNAL_SIGNING_KEYS_FILE ?? '';
const sign = createInternalTokenSigner(
  await signingKeyOf(
    readPrivateKeySet(keysFile, 'INTERNAL_SIGNING_KEYS_FILE'),
    undefined,
    'INTERNAL_SIGNING_KEYS_FILE',
  ),
);
const headersFor = internalHeadersFor(sign, JSON.parse(env.BASELINE_VIEWER ?? '{}') as Viewer);

class BaselineDataSource extends RemoteGraphQLDataSource {
  constructor(
    private readonly subgraphName: string,
    url: string | undefined,
  ) {
    super({ url });
  }

  override async willSendRequest({ request }: GraphQLDataSourceProcessOptions): Promise<void> {
    for (const [name, value] of Object.entries(await headersFor(this.subgraphName))) {
      request.http?.headers.set(name, value);
    }
  }
}

const gateway = new ApolloGateway({
  supergraphSdl,
  buildService: ({ name, url }) => new BaselineDataSource(name, urls.get(name) ?? url),
});
const server = new ApolloServer({ gateway });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(env.BASELINE_PORT ?? 4000), host: env.HOST || '127.0.0.1' },
});
console.log(`baseline gateway ready at ${url}`);
