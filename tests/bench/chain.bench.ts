/**
 * Chain reads on the devnet: requests, bytes received, client CPU and latency of a full TaoLens refresh (128
 * and 256 subnets, and a 200-position portfolio), beside @taostats/sdk reading pool prices its own way against
 * the same node, at each round-trip time of `TAOLENS_BENCH_RTT` (ms, default 0,50,150; half of it each way).
 * The devnet runs in a child process (devnet-host.ts): this process's CPU time is the client's alone.
 */
import { createRequire } from 'node:module';
import { carryExitValues, positionsChanged, positionsMovedMaterially } from '../../lib/chain/exit-values';
import { openChainSession } from '../../lib/chain/session';
import { POSITIONS_FULL_EVERY_BLOCKS } from '../../lib/background/attention';
import { defaultsFromEnv } from '../../lib/config/defaults';
import { hostDevnet, type HostedDevnet } from './devnet-host';
import { median, type BenchRow } from './table';

/** Reads per median: the SDK's time at 50 ms RTT moved by ±8 % between runs of 7. */
const RUNS = 15;
/**
 * Reads made before each measurement, by TaoLens and the SDK alike: a worker reads block after block, and V8 keeps
 * optimizing the decoding for the first ~20 reads (a full read at 50 ms RTT fell from ≈55.5 to ≈52.8 ms over them).
 */
const WARM_UP_READS = 20;
/** The issue's targets: client CPU per refresh at 256 subnets, and TaoLens ≥ 3× the SDK at 50 ms RTT. */
const CPU_TARGET_MS = 10;
const SPEEDUP_TARGET = 3;
const SPEEDUP_RTT = 50;

function benchRtts(): number[] {
  const raw = process.env.TAOLENS_BENCH_RTT ?? '0,50,150';
  const rtts = raw.split(',').map((s) => Number(s.trim()));
  if (rtts.some((r) => !Number.isFinite(r) || r < 0)) throw new Error(`TAOLENS_BENCH_RTT=${raw}: give round-trip times in ms, e.g. 0,50,150`);
  // Requests, bytes and CPU are read without latency.
  return [...new Set([0, ...rtts])].sort((a, b) => a - b);
}

// @taostats/sdk ships CommonJS without an exports map; its price helper lives under helpers/network.
const require = createRequire(import.meta.url);
const { TaoStatsClient } = require('@taostats/sdk') as { TaoStatsClient: new (c: { rpcUrl: string }) => unknown };
const { getPoolPrices } = require('@taostats/sdk/dist/src/helpers/network') as {
  getPoolPrices(): Promise<Map<number, { price: { toString(): string } }>>;
};
const { ApiManager } = require('@taostats/sdk/dist/src/helpers/network/api-manager') as {
  ApiManager: { instance?: { api?: { disconnect(): Promise<void> }; getApi(): Promise<unknown> } };
};

interface Measured {
  ms: number;
  cpuMs: number;
  calls: number;
  kB: number;
  bytesByMethod: Record<string, number>;
}

/**
 * Each run moves the chain one block first (polkadot.js memoizes calls per block hash) and lets that block's
 * storage notifications arrive; CPU is counted from there (the notifications are part of the refresh's work),
 * time from the start of the read; requests and bytes over the whole block.
 */
async function measure(host: HostedDevnet, rtt: number, fn: (at: string) => Promise<unknown>): Promise<Measured> {
  const counter = host.counter(rtt);
  const runs: Measured[] = [];
  for (let i = 0; i < RUNS; i++) {
    await counter.reset();
    const at = await host.produceBlock();
    const cpu0 = process.cpuUsage();
    await new Promise((r) => setTimeout(r, rtt / 2 + 30));
    const t0 = performance.now();
    await fn(at);
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const stats = await counter.stats();
    runs.push({ ms, cpuMs: (cpu.user + cpu.system) / 1000, calls: stats.calls, kB: stats.bytesIn / 1000, bytesByMethod: stats.bytesByMethod });
  }
  const pick = (k: 'ms' | 'cpuMs' | 'calls' | 'kB') => median(runs.map((r) => r[k]));
  return { ms: pick('ms'), cpuMs: pick('cpuMs'), calls: pick('calls'), kB: pick('kB'), bytesByMethod: runs.at(-1)!.bytesByMethod };
}

