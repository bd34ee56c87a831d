/**
 * The worker's network service with its clock and store in the test's hands: history points as simulated days
 * pass, revenue arriving after the snapshot, alerts once per day across a worker restart.
 */
import { describe, expect, it } from 'vitest';
import type { AlertNotice, AlertSettings, AlertState } from '@/lib/alerts/rules';
import { createNetworkService, type NetworkStore } from '@/lib/background/network-service';
import type { Snapshot, Subnet } from '@/lib/model/types';
import { emptyHistory, type DailyHistory } from '@/lib/network/history';
import type { CombinedRevenue } from '@/lib/revenue/combine';
import type { RevenueWindow } from '@/lib/revenue/types';

const TAO = 1_000_000_000n;
const DAY = 86_400_000;
const T0 = Date.parse('2026-03-01T10:00:00Z');

const subnet = (netuid: number, taoPerDay: bigint, priceRao = TAO / 10n): Subnet =>
  ({ netuid, name: `sn${netuid}`, symbol: 'α', priceRao, taoInjectedPerDayRao: taoPerDay * TAO, alphaEmittedPerDay: 0n }) as unknown as Subnet;
const snapshot = (at: number, price = TAO / 10n, held = [64]): Snapshot =>
  ({
    block: { number: Math.floor(at / 12_000), hash: '0x' },
    fetchedAt: at,
    endpoint: 'ws://x',
    subnets: [subnet(1, 90n), subnet(64, 10n, price)],
    portfolios: [{ coldkey: '5A', freeRao: 0n, positions: held.map((netuid) => ({ netuid, exitValueRao: 5n * TAO })) }],
    taoUsd: { usd: 400, change24hPct: null, source: 'test', asOf: at },
    taoUsdReason: null,
    revenue: null,
  }) as unknown as Snapshot;
const revenue = (w: RevenueWindow): CombinedRevenue[] => [
  { netuid: 64, chosen: { netuid: 64, usd: 1000 * ({ '1d': 1, '7d': 7, '30d': 30 } as const)[w], window: w, asOf: T0, sourceId: 'c', sourceName: 'Chutes', link: '', tier: 'published-by-subnet' }, others: [], conflict: false },
];

function memoryStore(init: { history?: DailyHistory; alerts?: AlertSettings; state?: AlertState } = {}) {
  const data = { history: init.history ?? emptyHistory(), alerts: init.alerts ?? { enabled: false, rules: [], quiet: null }, state: init.state ?? {}, backfillDay: null as string | null, historyWrites: 0 };
  const store: NetworkStore = {
    loadHistory: async () => structuredClone(data.history),
    saveHistory: async (h) => {
      data.history = structuredClone(h);
      data.historyWrites++;
    },
    loadAlerts: async () => ({ settings: data.alerts, state: structuredClone(data.state) }),
    saveAlertState: async (s) => void (data.state = structuredClone(s)),
    watchAlertSettings: () => {},
    loadBackfillDay: async () => data.backfillDay,
    saveBackfillDay: async (d) => void (data.backfillDay = d),
  };
  return { data, store };
}

