/**
 * Chain reads on the devnet: RPC calls and latency of a full TaoLens refresh (128 and 256 subnets, and
 * a 200-position portfolio), beside @taostats/sdk reading pool prices its own way against the same node.
 */
import { createRequire } from 'node:module';
import { openChainSession } from '../../lib/chain/session';
import { startDevnet } from '../devnet/index';
import { startRpcCounter } from './rpc-counter';
import { median, type BenchRow } from './table';

const RUNS = 7;

// @taostats/sdk ships CommonJS without an exports map; its price helper lives under helpers/network.
const require = createRequire(import.meta.url);
const { TaoStatsClient } = require('@taostats/sdk') as { TaoStatsClient: new (c: { rpcUrl: string }) => unknown };
const { getPoolPrices } = require('@taostats/sdk/dist/src/helpers/network') as {
  getPoolPrices(): Promise<Map<number, { price: { toString(): string } }>>;
};
const { ApiManager } = require('@taostats/sdk/dist/src/helpers/network/api-manager') as {
  ApiManager: { instance?: { api?: { disconnect(): Promise<void> } } };
};

async function measure(runs: number, counter: { reset(): void; total(): number }, fn: () => Promise<unknown>) {
  const times: number[] = [];
  const calls: number[] = [];
  for (let i = 0; i < runs; i++) {
    counter.reset();
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
    calls.push(counter.total());
  }
  return { ms: median(times), calls: median(calls) };
}

async function scenarioRows(scenario: 'default' | 'scale'): Promise<BenchRow[]> {
  const devnet = await startDevnet({ port: 0, scenario, blockMs: 0 });
  await devnet.control.produceBlock();
  const counter = await startRpcCounter(devnet.url);
  const session = await openChainSession(counter.url);
  const subnetCount = devnet.control.state().subnets.length;
  const at = (await session.api.rpc.chain.getFinalizedHead()).toHex();
  const first = await session.reader.read(at, [], []);
  const known = first.subnets.map((s) => s.netuid);

  const subnets = await measure(RUNS, counter, () => session.reader.read(at, [], known));
  const rows: BenchRow[] = [
    { name: `TaoLens: all ${subnetCount} subnets`, median: subnets.calls, unit: 'calls', target: 3, note: '2 runtime calls + 1 shared storage query' },
    { name: `TaoLens: all ${subnetCount} subnets`, median: subnets.ms, unit: 'ms', note: `median of ${RUNS}` },
  ];

  if (scenario === 'scale') {
    const alice = devnet.accounts.Alice!;
    const positions = (await session.reader.read(at, [alice], known)).portfolios[0]!.positions.length;
    const full = await measure(RUNS, counter, () => session.reader.read(at, [alice], known));
    const heldSubnets = new Set((await session.reader.read(at, [alice], known)).portfolios[0]!.positions.map((p) => p.netuid)).size;
    rows.push(
      { name: `TaoLens: subnets + ${positions}-position portfolio`, median: full.calls, unit: 'calls', note: `5 + ${heldSubnets - (heldSubnets && 1)} exit-value sims (one per held subnet)` },
      { name: `TaoLens: subnets + ${positions}-position portfolio`, median: full.ms, unit: 'ms', note: `median of ${RUNS}` },
    );
  }

  // @taostats/sdk keeps one ApiPromise per process (a singleton): measure it on the same counted node.
  new TaoStatsClient({ rpcUrl: counter.url });
  await getPoolPrices(); // connect once outside the measurement
  const sdk = await measure(RUNS, counter, () => getPoolPrices());
  const sdkPrices = await getPoolPrices();
  const ours = (await session.reader.read(at, [], known)).subnets;
  const off = ours.filter((s) => {
    const theirs = sdkPrices.get(s.netuid)?.price;
    if (!theirs) return true;
    const ratio = Number(theirs.toString()) / (Number(s.priceRao) / 1e9);
    return Math.abs(ratio - 1) > 0.001;
  }).length;
  rows.push(
    { name: `@taostats/sdk getPoolPrices (${subnetCount} subnets)`, median: sdk.calls, unit: 'calls', note: `${(sdk.calls / subnets.calls).toFixed(1)}× TaoLens' calls` },
    {
      name: `@taostats/sdk getPoolPrices (${subnetCount} subnets)`,
      median: sdk.ms,
      unit: 'ms',
      note: `${(sdk.ms / subnets.ms).toFixed(1)}× TaoLens' time; ${off} prices off by >0.1 % from the swap runtime API (reserve ratio ignores pool weights)`,
    },
  );

  await ApiManager.instance?.api?.disconnect();
  ApiManager.instance = undefined; // its singleton would keep this run's node for the next
  await session.close();
  await counter.stop();
  await devnet.stop();
  return rows;
}

export async function bench(): Promise<BenchRow[]> {
  return [...(await scenarioRows('default')), ...(await scenarioRows('scale'))];
}
