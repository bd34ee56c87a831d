// lib/history/price-history-chunks.ts: which hour items a step writes, their encoding, loading and the old item's split.
import { describe, expect, it } from 'vitest';
import {
  CHUNK_MS,
  decodeLegacy,
  encodeHour,
  hourOf,
  loadHours,
  mergeHistory,
  planMigration,
  planSave,
} from '@/lib/history/price-history-chunks';
import { HISTORY_KEEP_MS, HISTORY_STEP_MS, recordPrices, type PriceHistory } from '@/lib/history/price-history';
import { withoutNetuids } from '@/lib/history/subnet-lineage';
import type { Subnet } from '@/lib/model/types';

const subnet = (netuid: number, priceRao: bigint) => ({ netuid, priceRao }) as Subnet;
/** An hour boundary, so the arithmetic below reads plainly. */
const H0 = 500_000 * CHUNK_MS;

/** A week of 10-minute points ending at `end` for each netuid, prices varying per point. */
function week(netuids: number[], end: number): PriceHistory {
  const out: PriceHistory = {};
  for (const n of netuids) {
    out[n] = [];
    for (let t = end - HISTORY_KEEP_MS + HISTORY_STEP_MS; t <= end; t += HISTORY_STEP_MS) out[n].push({ t, price: n + ((t / HISTORY_STEP_MS) % 97) / 1000 });
  }
  return out;
}
const hoursIn = (h: PriceHistory) => [...new Set(Object.values(h).flatMap((ps) => ps.map((p) => hourOf(p.t))))].sort((a, b) => a - b);

