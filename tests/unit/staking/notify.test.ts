import { describe, expect, it } from 'vitest';
import { explainModuleError } from '@/lib/staking/errors';
import { applyTxEvent, type TxEntry } from '@/lib/staking/journal';
import { TX_NOTIFICATION_PREFIX, txNotice } from '@/lib/staking/notify';

const sent: TxEntry = {
  id: 'abc', createdAt: 1, updatedAt: 1, address: '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY', action: 'stake', netuids: [4],
  summary: 'Stake τ2 on SN4', call: 'subtensorModule.addStakeLimit(…)', status: 'submitting', hash: '0x01', innerHash: null, shielded: false,
  signedHex: '0x', eraBirth: 10, eraPeriod: 64, blockHash: null, blockNumber: null, error: null,
};

describe('the notification when a tracked transaction ends', () => {
  it('nothing while it is on its way', () => {
    expect(txNotice(sent)).toBeNull();
    expect(txNotice(applyTxEvent(sent, { type: 'in-block', blockHash: '0xb', blockNumber: 12 }, 2))).toBeNull();
  });

  it('finalized: what was done and in which block', () => {
    const done = applyTxEvent(applyTxEvent(sent, { type: 'in-block', blockHash: '0xb', blockNumber: 12 }, 2), { type: 'finalized' }, 3);
    const n = txNotice(done)!;
    expect(n.id).toBe(`${TX_NOTIFICATION_PREFIX}abc`);
    expect(n.title).toBe('Done: Stake τ2 on SN4');
    expect(n.message).toMatch(/^Finalized in block #12\./);
    expect(txNotice({ ...done, shielded: true })!.message).toMatch(/protected stake’s own result/);
  });

  it('failed: the plain-language reason the journal recorded, not the module error name', () => {
    const reason = explainModuleError({ section: 'subtensorModule', name: 'SlippageTooHigh' });
    const failed = applyTxEvent(sent, { type: 'failed', name: 'SubtensorModule.SlippageTooHigh', message: reason, blockNumber: 13 }, 2);
    const n = txNotice(failed)!;
    expect(n.title).toBe('Failed: Stake τ2 on SN4');
    expect(n.message).toBe(reason);
    expect(n.message).not.toContain('SlippageTooHigh');
  });

  it('not included: says so as a sentence; very long reasons are cut', () => {
    const dropped = applyTxEvent(sent, { type: 'dropped', message: 'it expired without being included, so nothing happened' }, 2);
    expect(txNotice(dropped)).toMatchObject({ title: 'Not sent: Stake τ2 on SN4', message: 'It expired without being included, so nothing happened.' });
    const long = applyTxEvent(sent, { type: 'failed', name: null, message: 'x'.repeat(1000) }, 2);
    expect(txNotice(long)!.message.length).toBeLessThanOrEqual(300);
    expect(txNotice(long)!.message.endsWith('…')).toBe(true);
  });
});
