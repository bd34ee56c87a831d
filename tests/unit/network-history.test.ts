import { describe, expect, it } from 'vitest';
import {
  backfillSubnet,
  coverageTrend,
  DAY_MS,
  emptyHistory,
  KEEP_DAYS,
  MAX_SUBNET_SERIES,
  networkPoint,
  recordDay,
  type DailyHistory,
  type NetworkDayPoint,
  type SubnetReading,
} from '@/lib/network/history';
import { networkWindow } from '@/lib/network/totals';
import { coverageChart } from '@/lib/network/chart';
import { combineRevenue } from '@/lib/revenue';

const TAO = 1_000_000_000n;
const T0 = Date.parse('2026-03-01T08:00:00Z');
const reading = (netuid: number, p: Partial<SubnetReading> = {}): SubnetReading => ({
  netuid,
  subsidyPerDayRao: 10n * TAO,
  subsidyPerDayUsd: 4000,
  revenueUsd: 1000,
  revenueSource: 'metagraph.sh',
  priceTao: 0.05,
  ...p,
});
const netPoint = (now: number, p: Partial<NetworkDayPoint> = {}): NetworkDayPoint => ({
  d: new Date(now).toISOString().slice(0, 10),
  at: now,
  sub: (100n * TAO).toString(),
  subUsd: 40_000,
  rev: 2000,
  obsSubUsd: 12_000,
  cov: 2000 / 12_000,
  n: 2,
  m: 4,
  px: 400,
  ...p,
});

describe('networkPoint', () => {
  it('rolls the one-day totals into one point: subsidy, observed revenue, coverage, N of M, TAO/USD', () => {
    const sn = (netuid: number, tao: bigint) => ({ netuid, taoInjectedPerDayRao: tao * TAO, alphaEmittedPerDay: 0n, priceRao: TAO });
    const figures = [{ netuid: 1, usd: 2000, window: '1d' as const, asOf: T0, sourceId: 'm', sourceName: 'm', link: '', tier: 'third-party' as const }];
    const combined = combineRevenue([{ sourceId: 'm', status: { state: 'ok', message: '', fetchedAt: T0 }, figures }], '1d');
    const oneDay = networkWindow([sn(1, 10n), sn(2, 90n)], combined, '1d', { usd: 400, change24hPct: null, source: 'x', asOf: T0 });
    expect(networkPoint(oneDay, 400, T0)).toEqual({
      d: '2026-03-01',
      at: T0,
      sub: (100n * TAO).toString(),
      subUsd: 40_000,
      rev: 2000,
      obsSubUsd: 4000,
      cov: 0.5,
      n: 1,
      m: 2,
      px: 400,
    });
    // Nothing observed: revenue is null (not 0).
    const none = networkWindow([sn(1, 10n)], [], '1d', null);
    expect(networkPoint(none, null, T0)).toMatchObject({ rev: null, cov: null, n: 0, m: 1, subUsd: null });
  });
});

