// lib/network/history-months.ts and lib/storage/network-history.ts: the daily history stored a month per item.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from '@wxt-dev/storage';
import { backfillSubnet, DAY_MS, forgetSubnetSeries, KEEP_DAYS, recordDay, type DailyHistory, type NetworkDayPoint, type SubnetReading } from '@/lib/network/history';
import { decodeMonths, loadMonths, planSave } from '@/lib/network/history-months';
import { createNetworkHistoryStore, LEGACY_NETWORK_HISTORY_KEY, NETWORK_MONTHS_KEY, networkMonthKey } from '@/lib/storage/network-history';
import type { ChunkStorage } from '@/lib/storage/chunked';

const TAO = 1_000_000_000n;
const T0 = Date.parse('2026-03-01T08:00:00Z');
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const netPoint = (now: number, cov = 0.2): NetworkDayPoint => ({ d: day(now), at: now, sub: String(100n * TAO), subUsd: 40_000, rev: 2000, obsSubUsd: 12_000, cov, n: 2, m: 4, px: 400 });
const reading = (netuid: number): SubnetReading => ({ netuid, subsidyPerDayRao: 10n * TAO, subsidyPerDayUsd: 4000, revenueUsd: 1000, revenueSource: 'metagraph.sh', priceTao: 0.05 });

/** `days` days of readings ending at `end`: the network and subnets 1 and 64, as the worker records them. */
function recorded(days: number, end: number, from: DailyHistory = { network: [], subnets: {} }): DailyHistory {
  let h = from;
  for (let i = days - 1; i >= 0; i--) {
    const now = end - i * DAY_MS;
    h = recordDay(h, { network: netPoint(now), subnets: [reading(1), reading(64)], tracked: [1, 64] }, now);
  }
  return h;
}
const monthsIn = (h: DailyHistory) => [...new Set([...h.network, ...Object.values(h.subnets).flat()].map((p) => p.d.slice(0, 7)))].sort();

/** WXT's storage, with the keys each call wrote noted. */
function noting(): { area: ChunkStorage; written: string[] } {
  const written: string[] = [];
  return {
    written,
    area: {
      getItems: (keys) => storage.getItems(keys),
      setItem: (key, value) => (written.push(key), storage.setItem(key, value)),
      setItems: (values) => (written.push(...values.map((v) => v.key)), storage.setItems(values)),
      removeItems: (keys) => storage.removeItems(keys),
    },
  };
}

