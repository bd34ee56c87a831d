/**
 * The transaction journal's state machine: every transaction is written down before it is sent, then
 * moves forward only (submitting → ready → in-block → finalized), or ends failed/dropped.
 */
import { formatAmount, stakeUnit } from '../units/amount';
import type { Quote, StakeOrder, TxEntry, TxStatus } from './types';

export type { TxEntry, TxStatus } from './types';

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

/** The journal's one line, shown in the panel, History and notifications: amounts exact (all 9 decimals when needed). */
export function journalLine(q: Quote, order: StakeOrder): string {
  const tao = (v: bigint) => formatAmount(v, { unit: 'TAO', maxFractionDigits: 9 });
  const alpha = (v: bigint, n: number) => formatAmount(v, { unit: stakeUnit(n), maxFractionDigits: 9 });
  const first = q.legs[0]!;
  switch (q.action) {
    case 'stake':
      return q.legs.length > 1
        ? `Stake ${tao(q.totalIn)} on ${q.legs.map((l) => `SN${l.netuid}`).join(', ')}`
        : `Stake ${tao(first.amountIn)} on SN${first.netuid}`;
    case 'unstake':
      return `Unstake ${alpha(first.amountIn, first.netuid)}`;
    case 'unstake-all':
      return `Unstake all on SN${first.netuid} (${alpha(first.amountIn, first.netuid)})`;
    case 'move':
      return `Move ${alpha(first.amountIn, first.netuid)} to SN${order.destNetuid}`;
    case 'change-validator':
      return `Change validator for ${alpha(first.amountIn, first.netuid)}`;
  }
}

/** A transaction's first journal entry, written before it is sent. */
export function newJournalEntry(t: {
  id: string;
  at: number;
  order: StakeOrder;
  quote: Quote;
  address: string;
  hash: string;
  signedHex: string;
  innerHash: string | null;
  shielded: boolean;
  eraBirth: number;
  eraPeriod: number;
}): TxEntry {
  return {
    id: t.id,
    createdAt: t.at,
    updatedAt: t.at,
    address: t.address,
    action: t.order.action,
    netuids: [...new Set(t.quote.legs.flatMap((l) => [l.netuid, l.outNetuid]))],
    summary: journalLine(t.quote, t.order),
    call: t.quote.call.text,
    status: 'submitting',
    hash: t.hash,
    innerHash: t.innerHash,
    shielded: t.shielded,
    signedHex: t.signedHex,
    eraBirth: t.eraBirth,
    eraPeriod: t.eraPeriod,
    blockHash: null,
    blockNumber: null,
    error: null,
  };
}
