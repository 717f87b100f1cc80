import { Counter, Gauge, type Registry } from 'prom-client';

/** What the subgraph policies count, per subgraph; registered once on the gateway's registry. */
export interface PolicyMetrics {
  /** A query fetch is tried again after a transient failure. */
  retried(serviceName: string): void;
  /** The subgraph's circuit changed state. */
  circuit(serviceName: string, state: CircuitState): void;
}

export type CircuitState = 'closed' | 'half-open' | 'open';

const circuitValue: Record<CircuitState, number> = { closed: 0, 'half-open': 1, open: 2 };

export function createPolicyMetrics(registry: Registry): PolicyMetrics {
  const retries = new Counter({
    name: 'gateway_subgraph_retries_total',
    help: 'Query fetches tried again after a transient subgraph failure',
    labelNames: ['subgraph'],
    registers: [registry],
  });
  const circuits = new Gauge({
    name: 'gateway_subgraph_circuit_state',
    help: "A subgraph's circuit breaker: 0 closed, 1 half-open (probing), 2 open (failing fast)",
    labelNames: ['subgraph'],
    registers: [registry],
  });
  const opened = new Counter({
    name: 'gateway_subgraph_circuit_opened_total',
    help: "Times a subgraph's circuit opened",
    labelNames: ['subgraph'],
    registers: [registry],
  });
  return {
    retried: (subgraph) => retries.inc({ subgraph }),
    circuit: (subgraph, state) => {
      circuits.set({ subgraph }, circuitValue[state]);
      if (state === 'open') opened.inc({ subgraph });
    },
  };
}

/** For callers with no registry (tests of one policy). */
export const uncountedPolicies: PolicyMetrics = { retried: () => {}, circuit: () => {} };
