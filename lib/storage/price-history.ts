/**
 * The price history in extension storage, one item per hour of points (layout and rules:
 * lib/history/price-history-chunks.ts): `local:priceHistory:h:<hour>` chunks and the `local:priceHistory:hours`
 * index. The old single `local:priceHistory` item is split into chunks on load and then removed.
 */
import { storage } from '@wxt-dev/storage';
import type { PriceHistory } from '../history/price-history';
import { decodeIndex, loadHours, planMigration, planSave } from '../history/price-history-chunks';
import { chunkedHistoryStore, type ChunkedHistoryStore, type ChunkStorage, type StorageKey } from './chunked';

export const LEGACY_HISTORY_KEY: StorageKey = 'local:priceHistory';
export const HISTORY_INDEX_KEY: StorageKey = 'local:priceHistory:hours';
export const historyChunkKey = (hour: number): StorageKey => `local:priceHistory:h:${hour}`;

/** The part of `@wxt-dev/storage` used here (a counting fake in tests/bench/history.bench.ts). */
export type HistoryStorage = ChunkStorage;

/** `load(now)`: points past the window left out; `save(next, now)`: a `recordPrices` result. */
export type PriceHistoryStore = ChunkedHistoryStore<PriceHistory>;

export function createPriceHistoryStore(area: HistoryStorage = storage): PriceHistoryStore {
  return chunkedHistoryStore<number, PriceHistory>(area, {
    keys: { index: HISTORY_INDEX_KEY, item: historyChunkKey, legacy: LEGACY_HISTORY_KEY },
    empty: () => ({}),
    decodeIndex,
    load: (items, now) => loadHours(items.map(({ period, value }) => ({ hour: period, value })), now),
    planMigration,
    planSave,
  });
}
