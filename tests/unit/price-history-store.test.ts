// lib/storage/price-history.ts on WXT's storage (fake browser): what a step writes, what a woken worker loads,
// and the old single item's migration.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from '@wxt-dev/storage';
import { CHUNK_MS, hourOf } from '@/lib/history/price-history-chunks';
import { HISTORY_KEEP_MS, HISTORY_STEP_MS, recordPrices, type PriceHistory } from '@/lib/history/price-history';
import type { Subnet } from '@/lib/model/types';
import { createPriceHistoryStore, HISTORY_INDEX_KEY, historyChunkKey, LEGACY_HISTORY_KEY, type HistoryStorage } from '@/lib/storage/price-history';

const subnet = (netuid: number, priceRao: bigint) => ({ netuid, priceRao }) as Subnet;
const H0 = 500_000 * CHUNK_MS;
const subnets = (n: number, priceRao = 1_000_000_000n) => Array.from({ length: n }, (_, i) => subnet(i + 1, priceRao + BigInt(i)));

/** WXT's storage, with the keys each call wrote or removed noted. */
function noting(): { area: HistoryStorage; written: string[]; removed: string[] } {
  const written: string[] = [];
  const removed: string[] = [];
  const area: HistoryStorage = {
    getItems: (keys) => storage.getItems(keys),
    setItem: (key, value) => {
      written.push(key);
      return storage.setItem(key, value);
    },
    setItems: (values) => {
      written.push(...values.map((v) => v.key));
      return storage.setItems(values);
    },
    removeItems: (keys) => {
      removed.push(...keys);
      return storage.removeItems(keys);
    },
  };
  return { area, written, removed };
}

/** Steps a store through `steps` 10-minute points from `from`; returns the history in memory. */
async function run(store: ReturnType<typeof createPriceHistoryStore>, history: PriceHistory, from: number, steps: number, n = 3): Promise<PriceHistory> {
  for (let i = 0; i < steps; i++) {
    const now = from + i * HISTORY_STEP_MS;
    const next = recordPrices(history, subnets(n, 1_000_000_000n + BigInt(i * 1_000)), now);
    if (next !== history) await store.save(next, now);
    history = next;
  }
  return history;
}

const everything = async () => JSON.stringify(await fakeBrowser.storage.local.get(null));

