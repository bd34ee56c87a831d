/**
 * The transaction journal's state machine: every transaction is written down before it is sent, then
 * moves forward only (submitting → ready → in-block → finalized), or ends failed/dropped.
 */
import type { StakeAction } from './types';

export type TxStatus = 'submitting' | 'ready' | 'in-block' | 'finalized' | 'failed' | 'dropped';

export interface TxEntry {
  id: string;
  createdAt: number;
  updatedAt: number;
  address: string;
  action: StakeAction;
  netuids: number[];
  /** One line for lists: "Stake τ1 on SN1". */
  summary: string;
  /** The exact call (preview text). */
  call: string;
  status: TxStatus;
  /** Hash of the extrinsic sent (the wrapper when shielded). */
  hash: string;
  /** Shielded: the inner extrinsic's hash, whose events decide success. */
  innerHash: string | null;
  shielded: boolean;
  /** The signed extrinsic (hex), so a restarted worker can resend it while its era lasts. */
  signedHex: string;
  /** Mortal era: born at this block, valid for `eraPeriod` blocks. */
  eraBirth: number;
  eraPeriod: number;
  blockHash: string | null;
  blockNumber: number | null;
  error: { name: string | null; message: string } | null;
}

export type TxEvent =
  | { type: 'ready' }
  | { type: 'in-block'; blockHash: string; blockNumber: number | null }
  | { type: 'finalized'; blockHash?: string }
  | { type: 'failed'; name: string | null; message: string; blockHash?: string; blockNumber?: number | null }
  | { type: 'dropped'; message: string };

const RANK: Record<TxStatus, number> = { submitting: 0, ready: 1, 'in-block': 2, finalized: 3, failed: 3, dropped: 3 };

export function isPending(e: TxEntry): boolean {
  return RANK[e.status] < 3;
}

/** The next entry for an event; events that would move it backward (or out of an end state) are ignored. */
export function applyTxEvent(entry: TxEntry, event: TxEvent, now: number): TxEntry {
  if (!isPending(entry)) return entry;
  switch (event.type) {
    case 'ready':
      return RANK[entry.status] < RANK.ready ? { ...entry, status: 'ready', updatedAt: now } : entry;
    case 'in-block':
      return RANK[entry.status] < RANK['in-block']
        ? { ...entry, status: 'in-block', blockHash: event.blockHash, blockNumber: event.blockNumber, updatedAt: now }
        : entry;
    case 'finalized':
      return { ...entry, status: 'finalized', blockHash: event.blockHash ?? entry.blockHash, updatedAt: now };
    case 'failed':
      return {
        ...entry,
        status: 'failed',
        blockHash: event.blockHash ?? entry.blockHash,
        blockNumber: event.blockNumber ?? entry.blockNumber,
        error: { name: event.name, message: event.message },
        updatedAt: now,
      };
    case 'dropped':
      return { ...entry, status: 'dropped', error: { name: null, message: event.message }, updatedAt: now };
  }
}

/** Whether a mortal transaction can no longer be included at `bestNumber`. */
export function eraExpired(entry: TxEntry, bestNumber: number): boolean {
  return bestNumber >= entry.eraBirth + entry.eraPeriod;
}

export const JOURNAL_LIMIT = 200;

/** Insert or replace by id, newest first, capped (pending entries are never evicted). */
export function upsertEntry(list: readonly TxEntry[], entry: TxEntry): TxEntry[] {
  const rest = list.filter((e) => e.id !== entry.id);
  const next = [entry, ...rest].sort((a, b) => b.createdAt - a.createdAt);
  if (next.length <= JOURNAL_LIMIT) return next;
  let room = JOURNAL_LIMIT - next.filter(isPending).length;
  return next.filter((e) => isPending(e) || room-- > 0);
}

export function statusText(e: TxEntry): string {
  switch (e.status) {
    case 'submitting':
      return 'sending…';
    case 'ready':
      return 'waiting for a block';
    case 'in-block':
      return `in block${e.blockNumber !== null ? ` #${e.blockNumber}` : ''}`;
    case 'finalized':
      return `finalized${e.blockNumber !== null ? ` in block #${e.blockNumber}` : ''}`;
    case 'failed':
      return `failed: ${e.error?.message ?? 'unknown error'}`;
    case 'dropped':
      return `not included: ${e.error?.message ?? 'dropped'}`;
  }
}