function service(store: NetworkStore, clock: { t: number }, notices: AlertNotice[] = [], published = { netuid: 64, source: 'Chutes', days: [{ date: '2026-02-27', usd: 900 }] }) {
  let changes = 0;
  const svc = createNetworkService({
    now: () => clock.t,
    revenueFor: async (w) => revenue(w),
    publishedDays: async () => published,
    store,
    notify: (n) => notices.push(n),
    onChange: () => changes++,
  });
  return { svc, changes: () => changes };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('network service', () => {
  it('shows the chain figures at once and the revenue when it arrives; one network point a day as days pass', async () => {
    const clock = { t: T0 };
    const { data, store } = memoryStore();
    const { svc, changes } = service(store, clock);
    await svc.update(snapshot(clock.t));
    // Chain figures are there before any revenue.
    expect(svc.view()!.windows['1d']!.subsidyPerDayRao).toBe(100n * TAO);
    await settle();
    await svc.update(snapshot(clock.t));
    expect(changes()).toBeGreaterThan(0);
    const oneDay = svc.view()!.windows['1d']!;
    expect(oneDay.observedNetuids).toEqual([64]);
    expect(oneDay.coverage).toBeCloseTo(1000 / 4000, 12);
    expect(data.history.network.map((p) => p.d)).toEqual(['2026-03-01']);
    // Two simulated days later, two more points; the held subnet has its own series, backfill marked.
    for (const d of [1, 2]) {
      clock.t = T0 + d * DAY;
      await svc.update(snapshot(clock.t));
      await settle();
      await svc.update(snapshot(clock.t));
    }
    expect(data.history.network.map((p) => [p.d, p.n, p.m, p.rev, p.cov])).toEqual([
      ['2026-03-01', 1, 2, 1000, 0.25],
      ['2026-03-02', 1, 2, 1000, 0.25],
      ['2026-03-03', 1, 2, 1000, 0.25],
    ]);
    expect(data.history.subnets[64]!.map((p) => [p.d, p.bf ?? 0])).toEqual([
      ['2026-02-28', 1],
      ['2026-03-01', 0],
      ['2026-03-02', 0],
      ['2026-03-03', 0],
    ]);
    expect(data.history.subnets[1]).toBeUndefined(); // not held, watched or alerted
    expect(svc.line()).toMatchObject({ coverage: 0.25, observed: 1, total: 2, trend: { fromDay: '2026-03-01', toDay: '2026-03-03' } });
  });

  it('a reused netuid loses the daily series recorded for its old subnet, stored and in memory; the others stay', async () => {
    const clock = { t: T0 };
    const day = (d: string, price: number) => ({ d, at: Date.parse(`${d}T10:00:00Z`), sub: '1', subUsd: 1, rev: 5, cov: 5, price });
    const { data, store } = memoryStore({ history: { network: [], subnets: { 64: [day('2026-02-27', 0.1), day('2026-02-28', 0.1)], 7: [day('2026-02-28', 3)] } } });
    const { svc } = service(store, clock);
    await svc.forgetSubnets([64, 99]);
    expect(Object.keys(data.history.subnets)).toEqual(['7']);
    const writes = data.historyWrites;
    await svc.forgetSubnets([99]); // nothing of it recorded: nothing written
    expect(data.historyWrites).toBe(writes);
    // The new subnet's series starts from its own first reading.
    await svc.update(snapshot(clock.t));
    await settle();
    await svc.update(snapshot(clock.t));
    // (Chutes' published 27 Feb goes on 28 Feb, backfilled, where the old subnet's reading was.)
    expect(data.history.subnets[64]!.map((p) => [p.d, p.bf ?? 0])).toEqual([
      ['2026-02-28', 1],
      ['2026-03-01', 0],
    ]);
    expect(data.history.subnets[7]).toEqual([day('2026-02-28', 3)]);
  });

  it('a price move past an alert’s threshold notifies once, also across a worker restart', async () => {
    const clock = { t: T0 };
    const alerts: AlertSettings = { enabled: true, rules: [{ id: 'p', kind: 'price', netuid: 64, pct: 10 }], quiet: null };
    const mem = memoryStore({ alerts });
    const notices: AlertNotice[] = [];
    let { svc } = service(mem.store, clock, notices);
    await svc.update(snapshot(clock.t));
    clock.t += DAY;
    await svc.update(snapshot(clock.t, (TAO * 12n) / 100n)); // +20 %
    expect(notices.map((n) => n.message)).toEqual([
      'The alpha price of SN64 (sn64) rose +20 % in 24 h, to 0.1200 TAO (from 0.1000 TAO). Your alert: more than 10 %.',
    ]);
    // A new worker with the stored state: the same move does not notify again the same day.
    ({ svc } = service(mem.store, clock, notices));
    clock.t += 60_000;
    await svc.update(snapshot(clock.t, (TAO * 12n) / 100n));
    expect(notices).toHaveLength(1);
  });
});
