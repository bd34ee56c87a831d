/**
 * A history stored as one item per period (an hour of prices, a month of daily points) plus an index of the stored
 * periods, so a step rewrites only the period it changed. This is the write order both histories share; which
 * periods a step changes is each history's own rule (lib/history/price-history-chunks.ts, lib/network/history-months.ts).
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

/** Runs storage work one job after another (each plan is computed against the one before); a failed job does not stop the next. */
export function serialQueue(): (work: () => Promise<void>) => Promise<void> {
  let queue: Promise<unknown> = Promise.resolve();
  return (work) => {
    const run = queue.then(work);
    queue = run.catch(() => {});
    return run;
  };
}
