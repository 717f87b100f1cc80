// The suites `npm run bench` knows, by name.
import type { BenchArgs, SuiteName } from './cli-args.js';
import { runEmbeddedMongoSuite } from './embedded-mongo-suite.js';
import { gatewayNotes, gatewayPanels, gatewayTables } from './gateway-report.js';
import { quickGatewayOptions, runGatewaySuite } from './gateway-suite.js';
import { ourTargets } from './gateways.js';
import type { ChartPanel, ReportTable } from './report.js';
import { workflowNotes, workflowPanels, workflowTables } from './workflow-report.js';
import { quickWorkflowOptions, runWorkflowSuite } from './workflow-suite.js';

export interface SuiteOutcome {
  notes: string[];
  tables: ReportTable[];
  panels: ChartPanel[];
  results: unknown;
}

export type Suite =
  | {
      name: SuiteName;
      available: true;
      run(args: BenchArgs, log: (line: string) => void): Promise<SuiteOutcome>;
    }
  | { name: SuiteName; available: false; reason: string };

export const suites: Record<SuiteName, Suite> = {
  gateway: {
    name: 'gateway',
    available: true,
    async run(args, log) {
      const defaults = quickGatewayOptions(args.quick);
      const result = await runGatewaySuite({
        modes: args.gateway.modes ?? ['gateway-bound', 'end-to-end'],
        rounds: args.gateway.rounds ?? defaults.rounds,
        durationSeconds: args.gateway.duration ?? defaults.durationSeconds,
        initialWarmupRequests: defaults.initialWarmupRequests,
        minimumPerConnection: defaults.minimumPerConnection,
        warmupPerConnection: defaults.warmupPerConnection,
        concurrency: args.gateway.concurrency ?? [1, 10, 50],
        ourTargets: ourTargets(args.gateway.edge ?? ['on'], args.gateway.internalTokens ?? []),
        overload: args.gateway.overload,
        onProgress: log,
      });
      return {
        notes: gatewayNotes(result),
        tables: gatewayTables(result),
        panels: gatewayPanels(result),
        results: result,
      };
    },
  },
  workflow: {
    name: 'workflow',
    available: true,
    async run(args, log) {
      const defaults = quickWorkflowOptions(args.quick);
      const result = await runWorkflowSuite({
        rounds: args.gateway.rounds ?? defaults.rounds,
        durationSeconds: args.gateway.duration ?? defaults.durationSeconds,
        concurrency: args.gateway.concurrency ?? [1, 10, 50],
        onProgress: log,
      });
      return {
        notes: workflowNotes(result),
        tables: workflowTables(result),
        panels: workflowPanels(result),
        results: result,
      };
    },
  },
  'embedded-mongo': {
    name: 'embedded-mongo',
    available: true,
    async run(args, log) {
      const { report, options, tables, panels } = await runEmbeddedMongoSuite(args, log);
      return { notes: [], tables, panels, results: { options, ...report } };
    },
  },
};
