/**
 * What the 7-day price history costs in storage writes once it is full (256 subnets × 7 days × 144 points a day),
 * before (the whole history rewritten as one item at every 10-minute step) and after (the current hour's chunk,
 * lib/history/price-history-chunks.ts); and the daily network history once full (400 days of the network and 24
 * subnets), before (one item rewritten at each hourly refresh of the day's points) and after (the current month's
 * item, lib/network/history-months.ts). Node only: the storage is a fake that keeps each value as JSON and counts
 * bytes as chrome.storage's quota does (each key's length plus its value's JSON), and the write's CPU includes
 * that JSON stringify, standing in for the browser's own serialisation of the value it is given.
 */
import { performance } from 'node:perf_hooks';
import { HISTORY_KEEP_MS, HISTORY_STEP_MS, recordPrices, type PriceHistory } from '../../lib/history/price-history';
import { CHUNK_MS } from '../../lib/history/price-history-chunks';
import type { Subnet } from '../../lib/model/types';
import { createPriceHistoryStore, LEGACY_HISTORY_KEY, type HistoryStorage } from '../../lib/storage/price-history';
import { DAY_MS, DAY_POINT_REFRESH_MS, KEEP_DAYS, MAX_SUBNET_SERIES, recordDay, type DailyHistory, type NetworkDayPoint, type SubnetReading } from '../../lib/network/history';
import { createNetworkHistoryStore, LEGACY_NETWORK_HISTORY_KEY } from '../../lib/storage/network-history';
import { median, type BenchRow } from './table';

const SUBNETS = 256;
const STEPS_PER_DAY = 86_400_000 / HISTORY_STEP_MS;

function countingStorage() {
  const stored = new Map<string, string>();
  let bytes = 0;
  const put = (key: string, value: unknown) => {
    const json = JSON.stringify(value);
    bytes += key.length + json.length;
    stored.set(key, json);
  };
  const read = (key: string): unknown => {
    const json = stored.get(key);
    return json === undefined ? null : JSON.parse(json);
  };
  // `getItem` too: the one-item layout (before) is read with it.
  const area: HistoryStorage & { getItem(key: string): Promise<unknown> } = {
    getItem: async (key) => read(key),
    getItems: async (keys) => keys.map((key) => ({ key, value: read(key) })),
    setItem: async (key, value) => put(key, value),
    setItems: async (values) => values.forEach((v) => put(v.key, v.value)),
    removeItems: async (keys) => keys.forEach((k) => stored.delete(k)),
  };
  return { area, written: () => bytes, reset: () => (bytes = 0), items: () => stored.size };
}

/** Prices as the chain gives them: rao of TAO per alpha, a slow random walk per subnet. */
function priceWalk(seed: number) {
  let state = seed;
  const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const rao = Array.from({ length: SUBNETS }, () => 5_000_000 + Math.floor(random() * 80_000_000));
  return (): Subnet[] =>
    rao.map((r, i) => {
      rao[i] = Math.max(1, Math.round(r * (1 + (random() - 0.5) / 50)));
      return { netuid: i + 1, priceRao: BigInt(rao[i]!) } as Subnet;
    });
}

/** A full week of points ending at `end`, recorded as the worker does (the array per subnet grown in place). */
function fullWeek(end: number, next: () => Subnet[]): PriceHistory {
  const history: PriceHistory = {};
  for (let t = end - HISTORY_KEEP_MS + HISTORY_STEP_MS; t <= end; t += HISTORY_STEP_MS) {
    const step = recordPrices({}, next(), t);
    for (const [netuid, points] of Object.entries(step)) (history[Number(netuid)] ??= []).push(...points);
  }
  return history;
}

/** One day's readings as the network service records them: the network point and every tracked subnet's. */
function dayReadings(now: number, i: number): { network: NetworkDayPoint; subnets: SubnetReading[]; tracked: number[] } {
  const tracked = Array.from({ length: MAX_SUBNET_SERIES }, (_, k) => k + 1);
  const wobble = 1 + ((i * 7919) % 101) / 1000;
  return {
    network: { d: new Date(now).toISOString().slice(0, 10), at: now, sub: '7200000000000', subUsd: 2_880_000 * wobble, rev: 61_234.56 * wobble, obsSubUsd: 512_345.67, cov: 0.1195, n: 14, m: 128, px: 400.12 },
    subnets: tracked.map((netuid) => ({ netuid, subsidyPerDayRao: 56_250_000_000n + BigInt(netuid), subsidyPerDayUsd: 22_500.5 * wobble, revenueUsd: netuid % 3 ? 1234.56 * wobble : null, revenueSource: netuid % 3 ? 'metagraph.sh' : null, priceTao: 0.0123 * wobble })),
    tracked,
  };
}

