// lib/staking/journal.ts: the transaction journal's states.
import { describe, expect, it } from 'vitest';
import { applyTxEvent, eraExpired, isPending, statusText, upsertEntry, JOURNAL_LIMIT, type TxEntry } from '@/lib/staking/journal';

const HK = '5GNJqTPyNqANBkUVMN1LPPrxXnFouWXoe2wNSmmEoLctxiZY';

describe('tx journal', () => {
  const base: TxEntry = {
    id: 'x', createdAt: 1, updatedAt: 1, address: HK, action: 'stake', netuids: [1], summary: 's', call: 'c', status: 'submitting',
    hash: '0x01', innerHash: null, shielded: false, signedHex: '0x', eraBirth: 10, eraPeriod: 64, blockHash: null, blockNumber: null, error: null,
  };
  it('moves forward only and ends in a final state', () => {
    const inBlock = applyTxEvent(applyTxEvent(base, { type: 'ready' }, 2), { type: 'in-block', blockHash: '0xb', blockNumber: 12 }, 3);
    expect(inBlock.status).toBe('in-block');
    expect(applyTxEvent(inBlock, { type: 'ready' }, 4).status).toBe('in-block');
    const done = applyTxEvent(inBlock, { type: 'finalized' }, 5);
    expect(statusText(done)).toBe('finalized in block #12');
    expect(applyTxEvent(done, { type: 'failed', name: 'X', message: 'm' }, 6)).toBe(done);
    expect(isPending(done)).toBe(false);
    expect(eraExpired(base, 74)).toBe(true);
    expect(eraExpired(base, 73)).toBe(false);
  });
  it('keeps pending entries when capping', () => {
    let list: TxEntry[] = [{ ...base, id: 'pending', createdAt: 0 }];
    for (let i = 1; i <= JOURNAL_LIMIT + 5; i++) list = upsertEntry(list, { ...base, id: `d${i}`, createdAt: i, status: 'finalized' });
    expect(list).toHaveLength(JOURNAL_LIMIT);
    expect(list.some((e) => e.id === 'pending')).toBe(true);
  });
});

