/** The transaction journal in extension storage: written before a transaction is sent, followed to its end. */
import { storage } from '@wxt-dev/storage';
import { upsertEntry, type TxEntry } from '../staking/journal';

/** Stored with bigint-free fields only (numbers and strings), so plain JSON storage holds it as is. */
export const txJournalItem = storage.defineItem<TxEntry[]>('local:txJournal', { fallback: [] });

export interface JournalStore {
  list(): Promise<TxEntry[]>;
  put(entry: TxEntry): Promise<void>;
}

/** Serialises writes so concurrent updates never lose an entry. */
export function createJournalStore(item: { getValue(): Promise<TxEntry[]>; setValue(v: TxEntry[]): Promise<void> } = txJournalItem): JournalStore {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    list: () => item.getValue(),
    put(entry) {
      const run = queue.then(async () => item.setValue(upsertEntry(await item.getValue(), entry)));
      queue = run.catch(() => {});
      return run;
    },
  };
}

/** Set when a transaction notification is clicked: the popup then opens on its history (and clears it). */
export const openTxHistoryHintItem = storage.defineItem<boolean>('local:openHistoryHint', { fallback: false });
