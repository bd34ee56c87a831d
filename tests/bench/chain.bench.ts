/**
 * Chain reads on the devnet: RPC calls and latency of a full TaoLens refresh (128 and 256 subnets, and
 * a 200-position portfolio), beside @taostats/sdk reading pool prices its own way against the same node.
 */
import { createRequire } from 'node:module';
import { carryExitValues, positionsChanged, positionsMovedMaterially } from '../../lib/chain/exit-values';
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

/** Each run first moves the chain one block (outside the measurement): polkadot.js memoizes calls per block hash. */
async function measure(
  runs: number,
  counter: { reset(): void; total(): number },
  nextBlock: () => Promise<string>,
  fn: (at: string) => Promise<unknown>,
) {
  const times: number[] = [];
  const calls: number[] = [];
  for (let i = 0; i < runs; i++) {
    const at = await nextBlock();
    counter.reset();
    const t0 = performance.now();
    await fn(at);
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
  const nextBlock = async () => {
    await devnet.control.produceBlock();
    return (await session.api.rpc.chain.getFinalizedHead()).toHex();
  };
  // The first refresh of a session also opens the storage subscription (and, before its first
  // values arrive, queries that storage once): counted on its own, not in the per-refresh medians.
  const firstAt = await nextBlock();
  counter.reset();
  const first = await session.reader.read(firstAt, [], []);
  const setup = Object.entries(counter.byMethod()).filter(([m]) => m !== 'system_health');
  const setupCalls = setup.reduce((a, [, n]) => a + n, 0);
  const known = first.subnets.map((s) => s.netuid);

  const subnets = await measure(RUNS, counter, nextBlock, (at) => session.reader.read(at, [], known));
  const rows: BenchRow[] = [
    { name: `TaoLens: first refresh after connecting (${subnetCount} subnets)`, median: setupCalls, unit: 'calls', note: `once per connection: ${setup.map(([m, n]) => `${n} ${m}`).join(' + ')}` },
    { name: `TaoLens: all ${subnetCount} subnets, per block`, median: subnets.calls, unit: 'calls', target: 2, note: 'dynamic info + prices; excess TAO, fee rates and trading switches arrive on the storage subscription' },
    { name: `TaoLens: all ${subnetCount} subnets, per block`, median: subnets.ms, unit: 'ms', note: `median of ${RUNS}` },
  ];

  if (scenario === 'scale') {
    const alice = devnet.accounts.Alice!;
    const held = (await session.reader.read(await nextBlock(), [alice], known, 0)).portfolios[0]!.positions;
    const positions = held.length;
    const steady = await measure(RUNS, counter, nextBlock, (at) => session.reader.read(at, [alice], known));
    const full = await measure(RUNS, counter, nextBlock, (at) => session.reader.read(at, [alice], known, 0));
    const heldSubnets = new Set(held.filter((p) => p.netuid !== 0).map((p) => p.netuid)).size;
    rows.push(
      { name: `TaoLens: ${positions}-position portfolio + free balance, per block`, median: steady.calls - subnets.calls, unit: 'calls', target: 2, note: `stake info + availability (the row below minus the subnets' calls); the balance and validators' totals arrive on the subscription` },
      { name: `TaoLens: subnets + ${positions}-position portfolio, per block`, median: steady.calls, unit: 'calls', note: 'exit values carried over between simulations' },
      { name: `TaoLens: subnets + ${positions}-position portfolio, per block`, median: steady.ms, unit: 'ms', note: `median of ${RUNS}` },
      { name: `TaoLens: … with exit-value simulations (≈ once a minute)`, median: full.calls, unit: 'calls', note: `the row above + ${heldSubnets} exit-value sims (one per held subnet)` },
      { name: `TaoLens: … with exit-value simulations (≈ once a minute)`, median: full.ms, unit: 'ms', note: `median of ${RUNS}` },
    );

    // The background's rule block after block when only dividends move alpha: re-simulate on a material move only.
    let previous = (await session.reader.read(await nextBlock(), [alice], known, 0)).portfolios;
    let resimulated = 0;
    let before = 0;
    const dividendsOnly = await measure(RUNS, counter, nextBlock, async (at) => {
      const r = await session.reader.read(at, [alice], known);
      if (positionsChanged(previous, r.portfolios)) before++;
      if (positionsMovedMaterially(previous, r.portfolios)) {
        r.portfolios = (await session.reader.read(at, [alice], known, 0)).portfolios;
        resimulated++;
      } else carryExitValues(previous, r.portfolios);
      previous = r.portfolios;
    });
    rows.push(
      { name: `TaoLens: ${positions} positions, a block where only dividends change`, median: dividendsOnly.calls, unit: 'calls', target: steady.calls, note: `${resimulated} of ${RUNS} blocks re-simulated exit values (alpha moved in ${before} of ${RUNS}: before, each of those re-simulated ${heldSubnets} sims)` },
      { name: `TaoLens: ${positions} positions, a block where only dividends change`, median: dividendsOnly.ms, unit: 'ms', note: `median of ${RUNS}` },
    );
  }

  // @taostats/sdk keeps one ApiPromise per process (a singleton): measure it on the same counted node.
  new TaoStatsClient({ rpcUrl: counter.url });
  await getPoolPrices(); // connect once outside the measurement
  const sdk = await measure(RUNS, counter, nextBlock, () => getPoolPrices());
  const sdkPrices = await getPoolPrices();
  const ours = (await session.reader.read((await session.api.rpc.chain.getFinalizedHead()).toHex(), [], known)).subnets;
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
