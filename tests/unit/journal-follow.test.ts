// lib/storage/journal-follow.ts: the panel reads and follows the same journal the worker writes with txJournalItem.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readJournal, watchJournal } from '@/lib/storage/journal-follow';
import { createJournalStore, txJournalItem } from '@/lib/storage/tx-journal';
import type { TxEntry } from '@/lib/staking/types';

const entry = (id: string, status: TxEntry['status']): TxEntry => ({
  id, createdAt: 1, updatedAt: 1, address: '5A', action: 'stake', netuids: [1], summary: 'Stake τ1 on SN1', call: 'c', status,
  hash: '0x01', innerHash: null, shielded: false, signedHex: '0x', eraBirth: 1, eraPeriod: 64, blockHash: null, blockNumber: null, error: null,
});

describe('following the journal without @wxt-dev/storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads what the worker wrote, and nothing as an empty journal', async () => {
    expect(await readJournal()).toEqual([]);
    await createJournalStore().put(entry('a', 'submitting'));
    expect(await readJournal()).toEqual(await txJournalItem.getValue());
    expect((await readJournal()).map((e) => e.id)).toEqual(['a']);
  });

  it('sees every change the worker writes, until stopped', async () => {
    const seen: string[] = [];
    const stop = watchJournal((list) => seen.push(list.map((e) => `${e.id}:${e.status}`).join(',')));
    const store = createJournalStore();
    await store.put(entry('a', 'submitting'));
    await store.put(entry('a', 'in-block'));
    stop();
    await store.put(entry('a', 'finalized'));
    expect(seen).toEqual(['a:submitting', 'a:in-block']);
  });
});
