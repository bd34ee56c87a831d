/** The transaction journal in extension storage: written before a transaction is sent, followed to its end. */
import { storage } from '@wxt-dev/storage';
import { upsertEntry, type TxEntry } from '../staking/journal';
import { JOURNAL_KEY } from './journal-follow';

/** Stored with bigint-free fields only (numbers and strings), so plain JSON storage holds it as is. */
export const txJournalItem = /* @__PURE__ */ storage.defineItem<TxEntry[]>(`local:${JOURNAL_KEY}`, { fallback: [] });

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
// Pure: pages that only follow the journal (the staking panel) do not carry this item.
export const openTxHistoryHintItem = /* @__PURE__ */ storage.defineItem<boolean>('local:openHistoryHint', { fallback: false });