describe('daily history month items', () => {
  beforeEach(() => fakeBrowser.reset());

  it('a day’s new or refreshed point rewrites only its month; a read within the hour, nothing', () => {
    const saved = recorded(90, T0);
    const stored = monthsIn(saved);
    expect(stored).toEqual(['2025-12', '2026-01', '2026-02', '2026-03']);
    const hourLater = recordDay(saved, { network: netPoint(T0 + 3_600_000, 0.3), subnets: [reading(1), reading(64)], tracked: [1, 64] }, T0 + 3_600_000);
    const plan = planSave(saved, hourLater, stored);
    expect([...plan.write.keys()]).toEqual(['2026-03']);
    expect(plan.write.get('2026-03')!.network.map((p) => p.cov)).toEqual([0.3]);
    expect(plan.remove).toEqual([]);
    const minuteLater = recordDay(hourLater, { network: netPoint(T0 + 3_660_000), subnets: [], tracked: [1, 64] }, T0 + 3_660_000);
    expect(planSave(hourLater, minuteLater, stored).write.size).toBe(0);
  });

  it('backfilled days, trimmed old days and a forgotten series rewrite exactly the months they were in', () => {
    const saved = recorded(40, T0);
    const stored = monthsIn(saved);
    // Chutes publishes mid-January: that month only (and the day after the last published day).
    const backfilled = backfillSubnet(forgetSubnetSeries(saved, []), 64, [{ date: '2026-01-20', usd: 5 }], 'Chutes', T0);
    expect([...planSave(saved, backfilled, stored).write.keys()]).toEqual([]); // 21 Jan already has a reading
    const fresh = backfillSubnet({ ...saved, subnets: { ...saved.subnets, 64: saved.subnets[64]!.filter((p) => p.d !== '2026-01-21') } }, 64, [{ date: '2026-01-20', usd: 5 }], 'Chutes', T0);
    expect([...planSave(saved, fresh, stored).write.keys()]).toEqual(['2026-01']);
    // Subnet 64 taken by a new subnet: every month its points were in.
    const forgotten = forgetSubnetSeries(saved, [64]);
    const plan = planSave(saved, forgotten, stored);
    expect([...plan.write.keys()].sort()).toEqual(stored);
    expect(Object.keys(plan.write.get('2026-02')!.subnets)).toEqual(['1']);
    // Past the bound: the oldest month, left empty, is removed rather than written.
    const later = T0 + (KEEP_DAYS + 10) * DAY_MS;
    const old = recorded(3, T0);
    const trimmed = recordDay(old, { network: netPoint(later), subnets: [], tracked: [] }, later);
    const trimPlan = planSave(old, trimmed, monthsIn(old));
    expect(trimPlan.remove).toEqual(monthsIn(old));
    expect(trimPlan.periods).toEqual([day(later).slice(0, 7)]);
  });

  it('stores a day’s point by writing only its month item (and the index when a month begins); a restart loads it all back', async () => {
    const { area, written } = noting();
    const store = createNetworkHistoryStore(area);
    let h = await store.load();
    h = recorded(70, T0, h);
    await store.save(h);
    expect(decodeMonths(await storage.getItem(NETWORK_MONTHS_KEY))).toEqual(['2025-12', '2026-01', '2026-02', '2026-03']);
    written.length = 0;
    const next = recordDay(h, { network: netPoint(T0 + 2 * 3_600_000, 0.4), subnets: [reading(1), reading(64)], tracked: [1, 64] }, T0 + 2 * 3_600_000);
    await store.save(next);
    expect(written).toEqual([networkMonthKey('2026-03')]);
    // A new month: its item and the index.
    written.length = 0;
    const april = Date.parse('2026-04-01T00:30:00Z');
    const withApril = recordDay(next, { network: netPoint(april), subnets: [reading(1)], tracked: [1] }, april);
    await store.save(withApril);
    expect(written.sort()).toEqual([networkMonthKey('2026-04'), NETWORK_MONTHS_KEY].sort());
    // What a restarted worker loads is what was saved.
    expect(await createNetworkHistoryStore(area).load()).toEqual(withApril);
    expect(await storage.getItem(LEGACY_NETWORK_HISTORY_KEY)).toBeNull();
  });

  it('a history the previous version kept as one item is split into months on load and the item removed; a cut-short split is finished', async () => {
    const legacy = recorded(50, T0);
    await storage.setItem(LEGACY_NETWORK_HISTORY_KEY, legacy);
    expect(await createNetworkHistoryStore().load()).toEqual(legacy);
    expect(await storage.getItem(LEGACY_NETWORK_HISTORY_KEY)).toBeNull();
    expect(decodeMonths(await storage.getItem(NETWORK_MONTHS_KEY))).toEqual(monthsIn(legacy));
    expect(await createNetworkHistoryStore().load()).toEqual(legacy);
    // Cut short: only February written, the old item still there: both merged (the month item's points win).
    fakeBrowser.reset();
    const feb = { network: legacy.network.filter((p) => p.d.startsWith('2026-02')).map((p) => ({ ...p, cov: 0.9 })), subnets: {} };
    await storage.setItems([
      { key: NETWORK_MONTHS_KEY, value: ['2026-02'] },
      { key: networkMonthKey('2026-02'), value: feb },
      { key: LEGACY_NETWORK_HISTORY_KEY, value: legacy },
    ]);
    const merged = await createNetworkHistoryStore().load();
    expect(merged.network.map((p) => p.d)).toEqual(legacy.network.map((p) => p.d));
    expect(merged.network.filter((p) => p.d.startsWith('2026-02')).every((p) => p.cov === 0.9)).toBe(true);
    expect(merged.subnets).toEqual(legacy.subnets);
  });

  it('skips what is not a month item or not a point, keeping the rest; an old item that is not a history is left alone', async () => {
    const good = netPoint(T0);
    expect(
      loadMonths([
        { month: '2026-03', value: { network: [good, { d: 'yesterday' }, 7, { d: '2026-04-01' }], subnets: { 1: [good], x: [good], 2: 'no' } } },
        { month: '2026-02', value: 'garbage' },
        { month: '2026-01', value: null },
      ]),
    ).toEqual({ network: [good], subnets: { 1: [good] } });
    expect(decodeMonths(['2026-03', '2026-3', 5, null])).toEqual(['2026-03']);
    await storage.setItem(LEGACY_NETWORK_HISTORY_KEY, 'not a history');
    expect(await createNetworkHistoryStore().load()).toEqual({ network: [], subnets: {} });
    expect(await storage.getItem(LEGACY_NETWORK_HISTORY_KEY)).toBe('not a history');
  });
});
