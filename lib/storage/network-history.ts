/**
 * The daily network history in extension storage, one item per month of points (layout and rules:
 * lib/network/history-months.ts): `local:networkHistory:m:<YYYY-MM>` items and the `local:networkHistory:months`
 * index. The old single `local:networkHistory` item is split into months on load and then removed.
 */
import { storage } from '@wxt-dev/storage';
import type { DailyHistory } from '../network/history';
import { decodeMonths, loadMonths, planMigration, planSave, type MonthPlan } from '../network/history-months';
import { applyChunkPlan, serialQueue, type ChunkStorage, type StorageKey } from './chunked';

export const LEGACY_NETWORK_HISTORY_KEY: StorageKey = 'local:networkHistory';
export const NETWORK_MONTHS_KEY: StorageKey = 'local:networkHistory:months';
export const networkMonthKey = (month: string): StorageKey => `local:networkHistory:m:${month}`;
const KEYS = { index: NETWORK_MONTHS_KEY, item: networkMonthKey };

export interface NetworkHistoryStore {
  /** The stored history (migrating the old item once). */
  load(): Promise<DailyHistory>;
  /** Stores `next` by writing only the months that changed since the last load or save. */
  save(next: DailyHistory): Promise<void>;
}

export function createNetworkHistoryStore(area: ChunkStorage = storage): NetworkHistoryStore {
  let saved: DailyHistory = { network: [], subnets: {} };
  let storedMonths: string[] = [];
  const enqueue = serialQueue();
  const apply = (plan: MonthPlan, before: readonly string[]) => applyChunkPlan(area, KEYS, plan, before);

  return {
    load: () =>
      enqueue(async () => {
        const [index, legacy] = (await area.getItems([NETWORK_MONTHS_KEY, LEGACY_NETWORK_HISTORY_KEY])).map(({ value }) => value);
        storedMonths = decodeMonths(index);
        const items = storedMonths.length ? await area.getItems(storedMonths.map(networkMonthKey)) : [];
        saved = loadMonths(items.map(({ value }, i) => ({ month: storedMonths[i]!, value })));
        const migration = legacy === null || legacy === undefined ? null : planMigration(legacy, saved, storedMonths);
        if (migration) {
          await apply(migration.plan, storedMonths);
          storedMonths = migration.plan.periods;
          saved = migration.history;
          // Only once every month is written: an interrupted migration runs again on the next load.
          await area.removeItems([LEGACY_NETWORK_HISTORY_KEY]);
        }
      }).then(() => saved),
    save: (next) => {
      const plan = planSave(saved, next, storedMonths);
      const before = storedMonths;
      saved = next;
      storedMonths = plan.periods;
      return enqueue(() => apply(plan, before));
    },
  };
}
