/**
 * Journaled submission and resume-after-restart, over the shared journal schema (`./journal` TxEntry,
 * stored under `local:txJournal` by lib/storage/tx-journal.ts). The entry is written before anything
 * is sent; a restarted worker finds pending entries' hashes in the blocks of their validity window.
 */
import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { StakeAction } from './types';
import { applyTxEvent, eraExpired, isPending, upsertEntry, type TxEntry, type TxEvent } from './journal';
import { readOutcome, submitAndWatch, type SigningRequest, type SubmitResult, type WatchStatus } from './transaction';

/** Same shape as lib/storage/tx-journal.ts's JournalStore (kept here so Node code needs no extension storage). */
export interface JournalStoreLike {
  list(): Promise<TxEntry[]>;
  put(entry: TxEntry): Promise<void>;
}

/** A journal over a plain get/set backing (an object in tests); writes are serialised. */
export function memoryJournalStore(backing: { value: TxEntry[] } = { value: [] }): JournalStoreLike & { backing: { value: TxEntry[] } } {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    backing,
    list: async () => structuredClone(backing.value),
    put(entry) {
      const run = queue.then(() => {
        backing.value = upsertEntry(backing.value, structuredClone(entry));
      });
      queue = run.catch(() => {});
      return run;
    },
  };
}

export interface EntryMeta {
  action: StakeAction;
  netuids: number[];
  /** One line for lists. */
  summary: string;
  /** The exact call (plan's `describe`). */
  call: string;
}

let counter = 0;
export function newEntry(req: SigningRequest, signed: SubmittableExtrinsic<'promise'>, meta: EntryMeta, now = Date.now()): TxEntry {
  counter += 1;
  return {
    id: `${now.toString(36)}-${counter.toString(36)}-${signed.hash.toHex().slice(2, 10)}`,
    createdAt: now,
    updatedAt: now,
    address: req.address,
    action: meta.action,
    netuids: meta.netuids,
    summary: meta.summary,
    call: meta.call,
    status: 'submitting',
    hash: signed.hash.toHex(),
    innerHash: null,
    shielded: false,
    signedHex: signed.toHex(),
    eraBirth: req.eraBirth,
    eraPeriod: req.eraPeriod,
    blockHash: null,
    blockNumber: null,
    error: null,
  };
}

function eventFor(status: WatchStatus): TxEvent | null {
  switch (status.type) {
    case 'ready':
      return { type: 'ready' };
    case 'in-block':
      return { type: 'in-block', blockHash: status.blockHash, blockNumber: status.outcome?.blockNumber ?? null };
    case 'finalized':
      if (status.outcome && !status.outcome.ok) {
        return {
          type: 'failed',
          name: status.outcome.error ? `${status.outcome.error.section}.${status.outcome.error.name}` : null,
          message: status.outcome.error?.message ?? 'the transaction failed on chain',
          blockHash: status.blockHash,
          blockNumber: status.outcome.blockNumber,
        };
      }
      return { type: 'finalized', blockHash: status.blockHash };
    case 'dropped':
      return { type: 'dropped', message: status.message };
  }
}

/**
 * Write the entry, then submit and watch, moving the entry along each status. A pool rejection marks
 * it failed and rethrows.
 */
export async function sendJournaled(
  api: ApiPromise,
  store: JournalStoreLike,
  entry: TxEntry,
  signed: SubmittableExtrinsic<'promise'>,
  onStatus: (s: WatchStatus, entry: TxEntry) => void = () => {},
  now: () => number = Date.now,
): Promise<{ result: SubmitResult; entry: TxEntry }> {
  let current = entry;
  await store.put(current); // before anything leaves
  let writes: Promise<void> = Promise.resolve();
  try {
    const result = await submitAndWatch(api, signed, (s) => {
      const ev = eventFor(s);
      if (!ev) return;
      current = applyTxEvent(current, ev, now());
      const snapshot = current;
      writes = writes.then(() => store.put(snapshot));
      onStatus(s, snapshot);
    });
    await writes;
    return { result, entry: current };
  } catch (err) {
    await writes;
    const message = err instanceof Error ? err.message : String(err);
    current = applyTxEvent(current, { type: 'failed', name: null, message }, now());
    await store.put(current);
    throw err;
  }
}

export interface ResumeOptions {
  /** Look back at most this many blocks from the best head (default 64). */
  lookback?: number;
  /** Resend a still-valid entry that is in no block yet (default true). */
  resend?: boolean;
  now?: () => number;
}

/**
 * For every pending entry: look for its hash in the blocks of its era window (within `lookback` of
 * best); found → in-block, then finalized or failed with the decoded error once that block is final;
 * not found and the era has passed → dropped; otherwise (optionally) resend and leave it pending.
 * Returns the entries it changed.
 */
export async function resumePending(api: ApiPromise, store: JournalStoreLike, opts: ResumeOptions = {}): Promise<TxEntry[]> {
  const lookback = opts.lookback ?? 64;
  const now = opts.now ?? Date.now;
  const pending = (await store.list()).filter(isPending);
  if (pending.length === 0) return [];
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  const finalized = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
  const hashes = new Map<number, string>();
  const hashAt = async (n: number) => {
    let h = hashes.get(n);
    if (!h) hashes.set(n, (h = (await api.rpc.chain.getBlockHash(n)).toHex()));
    return h;
  };
  const changed: TxEntry[] = [];
  for (const entry of pending) {
    const target = entry.innerHash ?? entry.hash;
    const from = Math.max(entry.eraBirth, best - lookback, 0);
    const to = Math.min(best, entry.eraBirth + entry.eraPeriod);
    let next = entry;
    let found = false;
    for (let n = from; n <= to; n++) {
      const outcome = await readOutcome(api, await hashAt(n), target);
      if (!outcome) continue;
      found = true;
      next = applyTxEvent(next, { type: 'in-block', blockHash: outcome.blockHash, blockNumber: outcome.blockNumber }, now());
      if (outcome.blockNumber <= finalized) {
        next = outcome.ok
          ? applyTxEvent(next, { type: 'finalized', blockHash: outcome.blockHash }, now())
          : applyTxEvent(
              next,
              {
                type: 'failed',
                name: outcome.error ? `${outcome.error.section}.${outcome.error.name}` : null,
                message: outcome.error?.message ?? 'the transaction failed on chain',
                blockHash: outcome.blockHash,
                blockNumber: outcome.blockNumber,
              },
              now(),
            );
      }
      break;
    }
    if (!found) {
      if (eraExpired(entry, best)) {
        next = applyTxEvent(next, { type: 'dropped', message: 'not included before its validity window ended; nothing was charged' }, now());
      } else if ((opts.resend ?? true) && entry.signedHex) {
        await api.rpc.author.submitExtrinsic(entry.signedHex).catch(() => {
          // already in the pool (1013), or stale: the next resume decides
        });
      }
    }
    if (next !== entry) {
      await store.put(next);
      changed.push(next);
    }
  }
  return changed;
}