describe('recordDay', () => {
  it('one network point a day, refreshed at most hourly, and one per tracked subnet', () => {
    let h = recordDay(emptyHistory(), { network: netPoint(T0), subnets: [reading(1), reading(2)], tracked: [1] }, T0);
    expect(h.network).toHaveLength(1);
    expect(Object.keys(h.subnets)).toEqual(['1']);
    expect(h.subnets[1]![0]).toMatchObject({ d: '2026-03-01', sub: '10000000000', rev: 1000, cov: 0.25, price: 0.05, src: 'metagraph.sh' });
    // 30 min later: unchanged (same object, so nothing is stored).
    const same = recordDay(h, { network: netPoint(T0 + 1_800_000, { rev: 9 }), subnets: [reading(1)], tracked: [1] }, T0 + 1_800_000);
    expect(same).toBe(h);
    // 2 h later: today's point is replaced, not added.
    h = recordDay(h, { network: netPoint(T0 + 7_200_000, { rev: 9 }), subnets: [reading(1)], tracked: [1] }, T0 + 7_200_000);
    expect(h.network).toHaveLength(1);
    expect(h.network[0]!.rev).toBe(9);
    // Next day: a second point.
    h = recordDay(h, { network: netPoint(T0 + DAY_MS), subnets: [reading(1)], tracked: [1] }, T0 + DAY_MS);
    expect(h.network.map((p) => p.d)).toEqual(['2026-03-01', '2026-03-02']);
    expect(h.subnets[1]!.map((p) => p.d)).toEqual(['2026-03-01', '2026-03-02']);
  });

  it('a subnet not observed has a null revenue and coverage, never 0', () => {
    const h = recordDay(emptyHistory(), { network: null, subnets: [reading(3, { revenueUsd: null, revenueSource: null })], tracked: [3] }, T0);
    expect(h.subnets[3]![0]).toMatchObject({ rev: null, cov: null });
    expect(h.subnets[3]![0]!.src).toBeUndefined();
  });

  it('a clock that went back never rewrites a later day', () => {
    const h = recordDay(emptyHistory(), { network: netPoint(T0 + DAY_MS), subnets: [], tracked: [] }, T0 + DAY_MS);
    expect(recordDay(h, { network: netPoint(T0), subnets: [], tracked: [] }, T0)).toBe(h);
  });

  it(`keeps ${KEEP_DAYS} days (over a year) and drops older points`, () => {
    let h: DailyHistory = emptyHistory();
    for (let i = 0; i < KEEP_DAYS + 30; i++) h = recordDay(h, { network: netPoint(T0 + i * DAY_MS), subnets: [reading(1)], tracked: [1] }, T0 + i * DAY_MS);
    expect(h.network).toHaveLength(KEEP_DAYS);
    expect(h.subnets[1]).toHaveLength(KEEP_DAYS);
    expect(h.network[0]!.d).toBe(new Date(T0 + 30 * DAY_MS).toISOString().slice(0, 10));
    expect(KEEP_DAYS).toBeGreaterThanOrEqual(366);
  });

  it(`a holder of more than ${MAX_SUBNET_SERIES} subnets: the series kept keep their history, and a read within the hour writes nothing`, () => {
    const held = Array.from({ length: MAX_SUBNET_SERIES + 6 }, (_, i) => i + 1); // 30 subnets held, all tracked
    let h: DailyHistory = emptyHistory();
    for (let day = 0; day < 5; day++) {
      const now = T0 + day * DAY_MS;
      h = recordDay(h, { network: netPoint(now), subnets: held.map((n) => reading(n)), tracked: held }, now);
    }
    const kept = Object.keys(h.subnets).map(Number);
    expect(kept).toHaveLength(MAX_SUBNET_SERIES);
    // Five days recorded for every series kept: none was replaced by a new one-point series on a later day.
    expect(kept.every((n) => h.subnets[n]!.length === 5)).toBe(true);
    // The next block's read, a minute later: nothing to store.
    const later = T0 + 4 * DAY_MS + 60_000;
    const again = recordDay(h, { network: netPoint(later), subnets: held.map((n) => reading(n)), tracked: held }, later);
    // Before, new one-point series (written now) displaced series with five days behind them (written earlier today).
    expect(Object.values(again.subnets).every((series) => series.length === 5)).toBe(true);
    expect(again).toBe(h);
  });

  it(`caps subnet series at ${MAX_SUBNET_SERIES}, dropping untracked ones first`, () => {
    let h: DailyHistory = emptyHistory();
    const many = Array.from({ length: MAX_SUBNET_SERIES }, (_, i) => i + 1);
    h = recordDay(h, { network: null, subnets: many.map((n) => reading(n)), tracked: many }, T0);
    const newer = [100, 101];
    h = recordDay(h, { network: null, subnets: newer.map((n) => reading(n)), tracked: [...newer, ...many.slice(2)] }, T0 + DAY_MS);
    const kept = Object.keys(h.subnets).map(Number);
    expect(kept).toHaveLength(MAX_SUBNET_SERIES);
    expect(kept).toContain(100);
    expect(kept).toContain(101);
    expect(kept).not.toContain(1);
    expect(kept).not.toContain(2);
  });

  const sn = (netuid: number, tao: bigint) => ({ netuid, taoInjectedPerDayRao: tao, alphaEmittedPerDay: 0n, priceRao: TAO });
  const oneDay = networkWindow(
    [sn(1, 7_199_123_456_789n)],
    combineRevenue([{ sourceId: 'm', status: { state: 'ok', message: '', fetchedAt: T0 }, figures: [{ netuid: 1, usd: 123_456.789123, window: '1d', asOf: T0, sourceId: 'm', sourceName: 'm', link: '', tier: 'third-party' }] }], '1d'),
    '1d',
    { usd: 399.8712, change24hPct: null, source: 'x', asOf: T0 },
  );
  const { d: _d, at: _at, ...networkPointFields } = networkPoint(oneDay, 399.8712, T0);
  it(`storage bound: 400 days × the network and ${MAX_SUBNET_SERIES} subnets stays under 1.5 MB (measured as stored JSON)`, () => {
    let h: DailyHistory = emptyHistory();
    const tracked = Array.from({ length: MAX_SUBNET_SERIES }, (_, i) => i + 1);
    // Realistic magnitudes: 7,200 τ/day network subsidy with a fractional part, fractional USD figures.
    for (let i = 0; i < KEEP_DAYS; i++) {
      const now = T0 + i * DAY_MS;
      h = recordDay(
        h,
        {
          network: { ...netPoint(now), ...networkPointFields },
          subnets: tracked.map((n) => reading(n, { subsidyPerDayRao: 56_123_456_789n, subsidyPerDayUsd: 22_441.23456, revenueUsd: 5_432.1, priceTao: 0.0123456789 })),
          tracked,
        },
        now,
      );
    }
    const bytes = new TextEncoder().encode(JSON.stringify(h)).length;
    const perSubnet = bytes / (MAX_SUBNET_SERIES + 1);
    // The bound stated in docs/architecture.md: under 1.5 MB for the network + 24 subnets × 400 days (~140 B a point).
    expect(h.network).toHaveLength(KEEP_DAYS);
    expect(Object.keys(h.subnets)).toHaveLength(MAX_SUBNET_SERIES);
    expect(bytes).toBeLessThan(1_500_000);
    expect(perSubnet / KEEP_DAYS).toBeLessThan(160);
    console.info(`daily history: ${bytes} bytes for 400 days × (network + ${MAX_SUBNET_SERIES} subnets), ${(perSubnet / KEEP_DAYS).toFixed(0)} B a point`);
  });
});

