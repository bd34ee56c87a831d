/**
 * The transaction journal (`txJournalItem` in ./tx-journal.ts) read and followed with the browser's own storage
 * API, for the staking panel in a page: it needs nothing else from @wxt-dev/storage, whose code (~3 kB gzip) then
 * stays out of the panel's bundle. The item has no version, so its value is stored as is under its key.
 */
import { browser } from 'wxt/browser';
import type { TxEntry } from '../staking/types';

/** `local:txJournal` without the area prefix: the key in `browser.storage.local`. */
export const JOURNAL_KEY = 'txJournal';

const entries = (value: unknown): TxEntry[] => (Array.isArray(value) ? (value as TxEntry[]) : []);

export async function readJournal(): Promise<TxEntry[]> {
  return entries((await browser.storage.local.get(JOURNAL_KEY))[JOURNAL_KEY]);
}

/** Calls `onList` with every new journal; returns what stops it. */
export function watchJournal(onList: (list: TxEntry[]) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && JOURNAL_KEY in changes) onList(entries(changes[JOURNAL_KEY]!.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
