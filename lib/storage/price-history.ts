/**
 * The price history in extension storage, one item per hour of points (layout and rules:
 * lib/history/price-history-chunks.ts): `local:priceHistory:h:<hour>` chunks and the `local:priceHistory:hours`
 * index. The old single `local:priceHistory` item is split into chunks on load and then removed.
 */
import { storage } from '@wxt-dev/storage';
import type { PriceHistory } from '../history/price-history';
import { decodeIndex, loadHours, planMigration, planSave, type ChunkPlan, type HourChunk } from '../history/price-history-chunks';

type Key = `local:${string}`;
export const LEGACY_HISTORY_KEY: Key = 'local:priceHistory';
export const HISTORY_INDEX_KEY: Key = 'local:priceHistory:hours';
export const historyChunkKey = (hour: number): Key => `local:priceHistory:h:${hour}`;

/** The part of `@wxt-dev/storage` used here (a counting fake in tests/bench/history.bench.ts). */
export interface HistoryStorage {
  getItems(keys: Key[]): Promise<Array<{ key: string; value: unknown }>>;
  setItem(key: Key, value: unknown): Promise<void>;
  setItems(values: Array<{ key: Key; value: unknown }>): Promise<void>;
  removeItems(keys: Key[]): Promise<void>;
}

export interface PriceHistoryStore {
  /** The stored history (migrating the old item once); points past the window left out. */
  load(now: number): Promise<PriceHistory>;
  /** Stores `next` (a `recordPrices` result) by writing only the chunks that changed since the last load or save. */
  save(next: PriceHistory, now: number): Promise<void>;
}

export function createPriceHistoryStore(area: HistoryStorage = storage): PriceHistoryStore {
  let saved: PriceHistory = {};
  let storedHours: number[] = [];
  // Writes run one after another, each plan computed against the one before.
  let queue: Promise<unknown> = Promise.resolve();

  /**
   * Ordered so the index always lists every stored chunk (an interrupted write leaves at most an indexed hour
   * with no chunk, read as empty, never a chunk nothing finds): hours added before their chunks are written,
   * hours removed only after their chunks are.
   */
  async function apply(plan: ChunkPlan, before: readonly number[]): Promise<void> {
    const listed = new Set(before);
    if (plan.hours.some((h) => !listed.has(h))) await area.setItem(HISTORY_INDEX_KEY, [...new Set([...before, ...plan.hours])].sort((a, b) => a - b));
    if (plan.write.size) await area.setItems([...plan.write].map(([hour, chunk]): { key: Key; value: HourChunk } => ({ key: historyChunkKey(hour), value: chunk })));
    if (plan.remove.length) {
      await area.removeItems(plan.remove.map(historyChunkKey));
      await area.setItem(HISTORY_INDEX_KEY, plan.hours);
    }
  }

  const enqueue = (work: () => Promise<void>): Promise<void> => {
    const run = queue.then(work);
    queue = run.catch(() => {});
    return run;
  };

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
          storedHours = migration.plan.hours;
          saved = migration.history;
          // Only once every chunk is written: an interrupted migration runs again on the next load.
          await area.removeItems([LEGACY_HISTORY_KEY]);
        }
      }).then(() => saved),
    save: (next, now) => {
      const plan = planSave(saved, next, storedHours, now);
      const before = storedHours;
      saved = next;
      storedHours = plan.hours;
      return enqueue(() => apply(plan, before));
    },
  };
}
