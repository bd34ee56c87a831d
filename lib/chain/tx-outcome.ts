/** Where a sent extrinsic ended: found in a block with its own events read, and whether that block is final. */
import type { ChainSession } from './session';
import { explainModuleError, upperFirst } from '../staking/errors';

type Api = ChainSession['api'];

export interface TxOutcome {
  ok: boolean;
  /** `Section.Name` of a module error, the dispatch error's type otherwise; null on success. */
  error: string | null;
  message: string;
  blockNumber: number;
}

/** Whether block `blockNumber` is finalized. */
export async function isFinal(s: ChainSession, blockNumber: number): Promise<boolean> {
  const fin = await s.api.rpc.chain.getHeader(await s.api.rpc.chain.getFinalizedHead());
  return fin.number.toNumber() >= blockNumber;
}

/** Finds extrinsic `hash` in a block and reads its own events: success, or the error in plain language. */
export async function outcomeIn(s: ChainSession, hash: string, blockHash: string): Promise<TxOutcome | null> {
  const api = s.api;
  const signed = await api.rpc.chain.getBlock(blockHash);
  const index = signed.block.extrinsics.findIndex((x) => x.hash.toHex() === hash);
  if (index < 0) return null;
  const events = (await api.query.system!.events!.at(blockHash)) as unknown as {
    phase: { isApplyExtrinsic: boolean; asApplyExtrinsic: { toNumber(): number } };
    event: { section: string; method: string; data: unknown[] };
  }[];
  const mine = events.filter((e) => e.phase.isApplyExtrinsic && e.phase.asApplyExtrinsic.toNumber() === index);
  const failed = mine.find((e) => e.event.section === 'system' && e.event.method === 'ExtrinsicFailed');
  const blockNumber = signed.block.header.number.toNumber();
  if (!failed) return { ok: true, error: null, message: '', blockNumber };
  const dispatchError = failed.event.data[0] as {
    isModule: boolean;
    asModule: Parameters<Api['registry']['findMetaError']>[0];
    type: string;
    toString(): string;
  };
  if (dispatchError.isModule) {
    try {
      const meta = api.registry.findMetaError(dispatchError.asModule);
      return { ok: false, error: `${upperFirst(meta.section)}.${meta.name}`, message: explainModuleError(meta), blockNumber };
    } catch {
      /* fall through */
    }
  }
  return { ok: false, error: dispatchError.type, message: `The chain refused the transaction: ${dispatchError.type}.`, blockNumber };
}