describe('backfillSubnet', () => {
  const now = Date.parse('2026-03-10T12:00:00Z');
  it('puts published past days on the next day’s point, marked backfilled; never overwrites a recorded point', () => {
    let h = recordDay(emptyHistory(), { network: null, subnets: [reading(64, { revenueUsd: 777 })], tracked: [64] }, Date.parse('2026-03-09T10:00:00Z'));
    h = backfillSubnet(
      h,
      64,
      [
        { date: '2026-03-07', usd: 100 }, // → 03-08 point
        { date: '2026-03-08', usd: 200 }, // → 03-09: recorded already, kept as recorded
        { date: '2026-03-10', usd: 300 }, // → 03-11: the future, skipped
      ],
      'Chutes',
      now,
    );
    expect(h.subnets[64]!.map((p) => [p.d, p.rev, p.bf ?? 0])).toEqual([
      ['2026-03-08', 100, 1],
      ['2026-03-09', 777, 0],
    ]);
    expect(h.subnets[64]![0]).toMatchObject({ sub: null, cov: null, price: null, src: 'Chutes' });
    // Nothing new: the same object back.
    expect(backfillSubnet(h, 64, [{ date: '2026-03-07', usd: 5 }], 'Chutes', now)).toBe(h);
  });

  it('drops absurd days (negative, not a number, not a date) and days older than the bound', () => {
    const h = backfillSubnet(
      emptyHistory(),
      64,
      [
        { date: '2026-03-01', usd: -5 },
        { date: '2026-03-02', usd: Number.NaN },
        { date: 'yesterday', usd: 5 },
        { date: '2024-01-01', usd: 5 },
        { date: '2026-03-03', usd: 0 },
      ],
      'Chutes',
      now,
    );
    expect(h.subnets[64]!.map((p) => p.d)).toEqual(['2026-03-04']);
  });

  it('a live reading for a day replaces that day’s backfilled point', () => {
    let h = backfillSubnet(emptyHistory(), 64, [{ date: '2026-03-09', usd: 10 }], 'Chutes', now);
    h = recordDay(h, { network: null, subnets: [reading(64)], tracked: [64] }, now);
    expect(h.subnets[64]).toHaveLength(1);
    expect(h.subnets[64]![0]!.bf).toBeUndefined();
  });
});

describe('coverageTrend', () => {
  it('from the oldest point with coverage in the last 30 days to today; none from one reading', () => {
    const pts = [0, 20, 40, 45].map((i) => netPoint(T0 + i * DAY_MS, { cov: i / 100 }));
    const now = T0 + 45 * DAY_MS;
    expect(coverageTrend(pts, now)).toMatchObject({ from: { cov: 0.2 }, to: { cov: 0.45 }, points: 3 });
    expect(coverageTrend([netPoint(now)], now)).toBeNull();
  });
});

describe('coverageChart', () => {
  it('draws revenue and subsidy on one USD scale, breaks lines at missing days, marks backfilled points', () => {
    const now = Date.parse('2026-03-07T12:00:00Z');
    const day = (d: string, rev: number | null, sub: number | null, backfilled = false) => ({
      d,
      revenueUsd: rev,
      subsidyUsd: sub,
      coverage: rev !== null && sub ? rev / sub : null,
      backfilled,
    });
    const c = coverageChart(
      [day('2026-03-01', 50, null, true), day('2026-03-02', 100, 200), day('2026-03-03', 100, 200), day('2026-03-05', 150, 300), day('2026-02-01', 1e9, 1e9)],
      7,
      now,
      66,
      106,
    );
    expect(c.from).toBe('2026-03-01');
    expect(c.maxUsd).toBe(300); // the February point is outside 7 d
    expect(c.maxCoverage).toBe(0.5);
    // x: 3 + i × 10; y (USD): 3 + (1 − v/300) × 100.
    expect(c.subsidy).toBe('M13.0,36.3 L23.0,36.3 M43.0,3.0');
    expect(c.revenue).toBe('M3.0,86.3 L13.0,69.7 L23.0,69.7 M43.0,53.0');
    expect(c.backfilled).toEqual([{ x: 3, y: 3 + (1 - 50 / 300) * 100, d: '2026-03-01' }]);
    expect(c.count).toBe(4);
  });
});
