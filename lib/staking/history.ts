/**
 * The popup's transaction history: journal entries as rows a person reads, newest first. Pure; the
 * component renders what this returns.
 */
import type { TxEntry, TxStatus } from './journal';

export interface HistoryRow {
  id: string;
  /** The journal's one-line summary ("Stake τ1 on SN1"), on-chain free. */
  summary: string;
  status: TxStatus;
  statusLabel: string;
  /** Why it failed or was not sent, in plain language; null otherwise. */
  reason: string | null;
  blockNumber: number | null;
  /** The hash to look the transaction up by: the inner stake's when shielded. */
  hash: string;
  shielded: boolean;
  address: string;
  /** When it last changed (ms since epoch). */
  at: number;
}

const STATUS_LABEL: Record<TxStatus, string> = {
  submitting: 'Sending',
  ready: 'Waiting for a block',
  'in-block': 'In a block, not yet final',
  finalized: 'Finalized',
  failed: 'Failed',
  dropped: 'Not sent',
};

export function historyRows(entries: readonly TxEntry[]): HistoryRow[] {
  return [...entries]
    .sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id))
    .map((e) => ({
      id: e.id,
      summary: e.summary,
      status: e.status,
      statusLabel: e.status === 'in-block' && e.blockNumber !== null ? `In block #${e.blockNumber}, not yet final` : STATUS_LABEL[e.status],
      reason: e.status === 'failed' || e.status === 'dropped' ? (e.error?.message ?? 'The chain did not say why.') : null,
      blockNumber: e.blockNumber,
      hash: e.innerHash ?? e.hash,
      shielded: e.shielded,
      address: e.address,
      at: e.updatedAt,
    }));
}
