// `npm run bench:record`: captures the replay subgraphs' answers. Starts the real
// subgraphs on the fixed data set, puts a recording proxy in front of each, sends every
// benchmark request through our gateway (its answers become the expected ones) and then
// through stock @apollo/gateway (which must answer the same), and writes
// bench/recordings/gateway-subgraphs.json.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchKeys } from './bench-keys.js';
import { subgraphServices } from '../scripts/lib/services.js';
import { countEntities } from './expected-answer.js';
import { startGateway, type GatewayTarget, type RunningGateway } from './gateways.js';
import { gatewayRecordingPath } from './paths.js';
import { launchSettings, startRealSystem } from './real-system.js';
import {
  planTree,
  startRecordingProxy,
  type CallNode,
  type ObservedCall,
  type RecordingProxy,
} from './recording-proxy.js';
import {
  replayKey,
  writeRecording,
  type RecordedCall,
  type PlanNode,
  type RecordedRequest,
  type Recording,
} from './recording.js';
import {
  benchViewer,
  buildScenarios,
  defaultPools,
  gatewayScenarios,
  type GatewayScenario,
  type RequestVariant,
} from './scenarios.js';
import { defaultSeedSize } from './seed-data.js';

/** The heavy scenario must resolve at least this many entities per request. */
export const minimumHeavyEntities = 200;

const size = defaultSeedSize;
const logDir = await mkdtemp(join(tmpdir(), 'fedshop-bench-record-'));
const settings = await launchSettings(logDir);
const keys = await benchKeys(logDir);
const token = await keys.accessToken(benchViewer, '1h');
const observed: ObservedCall[] = [];
const proxies: RecordingProxy[] = [];

console.error(`capturing (logs in ${logDir})`);
const system = await startRealSystem({ size, settings, logDir, keyEnv: keys.env });
let gateway: RunningGateway | undefined;
try {
  for (const spec of subgraphServices) {
    proxies.push(
      await startRecordingProxy(spec.name, system.subgraphUrls.get(spec.name)!, observed),
    );
  }
  const launch = {
    settings,
    subgraphUrls: subgraphServices.map((spec, i) => `${spec.name}=${proxies[i]!.url}`).join(','),
    keyEnv: keys.env,
    viewer: benchViewer,
    cpu: undefined,
    logDir,
  };
  const ask = async (variant: RequestVariant): Promise<string> => {
    const response = await fetch(gateway!.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(variant),
    });
    const text = await response.text();
    const parsed = JSON.parse(text) as { errors?: unknown };
    if (!response.ok || parsed.errors) {
      throw new Error(`${gateway!.target} answered ${response.status}: ${text.slice(0, 500)}`);
    }
    return text;
  };

  gateway = await startGateway('ours', launch);
  const productCursors: string[] = [];
  for (let after: string | null = null; ;) {
    const page = JSON.parse(
      await ask({
        query:
          'query Pages($after: String) { products(first: 20, after: $after) { pageInfo { hasNextPage endCursor } } }',
        variables: { after },
      }),
    ) as { data: { products: { pageInfo: { hasNextPage: boolean; endCursor: string } } } };
    const { hasNextPage, endCursor } = page.data.products.pageInfo;
    if (!hasNextPage) break;
    productCursors.push(endCursor);
    after = endCursor;
  }
  const scenarios = buildScenarios({ size, productCursors, pool: defaultPools });
  observed.length = 0;

  const capture = async (scenario: GatewayScenario, variant: RequestVariant) => {
    const before = observed.length;
    const expected = await ask(variant);
    const calls = observed.slice(before);
    const recorded: RecordedRequest & { tree?: CallNode<ObservedCall>[] } = {
      ...variant,
      expected,
    };
    if (scenario === 'heavy') {
      const entities = countEntities(JSON.parse(expected));
      if (entities < minimumHeavyEntities) {
        throw new Error(
          `the heavy query resolved ${entities} entities, fewer than ${minimumHeavyEntities}`,
        );
      }
      recorded.tree = planTree(calls);
    }
    return recorded;
  };
  const captured = {} as Record<
    GatewayScenario,
    {
      identical: Awaited<ReturnType<typeof capture>>;
      varied: Awaited<ReturnType<typeof capture>>[];
    }
  >;
  for (const scenario of gatewayScenarios) {
    const { identical, varied } = scenarios[scenario];
    captured[scenario] = {
      identical: await capture(scenario, identical),
      varied: [],
    };
    for (const variant of varied) captured[scenario].varied.push(await capture(scenario, variant));
  }
  await gateway.child.stop();

  // The baseline must give the same answers, through calls that were all recorded.
  gateway = await startGateway('stock' satisfies GatewayTarget, launch);
  for (const scenario of gatewayScenarios) {
    const { identical, varied } = captured[scenario];
    for (const request of [identical, ...varied]) {
      const answer = await ask(request);
      if (answer !== request.expected) {
        throw new Error(
          `stock @apollo/gateway answered ${scenario} differently:\n${answer.slice(0, 300)}`,
        );
      }
    }
  }
  await gateway.child.stop();
  gateway = undefined;

  const index = new Map<string, number>();
  const calls: RecordedCall[] = [];
  const indexOf = (call: ObservedCall) => {
    const key = replayKey(call.subgraph, call.query, call.variables);
    if (!index.has(key)) index.set(key, calls.push(toRecordedCall(call)) - 1);
    return index.get(key)!;
  };
  const toPlan = (nodes: CallNode<ObservedCall>[]): PlanNode[] =>
    nodes.map((node) => ({ call: indexOf(node.call), then: toPlan(node.then) }));
  const finish = ({ tree, ...request }: (typeof captured)[GatewayScenario]['identical']) =>
    tree ? { ...request, plan: toPlan(tree) } : request;
  const scenarioRecords = {} as Recording['scenarios'];
  for (const scenario of gatewayScenarios) {
    scenarioRecords[scenario] = {
      identical: finish(captured[scenario].identical),
      varied: captured[scenario].varied.map(finish),
    };
  }
  for (const call of observed) indexOf(call);
  const recording: Recording = {
    version: 1,
    capturedAt: new Date().toISOString(),
    seed: size,
    scenarios: scenarioRecords,
    calls,
  };
  await writeRecording(gatewayRecordingPath, recording);
  console.error(`wrote ${gatewayRecordingPath}: ${calls.length} subgraph calls`);
} finally {
  await gateway?.child.stop();
  for (const proxy of proxies) await proxy.close();
  await system.stop();
}
await rm(logDir, { recursive: true, force: true });

function toRecordedCall({ subgraph, query, variables, answer }: ObservedCall): RecordedCall {
  return { subgraph, query, variables, answer };
}
