// The baseline: stock @apollo/gateway + @apollo/server with default settings (run with
// NODE_ENV=production). Nothing of fedshop's but what the subgraphs need to accept its
// calls: the identity headers of the benchmark's admin (x-fedshop-user-id and
// x-fedshop-user-role, in BASELINE_SUBGRAPH_HEADERS), set on every subgraph request.
// Internal service tokens (issue 9) belong in the same hook.
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

const env = process.env;
const supergraphSdl = readFileSync(env.SUPERGRAPH_PATH ?? 'supergraph.graphql', 'utf8');
const urls = new Map(
  (env.SUBGRAPH_URLS ?? '')
    .split(',')
    .filter(Boolean)
    .map((pair) => pair.split('=') as [string, string]),
);
const subgraphHeaders = JSON.parse(env.BASELINE_SUBGRAPH_HEADERS ?? '{}') as Record<string, string>;

class BaselineDataSource extends RemoteGraphQLDataSource {
  override willSendRequest({ request }: GraphQLDataSourceProcessOptions): void {
    for (const [name, value] of Object.entries(subgraphHeaders)) {
      request.http?.headers.set(name, value);
    }
  }
}

const gateway = new ApolloGateway({
  supergraphSdl,
  buildService: ({ name, url }) => new BaselineDataSource({ url: urls.get(name) ?? url }),
});
const server = new ApolloServer({ gateway });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(env.BASELINE_PORT ?? 4000), host: env.HOST || '127.0.0.1' },
});
console.log(`baseline gateway ready at ${url}`);
