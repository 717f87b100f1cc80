import type { ApolloGateway } from '@apollo/gateway';
import type { ReadinessCheck } from '@fedshop/service-kit';

/** Ready once the gateway has loaded a supergraph (from the file, introspection or uplink). */
export function supergraphReadiness(gateway: ApolloGateway): ReadinessCheck {
  let loaded = false;
  gateway.onSchemaLoadOrUpdate(() => {
    loaded = true;
  });
  return { name: 'supergraph', check: async () => loaded };
}
