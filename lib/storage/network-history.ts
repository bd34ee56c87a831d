/**
 * The daily network history in extension storage, one item per month of points (layout and rules:
 * lib/network/history-months.ts): `local:networkHistory:m:<YYYY-MM>` items and the `local:networkHistory:months`
 * index. The old single `local:networkHistory` item is split into months on load and then removed.
 */
import { storage } from '@wxt-dev/storage';
import type { DailyHistory } from '../network/history';
import { decodeMonths, loadMonths, planMigration, planSave } from '../network/history-months';
import { chunkedHistoryStore, type ChunkedHistoryStore, type ChunkStorage, type StorageKey } from './chunked';

export const LEGACY_NETWORK_HISTORY_KEY: StorageKey = 'local:networkHistory';
export const NETWORK_MONTHS_KEY: StorageKey = 'local:networkHistory:months';
export const networkMonthKey = (month: string): StorageKey => `local:networkHistory:m:${month}`;

export interface NetworkHistoryStore {
  load(): Promise<DailyHistory>;
  save(next: DailyHistory): Promise<void>;
}

export function createNetworkHistoryStore(area: ChunkStorage = storage): NetworkHistoryStore {
  const store: ChunkedHistoryStore<DailyHistory> = chunkedHistoryStore<string, DailyHistory>(area, {
    keys: { index: NETWORK_MONTHS_KEY, item: networkMonthKey, legacy: LEGACY_NETWORK_HISTORY_KEY },
    empty: () => ({ network: [], subnets: {} }),
    decodeIndex: decodeMonths,
    load: (items) => loadMonths(items.map(({ period, value }) => ({ month: period, value }))),
    planMigration: (legacy, loaded, stored) => planMigration(legacy, loaded, stored),
    planSave: (saved, next, stored) => planSave(saved, next, stored),
  });
  // Days do not expire by the clock here (`recordDay` trims them): no `now` to pass.
  return { load: () => store.load(0), save: (next) => store.save(next, 0) };
}
