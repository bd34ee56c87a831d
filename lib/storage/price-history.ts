/**
 * The price history in extension storage, one item per hour of points (layout and rules:
 * lib/history/price-history-chunks.ts): `local:priceHistory:h:<hour>` chunks and the `local:priceHistory:hours`
 * index. The old single `local:priceHistory` item is split into chunks on load and then removed.
 */
import { storage } from '@wxt-dev/storage';
import type { PriceHistory } from '../history/price-history';
import { decodeIndex, loadHours, planMigration, planSave, type HourPlan } from '../history/price-history-chunks';
import { applyChunkPlan, serialQueue, type ChunkStorage, type StorageKey } from './chunked';

export const LEGACY_HISTORY_KEY: StorageKey = 'local:priceHistory';
export const HISTORY_INDEX_KEY: StorageKey = 'local:priceHistory:hours';
export const historyChunkKey = (hour: number): StorageKey => `local:priceHistory:h:${hour}`;
const KEYS = { index: HISTORY_INDEX_KEY, item: historyChunkKey };

/** The part of `@wxt-dev/storage` used here (a counting fake in tests/bench/history.bench.ts). */
export type HistoryStorage = ChunkStorage;

export interface PriceHistoryStore {
  /** The stored history (migrating the old item once); points past the window left out. */
  load(now: number): Promise<PriceHistory>;
  /** Stores `next` (a `recordPrices` result) by writing only the chunks that changed since the last load or save. */
  save(next: PriceHistory, now: number): Promise<void>;
}

export function createPriceHistoryStore(area: HistoryStorage = storage): PriceHistoryStore {
  let saved: PriceHistory = {};
  let storedHours: number[] = [];
  const enqueue = serialQueue();
  const apply = (plan: HourPlan, before: readonly number[]) => applyChunkPlan(area, KEYS, plan, before);

  return {
    load: (now) =>
      enqueue(async () => {
        // The index and the old single item in one read, then the chunks the index lists.
        const [index, legacy] = (await area.getItems([HISTORY_INDEX_KEY, LEGACY_HISTORY_KEY])).map(({ value }) => value);
        storedHours = decodeIndex(index);
        const chunks = storedHours.length ? await area.getItems(storedHours.map(historyChunkKey)) : [];
        saved = loadHours(chunks.map(({ value }, i) => ({ hour: storedHours[i]!, value })), now);
        const migration = legacy === null || legacy === undefined ? null : planMigration(legacy, saved, storedHours, now);
        if (migration) {
          await apply(migration.plan, storedHours);
          storedHours = migration.plan.periods;
          saved = migration.history;
          // Only once every chunk is written: an interrupted migration runs again on the next load.
          await area.removeItems([LEGACY_HISTORY_KEY]);
        }
      }).then(() => saved),
    save: (next, now) => {
      const plan = planSave(saved, next, storedHours, now);
      const before = storedHours;
      saved = next;
      storedHours = plan.periods;
      return enqueue(() => apply(plan, before));
    },
  };
}