const byMethodNote = (m: Record<string, number>) =>
  Object.entries(m)
    .filter(([k]) => k !== 'system_health')
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${(n / 1000).toFixed(1)} kB ${k}`)
    .join(' + ');

async function scenarioRows(scenario: 'default' | 'scale', rtts: number[]): Promise<BenchRow[]> {
  const host = await hostDevnet(scenario, rtts);
  const n = host.subnetCount;
  const rows: BenchRow[] = [];
  for (const rtt of rtts) {
    const session = await openChainSession(host.url(rtt));
    const counter = host.counter(rtt);
    // The first refresh of a session also opens the storage subscription (and, before its first values
    // arrive, queries that storage once): counted on its own, not in the per-refresh medians.
    const firstAt = await host.produceBlock();
    await counter.reset();
    const first = await session.reader.read(firstAt, [], []);
    const setup = Object.entries((await counter.stats()).byMethod).filter(([m]) => m !== 'system_health');
    const known = first.subnets.map((s) => s.netuid);
    // A background worker reads block after block: the medians are of warm code.
    for (let i = 0; i < WARM_UP_READS; i++) await session.reader.read(await host.produceBlock(), [], known);

    const ours = await measure(host, rtt, (at) => session.reader.read(at, [], known));
    if (rtt === 0) {
      rows.push(
        { name: `TaoLens: first refresh after connecting (${n} subnets)`, median: setup.reduce((a, [, c]) => a + c, 0), unit: 'calls', note: `once per connection: ${setup.map(([m, c]) => `${c} ${m}`).join(' + ')}` },
        { name: `TaoLens: all ${n} subnets, per full read`, median: ours.calls, unit: 'calls', target: 2, note: 'dynamic info + prices; excess TAO, fee rates and trading switches arrive on the storage subscription' },
        {
          name: `TaoLens: all ${n} subnets, bytes received per full read`,
          median: ours.kB,
          unit: 'kB',
          note: `${byMethodNote(ours.bytesByMethod)}; while someone looks, once a minute (prices alone the other blocks: the cadence bench's per-block rows)`,
        },
        { name: `TaoLens: all ${n} subnets, client CPU per refresh`, median: ours.cpuMs, unit: 'ms', target: CPU_TARGET_MS, note: `median of ${RUNS}; socket, JSON, decoding and the model, this process only` },
      );
    }
    rows.push({ name: `TaoLens: all ${n} subnets, full read, ${rtt} ms RTT`, median: ours.ms, unit: 'ms', note: `median of ${RUNS}` });
    // A block as the worker reads it while someone looks (reader.ts ReadCadence): prices, the dynamic info 1 block in 5.
    let blockNumber = (await session.api.rpc.chain.getHeader()).number.toNumber();
    const cadence = () => ({ blockNumber: ++blockNumber, subnetInfoEveryBlocks: defaultsFromEnv({}).subnetInfoEveryBlocks, positionsEveryBlocks: POSITIONS_FULL_EVERY_BLOCKS });
    const looking = await measure(host, rtt, (at) => session.reader.read(at, [], known, undefined, cadence()));
    if (rtt === 0) rows.push({ name: `TaoLens: all ${n} subnets, a block while someone looks`, median: looking.calls, unit: 'calls', note: `median of ${RUNS} blocks: ${byMethodNote(looking.bytesByMethod)} (last block); the dynamic info 1 block in ${defaultsFromEnv({}).subnetInfoEveryBlocks}` });
    rows.push({ name: `TaoLens: all ${n} subnets, a block while someone looks, ${rtt} ms RTT`, median: looking.ms, unit: 'ms', note: `median of ${RUNS}` });

    if (scenario === 'scale' && rtt === 0) rows.push(...(await portfolioRows(host, session, known, ours)));

    // Our prices at the latest block, to compare with the SDK's; then our session closes so that only the SDK's
    // traffic is counted below.
    const ourPrices = rtt === 0 ? (await session.reader.read((await session.api.rpc.chain.getFinalizedHead()).toHex(), [], known)).subnets : [];
    await session.close();

    // @taostats/sdk keeps one ApiPromise per process (a singleton): measure it on the same counted node.
    new TaoStatsClient({ rpcUrl: host.url(rtt) });
    // Its first getPoolPrices asks for the API from several calls at once and opens one socket each, of which it
    // keeps only the last (the rest reconnect forever once the node stops): open its one socket first.
    await ApiManager.instance!.getApi();
    for (let i = 0; i < WARM_UP_READS; i++) await getPoolPrices(); // connect and warm up outside the measurement, as for TaoLens
    const sdk = await measure(host, rtt, () => getPoolPrices());
    if (rtt === 0) {
      const sdkPrices = await getPoolPrices();
      const off = ourPrices.filter((s) => {
        const theirs = sdkPrices.get(s.netuid)?.price;
        if (!theirs) return true;
        const ratio = Number(theirs.toString()) / (Number(s.priceRao) / 1e9);
        return Math.abs(ratio - 1) > 0.001;
      }).length;
      rows.push(
        { name: `@taostats/sdk getPoolPrices (${n} subnets)`, median: sdk.calls, unit: 'calls', note: `${(sdk.calls / ours.calls).toFixed(1)}× TaoLens' calls; ${off} prices off by >0.1 % from the swap runtime API (reserve ratio ignores pool weights)` },
        { name: `@taostats/sdk getPoolPrices (${n} subnets), bytes received`, median: sdk.kB, unit: 'kB', note: byMethodNote(sdk.bytesByMethod) },
        { name: `@taostats/sdk getPoolPrices (${n} subnets), client CPU`, median: sdk.cpuMs, unit: 'ms', note: `median of ${RUNS}` },
      );
    }
    rows.push(
      { name: `@taostats/sdk getPoolPrices (${n} subnets), ${rtt} ms RTT`, median: sdk.ms, unit: 'ms', note: `median of ${RUNS}` },
      {
        name: `SDK time ÷ TaoLens time (${n} subnets), ${rtt} ms RTT`,
        median: Math.round((sdk.ms / ours.ms) * 100) / 100,
        unit: '×',
        ...(rtt === SPEEDUP_RTT ? { target: SPEEDUP_TARGET, atLeast: true } : {}),
        note: `TaoLens' full read (every subnet's dynamic info + prices) against the SDK's prices; ${rtt > 0 ? `one round trip (${rtt} ms) is TaoLens' floor: at most ${(sdk.ms / rtt).toFixed(1)}× here` : 'no latency: CPU and transfer only'}`,
      },
      {
        name: `SDK time ÷ TaoLens time (${n} subnets), a block while someone looks, ${rtt} ms RTT`,
        median: Math.round((sdk.ms / looking.ms) * 100) / 100,
        unit: '×',
        ...(rtt === SPEEDUP_RTT ? { target: SPEEDUP_TARGET, atLeast: true } : {}),
        note: 'prices against prices (TaoLens from the swap runtime API, exact)',
      },
    );

    await ApiManager.instance?.api?.disconnect();
    ApiManager.instance = undefined; // its singleton would keep this run's node for the next
  }
  await host.stop();
  return rows;
}