describe('price history chunks', () => {
  it('encodes an hour as flat [ms into the hour, price] pairs by netuid and decodes it back to the same points', () => {
    const history: PriceHistory = {
      1: [{ t: H0 - 1, price: 9 }, { t: H0, price: 2 }, { t: H0 + 600_000, price: 2.5 }, { t: H0 + CHUNK_MS, price: 3 }],
      7: [{ t: H0 + 1_234, price: 0.012345678 }],
    };
    const chunk = encodeHour(history, hourOf(H0));
    expect(chunk).toEqual({ 1: [0, 2, 600_000, 2.5], 7: [1_234, 0.012345678] });
    expect(loadHours([{ hour: hourOf(H0), value: JSON.parse(JSON.stringify(chunk)) }], H0)).toEqual({
      1: [{ t: H0, price: 2 }, { t: H0 + 600_000, price: 2.5 }],
      7: [{ t: H0 + 1_234, price: 0.012345678 }],
    });
    // Every hour encoded, then loaded together: the history as it was.
    const hours = [hourOf(H0) - 1, hourOf(H0), hourOf(H0) + 1].map((h) => ({ hour: h, value: encodeHour(history, h) }));
    expect(loadHours(hours, H0 + CHUNK_MS)).toEqual(history);
  });

  it('skips what is not a chunk or not a point, keeping the rest', () => {
    for (const value of ['garbage', [1, 2], null]) expect(loadHours([{ hour: hourOf(H0), value }], H0)).toEqual({});
    const decoded = loadHours([{ hour: hourOf(H0), value: { 1: [5, 2, -1, 3, 6, 'x', 7, Infinity, CHUNK_MS, 1, 8], 2: 'no', x: [1, 1], 3: [9, 4] } }], H0);
    expect(decoded).toEqual({ 1: [{ t: H0 + 5, price: 2 }], 3: [{ t: H0 + 9, price: 4 }] });
  });

  it('loads points in time order, once each, none past the window', () => {
    const now = H0 + HISTORY_KEEP_MS + 500;
    const merged = mergeHistory(
      [{ 1: [{ t: H0 + 2_000, price: 3 }, { t: H0 + 1_000, price: 2 }] }, { 1: [{ t: H0 + 1_000, price: 2 }, { t: H0 + 400, price: 1 }], 2: [{ t: H0, price: 5 }] }],
      now,
    );
    expect(merged).toEqual({ 1: [{ t: H0 + 1_000, price: 2 }, { t: H0 + 2_000, price: 3 }] });
  });

  it('a step within an hour rewrites only that hour; nothing for a block without a new point', () => {
    const now = H0 + 20 * 60_000;
    const saved = week([1, 2, 3], now);
    const stored = hoursIn(saved);
    const next = recordPrices(saved, [subnet(1, 1n), subnet(2, 2n), subnet(3, 3n)], now + HISTORY_STEP_MS);
    const plan = planSave(saved, next, stored, now + HISTORY_STEP_MS);
    expect([...plan.write.keys()]).toEqual([hourOf(H0)]);
    expect(plan.remove).toEqual([]);
    expect(plan.periods).toEqual(stored);
    // The hour holds its four points per subnet: three from before, the new one last.
    const before = saved[2]!.slice(-3);
    expect(before.map((p) => p.t)).toEqual([H0, H0 + 600_000, H0 + 1_200_000]);
    expect(plan.write.get(hourOf(H0))![2]).toEqual([0, before[0]!.price, 600_000, before[1]!.price, 1_200_000, before[2]!.price, 1_800_000, 0.000000002]);

    const sameBlock = recordPrices(next, [subnet(1, 1n), subnet(2, 2n), subnet(3, 3n)], now + HISTORY_STEP_MS + 12_000);
    const quiet = planSave(next, sameBlock, plan.periods, now + HISTORY_STEP_MS + 12_000);
    expect(quiet.write.size + quiet.remove.length).toBe(0);
  });

  it('the first step of an hour adds it to the index and removes the hour that left the window, never a partly expired one', () => {
    const now = H0 - HISTORY_STEP_MS;
    const saved = week([1, 2], now);
    // The hour before the week's first point: its points already left memory, its item is still stored.
    const gone = hourOf(H0) - 169;
    const stored = [gone, ...hoursIn(saved)];
    const partly = hourOf(H0) - 168;
    expect(stored[1]).toBe(partly);
    const stepAt = H0 + 5_000;
    const next = recordPrices(saved, [subnet(1, 1n), subnet(2, 2n)], stepAt);
    const plan = planSave(saved, next, stored, stepAt);
    expect([...plan.write.keys()]).toEqual([hourOf(H0)]);
    expect(plan.remove).toEqual([gone]);
    expect(plan.periods).toEqual([...stored.slice(1), hourOf(H0)]);
    // The oldest hour still stored lost its first point in memory: left as stored, filtered when loaded.
    expect(next[1]![0]!.t).toBe(partly * CHUNK_MS + HISTORY_STEP_MS);
    expect(saved[1]![0]!.t).toBe(partly * CHUNK_MS);
  });

  it('a subnet that leaves is taken out of every hour it was in, so a load does not bring it back', () => {
    const now = H0 + 30 * 60_000;
    const saved: PriceHistory = { 1: [{ t: H0 - CHUNK_MS, price: 1 }, { t: H0, price: 1 }], 2: [{ t: H0 - CHUNK_MS, price: 2 }] };
    const stored = [hourOf(H0) - 1, hourOf(H0)];
    const next = recordPrices(saved, [subnet(2, 2_000_000_000n)], now);
    const plan = planSave(saved, next, stored, now);
    expect(plan.write.get(hourOf(H0) - 1)).toEqual({ 2: [0, 2] });
    expect(plan.write.get(hourOf(H0))).toEqual({ 2: [30 * 60_000, 2] });
    // An hour left with nobody's points is removed rather than written empty.
    const alone = planSave({ 1: saved[1]!, 2: [{ t: H0, price: 2 }] }, { 2: [{ t: H0, price: 2 }] }, stored, now);
    expect(alone.remove).toEqual([hourOf(H0) - 1]);
    expect(alone.periods).toEqual([hourOf(H0)]);
  });

  it('a subnet whose series starts over (a reused netuid) is taken out of every hour its old points were in', () => {
    const now = H0 + 30 * 60_000;
    const saved: PriceHistory = { 1: [{ t: H0 - 2 * CHUNK_MS, price: 1 }, { t: H0 - CHUNK_MS, price: 1 }, { t: H0, price: 1 }], 2: [{ t: H0 - CHUNK_MS, price: 2 }] };
    const stored = [hourOf(H0) - 2, hourOf(H0) - 1, hourOf(H0)];
    const next = recordPrices(withoutNetuids(saved, [1]), [subnet(1, 50_000_000_000n), subnet(2, 2_000_000_000n)], now);
    expect(next[1]).toEqual([{ t: now, price: 50 }]);
    const plan = planSave(saved, next, stored, now);
    // The hour only the old subnet 1 was in goes; the others are rewritten without its points.
    expect(plan.remove).toEqual([hourOf(H0) - 2]);
    expect(plan.write.get(hourOf(H0) - 1)).toEqual({ 2: [0, 2] });
    expect(plan.write.get(hourOf(H0))).toEqual({ 1: [30 * 60_000, 50], 2: [30 * 60_000, 2] });
    // A series that only lost its oldest points continues: its old hours are not rewritten.
    const continued = planSave(saved, { ...saved, 1: [...saved[1]!.slice(1), { t: now, price: 1 }] }, stored, now);
    expect([...continued.write.keys()]).toEqual([hourOf(H0)]);
  });

  it('splits the old single item into hours, merged with chunks already stored, past points left out', () => {
    const now = H0 + HISTORY_KEEP_MS + 5;
    const legacy = {
      1: [{ t: H0 - 1, price: 0.5 }, { t: H0 + 10, price: 1 }, { t: H0 + CHUNK_MS + 10, price: 2 }],
      4: [{ t: H0 + 20, price: 'x' }, { t: H0 + 30, price: 4 }],
    };
    const fromChunks: PriceHistory = { 1: [{ t: H0 + CHUNK_MS + 10, price: 2 }, { t: H0 + 2 * CHUNK_MS, price: 3 }] };
    const migrated = planMigration(JSON.parse(JSON.stringify(legacy)), fromChunks, [hourOf(H0) + 1, hourOf(H0) + 2], now)!;
    expect(migrated.history).toEqual({
      1: [{ t: H0 + 10, price: 1 }, { t: H0 + CHUNK_MS + 10, price: 2 }, { t: H0 + 2 * CHUNK_MS, price: 3 }],
      4: [{ t: H0 + 30, price: 4 }],
    });
    expect([...migrated.plan.write.keys()].sort()).toEqual([hourOf(H0), hourOf(H0) + 1]);
    expect(migrated.plan.write.get(hourOf(H0))).toEqual({ 1: [10, 1], 4: [30, 4] });
    expect(migrated.plan.periods).toEqual([hourOf(H0), hourOf(H0) + 1, hourOf(H0) + 2]);
    expect(migrated.plan.remove).toEqual([]);
  });

  it('an old item that is not a history at all plans nothing', () => {
    for (const junk of ['garbage', 42, [1, 2], true]) expect(planMigration(junk, {}, [], H0)).toBeNull();
    expect(decodeLegacy({ 1: 'x', 2: [{ t: 1.5, price: 1 }, { t: 3, price: -1 }, { t: 4, price: 1 }] })).toEqual({ 2: [{ t: 4, price: 1 }] });
  });
});
