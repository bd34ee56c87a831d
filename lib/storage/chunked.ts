/**
 * A history stored as one item per period (an hour of prices, a month of daily points) plus an index of the stored
 * periods, so a step rewrites only the period it changed: the store both histories share (load, the old single
 * item's split, save) and its write order. Which periods a step changes, and how items read back, are each
 * history's own pure rules (lib/history/price-history-chunks.ts, lib/network/history-months.ts).
 */

import type { ChunkPlan } from '../history/chunk-plan';

export type StorageKey = `local:${string}`;


/** The part of `@wxt-dev/storage` a chunked history uses (a counting fake in tests and benches). */
export interface ChunkStorage {
  getItems(keys: StorageKey[]): Promise<Array<{ key: string; value: unknown }>>;
  setItem(key: StorageKey, value: unknown): Promise<void>;
  setItems(values: Array<{ key: StorageKey; value: unknown }>): Promise<void>;
  removeItems(keys: StorageKey[]): Promise<void>;
}

const ordered = <P extends number | string>(periods: Iterable<P>): P[] => [...new Set(periods)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * Applies `plan` over the periods stored `before`, ordered so the index always lists every stored item (an
 * interrupted write leaves at most an indexed period with no item, read as empty, never an item nothing finds):
 * periods added to the index before their items are written, removed from it only after their items are.
 */
export async function applyChunkPlan<P extends number | string, C>(
  area: ChunkStorage,
  keys: { index: StorageKey; item: (period: P) => StorageKey },
  plan: ChunkPlan<P, C>,
  before: readonly P[],
): Promise<void> {
  const listed = new Set(before);
  if (plan.periods.some((p) => !listed.has(p))) await area.setItem(keys.index, ordered([...before, ...plan.periods]));
  if (plan.write.size) await area.setItems([...plan.write].map(([period, chunk]) => ({ key: keys.item(period), value: chunk })));
  if (plan.remove.length) {
    await area.removeItems(plan.remove.map(keys.item));
    await area.setItem(keys.index, plan.periods);
  }
}

/** A history's own rules for its items (pure, in lib/): how to read them back and which ones a save changes. */
export interface ChunkedHistoryRules<P extends number | string, H> {
  keys: { index: StorageKey; item: (period: P) => StorageKey; /** The single item an older version kept. */ legacy: StorageKey };
  empty(): H;
  decodeIndex(value: unknown): P[];
  load(items: ReadonlyArray<{ period: P; value: unknown }>, now: number): H;
  /** The old single item into items, merged with what items already hold; null when it is not a history at all. */
  planMigration(legacy: unknown, loaded: H, stored: readonly P[], now: number): { history: H; plan: ChunkPlan<P, unknown> } | null;
  planSave(saved: H, next: H, stored: readonly P[], now: number): ChunkPlan<P, unknown>;
}

export interface ChunkedHistoryStore<H> {
  /** The stored history (the old single item split into items once, then removed). */
  load(now: number): Promise<H>;
  /** Stores `next` by writing only the items that changed since the last load or save. */
  save(next: H, now: number): Promise<void>;
}

/** A history kept an item per period, written in the order above, one job at a time. */
export function chunkedHistoryStore<P extends number | string, H>(area: ChunkStorage, rules: ChunkedHistoryRules<P, H>): ChunkedHistoryStore<H> {
  let saved = rules.empty();
  let stored: P[] = [];
  // Jobs run one after another, each plan computed against the one before; a failed job does not stop the next.
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = (work: () => Promise<void>): Promise<void> => {
    const run = queue.then(work);
    queue = run.catch(() => {});
    return run;
  };
  const apply = (plan: ChunkPlan<P, unknown>, before: readonly P[]) => applyChunkPlan(area, rules.keys, plan, before);

  return {
    load: (now) =>
      enqueue(async () => {
        // The index and the old single item in one read, then the items the index lists.
        const [index, legacy] = (await area.getItems([rules.keys.index, rules.keys.legacy])).map(({ value }) => value);
        stored = rules.decodeIndex(index);
        const items = stored.length ? await area.getItems(stored.map(rules.keys.item)) : [];
        saved = rules.load(items.map(({ value }, i) => ({ period: stored[i]!, value })), now);
        const migration = legacy === null || legacy === undefined ? null : rules.planMigration(legacy, saved, stored, now);
        if (migration) {
          await apply(migration.plan, stored);
          stored = migration.plan.periods;
          saved = migration.history;
          // Only once every item is written: an interrupted migration runs again on the next load.
          await area.removeItems([rules.keys.legacy]);
        }
      }).then(() => saved),
    save: (next, now) => {
      const plan = rules.planSave(saved, next, stored, now);
      const before = stored;
      saved = next;
      stored = plan.periods;
      return enqueue(() => apply(plan, before));
    },
  };
}