async function portfolioRows(host: HostedDevnet, session: Awaited<ReturnType<typeof openChainSession>>, known: number[], subnets: Measured): Promise<BenchRow[]> {
  const alice = host.accounts.Alice!;
  const held = (await session.reader.read(await host.produceBlock(), [alice], known, 0)).portfolios[0]!.positions;
  const positions = held.length;
  const steady = await measure(host, 0, (at) => session.reader.read(at, [alice], known));
  const full = await measure(host, 0, (at) => session.reader.read(at, [alice], known, 0));
  const heldSubnets = new Set(held.filter((p) => p.netuid !== 0).map((p) => p.netuid)).size;
  const rows: BenchRow[] = [
    { name: `TaoLens: ${positions}-position portfolio + free balance, per full read`, median: steady.calls - subnets.calls, unit: 'calls', target: 2, note: `stake info + availability (the row below minus the subnets' calls); the balance and validators' totals arrive on the subscription` },
    { name: `TaoLens: subnets + ${positions}-position portfolio, per full read`, median: steady.calls, unit: 'calls', note: 'exit values carried over between simulations' },
    { name: `TaoLens: subnets + ${positions}-position portfolio, bytes received per full read`, median: steady.kB, unit: 'kB', note: byMethodNote(steady.bytesByMethod) },
    { name: `TaoLens: subnets + ${positions}-position portfolio, client CPU per refresh`, median: steady.cpuMs, unit: 'ms', note: `median of ${RUNS}` },
    { name: `TaoLens: subnets + ${positions}-position portfolio, per full read`, median: steady.ms, unit: 'ms', note: `median of ${RUNS}` },
    { name: `TaoLens: … with exit-value simulations (≈ once a minute)`, median: full.calls, unit: 'calls', note: `the row above + ${heldSubnets} exit-value sims (one per held subnet)` },
    { name: `TaoLens: … with exit-value simulations (≈ once a minute)`, median: full.ms, unit: 'ms', note: `median of ${RUNS}` },
  ];

  // The background's rule block after block when only dividends move alpha: re-simulate on a material move only.
  let previous = (await session.reader.read(await host.produceBlock(), [alice], known, 0)).portfolios;
  let resimulated = 0;
  let before = 0;
  const dividendsOnly = await measure(host, 0, async (at) => {
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
  return rows;
}

export async function bench(): Promise<BenchRow[]> {
  const rtts = benchRtts();
  return [...(await scenarioRows('default', rtts)), ...(await scenarioRows('scale', rtts))];
}