describe('price history store', () => {
  beforeEach(() => fakeBrowser.reset());

  it('a woken worker loads exactly the history it had in memory, and a step writes only the current hour', async () => {
    const { area, written, removed } = noting();
    const store = createPriceHistoryStore(area);
    expect(await store.load(H0)).toEqual({});
    const inMemory = await run(store, {}, H0, 20);
    const end = H0 + 19 * HISTORY_STEP_MS;
    expect(await createPriceHistoryStore().load(end)).toEqual(inMemory);
    expect(await storage.getItem(HISTORY_INDEX_KEY)).toEqual([hourOf(H0), hourOf(H0) + 1, hourOf(H0) + 2, hourOf(H0) + 3]);
    expect(removed).toEqual([]);

    written.length = 0;
    const more = await run(store, inMemory, end + HISTORY_STEP_MS, 1);
    expect(written).toEqual([historyChunkKey(hourOf(end + HISTORY_STEP_MS))]);
    expect(await createPriceHistoryStore().load(end + HISTORY_STEP_MS)).toEqual(more);
  });

  it('hours that leave the window are removed from storage and from the index', async () => {
    const { area, removed } = noting();
    const store = createPriceHistoryStore(area);
    await store.load(H0);
    let history = await run(store, {}, H0, 3);
    const later = H0 + HISTORY_KEEP_MS + CHUNK_MS;
    history = await run(store, history, later, 1);
    expect(removed).toEqual([historyChunkKey(hourOf(H0))]);
    expect(await storage.getItem(historyChunkKey(hourOf(H0)))).toBeNull();
    expect(await storage.getItem(HISTORY_INDEX_KEY)).toEqual([hourOf(later)]);
    expect(await createPriceHistoryStore().load(later)).toEqual(history);
  });

  it('moves the old single item into hour chunks, keeping every point, and removes it', async () => {
    const legacy: PriceHistory = {};
    for (const s of subnets(4)) legacy[s.netuid] = Array.from({ length: 30 }, (_, i) => ({ t: H0 + i * HISTORY_STEP_MS + s.netuid, price: s.netuid + i / 100 }));
    await storage.setItem(LEGACY_HISTORY_KEY, legacy);
    const now = H0 + 30 * HISTORY_STEP_MS;
    expect(await createPriceHistoryStore().load(now)).toEqual(legacy);
    expect(await storage.getItem(LEGACY_HISTORY_KEY)).toBeNull();
    expect(await storage.getItem(HISTORY_INDEX_KEY)).toEqual([0, 1, 2, 3, 4].map((h) => hourOf(H0) + h));
    // Loaded again, from the chunks alone: the same.
    expect(await createPriceHistoryStore().load(now)).toEqual(legacy);
  });

  it('finishes a migration cut short: chunks and the old item both there, points once each', async () => {
    const store = createPriceHistoryStore();
    await store.load(H0);
    const history = await run(store, {}, H0, 9, 2);
    const legacy = { 1: [{ t: H0 - CHUNK_MS, price: 7 }, ...history[1]!], 2: history[2]! };
    await storage.setItem(LEGACY_HISTORY_KEY, legacy);
    const loaded = await createPriceHistoryStore().load(H0 + 9 * HISTORY_STEP_MS);
    expect(loaded).toEqual({ ...history, 1: [{ t: H0 - CHUNK_MS, price: 7 }, ...history[1]!] });
    expect(await storage.getItem(LEGACY_HISTORY_KEY)).toBeNull();
  });

  it('an old item that is not a history changes nothing and loses nothing', async () => {
    const store = createPriceHistoryStore();
    await store.load(H0);
    const history = await run(store, {}, H0, 8);
    for (const junk of ['garbage', 12, [1, 2, 3]]) {
      await storage.setItem(LEGACY_HISTORY_KEY, junk);
      const before = await everything();
      expect(await createPriceHistoryStore().load(H0 + 8 * HISTORY_STEP_MS)).toEqual(history);
      expect(await everything()).toBe(before);
    }
  });

  it('a corrupt or missing chunk loses only its own hour, and loading writes nothing', async () => {
    const store = createPriceHistoryStore();
    await store.load(H0);
    const history = await run(store, {}, H0, 18);
    await storage.setItem(historyChunkKey(hourOf(H0) + 1), 'garbage');
    await storage.removeItem(historyChunkKey(hourOf(H0) + 2));
    const before = await everything();
    const loaded = await createPriceHistoryStore().load(H0 + 18 * HISTORY_STEP_MS);
    const outside = (t: number) => hourOf(t) !== hourOf(H0) + 1 && hourOf(t) !== hourOf(H0) + 2;
    expect(loaded).toEqual(Object.fromEntries(Object.entries(history).map(([n, ps]) => [n, ps.filter((p) => outside(p.t))])));
    expect(await everything()).toBe(before);
  });

  it('a step whose chunk write fails leaves no chunk the index misses; the next step in the hour writes it whole', async () => {
    const { area } = noting();
    let failChunks = false;
    const flaky: HistoryStorage = { ...area, setItems: (values) => (failChunks ? Promise.reject(new Error('quota')) : area.setItems(values)) };
    const store = createPriceHistoryStore(flaky);
    await store.load(H0);
    let history = await run(store, {}, H0, 6);
    const nextHour = H0 + 6 * HISTORY_STEP_MS;
    failChunks = true;
    const failed = recordPrices(history, subnets(3), nextHour);
    await expect(store.save(failed, nextHour)).rejects.toThrow('quota');
    // The index already lists the new hour; its missing chunk reads as empty.
    expect(await storage.getItem(HISTORY_INDEX_KEY)).toEqual([hourOf(H0), hourOf(nextHour)]);
    expect(await createPriceHistoryStore().load(nextHour)).toEqual(history);
    failChunks = false;
    history = await run(store, failed, nextHour + HISTORY_STEP_MS, 1);
    expect(await createPriceHistoryStore().load(nextHour + HISTORY_STEP_MS)).toEqual(history);
    expect(history[1]!.filter((p) => hourOf(p.t) === hourOf(nextHour))).toHaveLength(2);
  });

  it('an index that is not a list loads as no history, and the next step starts it again', async () => {
    await storage.setItem(HISTORY_INDEX_KEY, { junk: true });
    const store = createPriceHistoryStore();
    expect(await store.load(H0)).toEqual({});
    const history = await run(store, {}, H0, 1);
    expect(await createPriceHistoryStore().load(H0)).toEqual(history);
  });
});
