import { describe, expect, it } from 'vitest';
import type { TxEntry } from '@/lib/staking/journal';
import { historyRows } from '@/lib/staking/history';

const entry = (over: Partial<TxEntry>): TxEntry => ({
  id: 'a',
  createdAt: 1_000,
  updatedAt: 1_000,
  address: '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY',
  action: 'stake',
  netuids: [1],
  summary: 'Stake τ1 on SN1',
  call: 'SubtensorModule.add_stake_limit(…)',
  status: 'submitting',
  hash: '0xouter',
  innerHash: null,
  shielded: false,
  signedHex: '0x',
  eraBirth: 1,
  eraPeriod: 64,
  blockHash: null,
  blockNumber: null,
  error: null,
  ...over,
});

describe('transaction history rows', () => {
  it('lists the newest transaction first', () => {
    const rows = historyRows([entry({ id: 'old', createdAt: 1 }), entry({ id: 'new', createdAt: 3 }), entry({ id: 'mid', createdAt: 2 })]);
    expect(rows.map((r) => r.id)).toEqual(['new', 'mid', 'old']);
  });

  it('says where a transaction is, with its block once known', () => {
    expect(historyRows([entry({ status: 'ready' })])[0]!.statusLabel).toBe('Waiting for a block');
    expect(historyRows([entry({ status: 'in-block', blockNumber: 42 })])[0]!.statusLabel).toBe('In block #42, not yet final');
    const done = historyRows([entry({ status: 'finalized', blockNumber: 42 })])[0]!;
    expect([done.statusLabel, done.blockNumber, done.reason]).toEqual(['Finalized', 42, null]);
  });

  it('gives the plain-language reason of a failure or of a transaction that was never sent', () => {
    const failed = historyRows([entry({ status: 'failed', error: { name: 'SlippageTooHigh', message: 'The price moved past your limit.' } })])[0]!;
    expect([failed.statusLabel, failed.reason]).toEqual(['Failed', 'The price moved past your limit.']);
    const dropped = historyRows([entry({ status: 'dropped', error: null })])[0]!;
    expect([dropped.statusLabel, dropped.reason]).toEqual(['Not sent', 'The chain did not say why.']);
  });

  it("a shielded stake is looked up by its inner stake's hash, not the envelope's", () => {
    expect(historyRows([entry({ shielded: true, hash: '0xenvelope', innerHash: '0xinner' })])[0]!.hash).toBe('0xinner');
  });
});