/** The daily network history: a full one (KEEP_DAYS days), then one day of hourly refreshes, stored both ways. */
async function networkHistoryRows(): Promise<BenchRow[]> {
  const end = Date.parse('2026-12-06T00:20:00Z');
  let full: DailyHistory = { network: [], subnets: {} };
  for (let i = KEEP_DAYS - 1; i >= 1; i--) full = recordDay(full, dayReadings(end - i * DAY_MS, i), end - i * DAY_MS);
  const refreshes = Array.from({ length: 24 }, (_, h) => end + h * DAY_POINT_REFRESH_MS);

  const before = countingStorage();
  await before.area.setItem(LEGACY_NETWORK_HISTORY_KEY, full);
  const fullKb = before.written() / 1000;
  before.reset();
  let history = full;
  for (const [h, now] of refreshes.entries()) {
    const next = recordDay(history, dayReadings(now, h), now);
    if (next !== history) await before.area.setItem(LEGACY_NETWORK_HISTORY_KEY, next);
    history = next;
  }
  const beforeKb = before.written() / 1000;

  const after = countingStorage();
  await after.area.setItem(LEGACY_NETWORK_HISTORY_KEY, full);
  after.reset();
  const store = createNetworkHistoryStore(after.area);
  let t0 = performance.now();
  history = await store.load();
  const migrateMs = performance.now() - t0;
  after.reset();
  const saveMs: number[] = [];
  for (const [h, now] of refreshes.entries()) {
    const next = recordDay(history, dayReadings(now, h), now);
    t0 = performance.now();
    if (next !== history) await store.save(next);
    saveMs.push(performance.now() - t0);
    history = next;
  }
  const afterKb = after.written() / 1000;
  const wake: number[] = [];
  for (let i = 0; i < 5; i++) {
    t0 = performance.now();
    await createNetworkHistoryStore(after.area).load();
    wake.push(performance.now() - t0);
  }
  const label = `${KEEP_DAYS} days × the network + ${MAX_SUBNET_SERIES} subnets (${Math.round(fullKb)} kB as one item)`;
  return [
    { name: `network history writes per day, before: whole item per hourly refresh, ${label}`, median: Math.round(beforeKb), unit: 'kB', note: '24 refreshes of the day\'s points' },
    { name: `network history writes per day, after: current month's item per refresh, ${label}`, median: Math.round(afterKb), unit: 'kB', note: `${(beforeKb / afterKb).toFixed(0)}× less; index rewritten when a month begins or leaves` },
    { name: 'network history, one refresh\'s write, after (plan + the month\'s item)', median: median(saveMs), unit: 'ms', note: '24 refreshes' },
    { name: 'network history load on wake, after (index + every month item)', median: median(wake), unit: 'ms', note: `5 runs; ${after.items() - 1} months` },
    { name: 'network history migration of the old item on first load (once per user)', median: migrateMs, unit: 'ms', note: '1 run' },
  ];
}

export async function bench(): Promise<BenchRow[]> {
  // Mid-hour, as a worker's clock usually is.
  const start = 500_000 * CHUNK_MS + 23 * 60_000 + 17_000;
  const prices = priceWalk(7);
  const week = fullWeek(start, prices);
  const points = Object.values(week).reduce((n, ps) => n + ps.length, 0);
  const subnetsAt = Array.from({ length: STEPS_PER_DAY }, () => prices());

  // Before: the whole item written at every step that adds a point.
  const before = countingStorage();
  let history = week;
  const wholeMs: number[] = [];
  for (let i = 1; i <= STEPS_PER_DAY; i++) {
    const now = start + i * HISTORY_STEP_MS;
    const recorded = recordPrices(history, subnetsAt[i - 1]!, now);
    const t0 = performance.now();
    if (recorded !== history) await before.area.setItem(LEGACY_HISTORY_KEY, recorded);
    wholeMs.push(performance.now() - t0);
    history = recorded;
  }
  const beforeDayKb = before.written() / 1000;

  // After: a user who updates has the old item, migrated on the first load; then the same day of steps.
  const after = countingStorage();
  await after.area.setItem(LEGACY_HISTORY_KEY, week);
  const weekKb = after.written() / 1000;
  after.reset();
  const store = createPriceHistoryStore(after.area);
  let t0 = performance.now();
  history = await store.load(start);
  const migrateMs = performance.now() - t0;
  after.reset();
  const chunkMs: number[] = [];
  for (let i = 1; i <= STEPS_PER_DAY; i++) {
    const now = start + i * HISTORY_STEP_MS;
    const recorded = recordPrices(history, subnetsAt[i - 1]!, now);
    t0 = performance.now();
    if (recorded !== history) await store.save(recorded, now);
    chunkMs.push(performance.now() - t0);
    history = recorded;
  }
  const afterDayKb = after.written() / 1000;

  // A worker waking: the old item parsed whole, against the index, the week's chunks and their merge.
  const wakeOld: number[] = [];
  const wakeNew: number[] = [];
  for (let i = 0; i < 5; i++) {
    t0 = performance.now();
    await before.area.getItem(LEGACY_HISTORY_KEY);
    wakeOld.push(performance.now() - t0);
    t0 = performance.now();
    await createPriceHistoryStore(after.area).load(start + STEPS_PER_DAY * HISTORY_STEP_MS);
    wakeNew.push(performance.now() - t0);
  }

  const label = `${SUBNETS} subnets, full week (${points} points, ${Math.round(weekKb)} kB as one item)`;
  return [
    { name: `price history writes per day, before: whole item per step, ${label}`, median: Math.round(beforeDayKb), unit: 'kB', note: `${STEPS_PER_DAY} steps` },
    {
      name: `price history writes per day, after: current hour's chunk per step, ${label}`,
      median: Math.round(afterDayKb),
      unit: 'kB',
      note: `${(beforeDayKb / afterDayKb).toFixed(0)}× less; index rewritten when an hour is added or expires`,
    },
    { name: 'price history, one step\'s write, before (stringify the whole item)', median: median(wholeMs), unit: 'ms', note: `${STEPS_PER_DAY} steps` },
    { name: 'price history, one step\'s write, after (plan + the hour\'s chunk)', median: median(chunkMs), unit: 'ms', note: `${STEPS_PER_DAY} steps; max ${Math.max(...chunkMs).toFixed(1)} ms` },
    { name: 'price history load on wake, before (one item)', median: median(wakeOld), unit: 'ms', note: '5 runs' },
    { name: 'price history load on wake, after (index + every hour chunk, merged)', median: median(wakeNew), unit: 'ms', note: `5 runs; ${after.items() - 1} chunks` },
    { name: 'price history migration of the old item on first load (once per user)', median: migrateMs, unit: 'ms', note: '1 run' },
    ...(await networkHistoryRows()),
  ];
}
