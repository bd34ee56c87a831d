// Event records encoded as the runtime would: [pallet index, variant index] ++ fields, each field
// with its type from the metadata, wrapped in Vec<FrameSystemEventRecord>.
import { compactToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import type { ChainTypes } from './metadata';

export type Phase = { applyExtrinsic: number } | 'finalization' | 'initialization';

export interface DevEvent { phase: Phase; pallet: string; name: string; args: unknown[] }

export function encodeEvent(t: ChainTypes, e: DevEvent): Uint8Array {
  const [p, v] = t.eventIndex(e.pallet, e.name);
  const types = t.eventFieldTypes(e.pallet, e.name);
  if (types.length !== e.args.length) throw new Error(`event ${e.pallet}.${e.name}: expected ${types.length} fields, got ${e.args.length}`);
  const fields = types.map((ty, i) => t.registry.createType(ty, e.args[i]).toU8a());
  const phase = typeof e.phase === 'object'
    ? u8aConcat(new Uint8Array([0]), t.registry.createType('u32', e.phase.applyExtrinsic).toU8a())
    : new Uint8Array([e.phase === 'finalization' ? 1 : 2]);
  return u8aConcat(phase, new Uint8Array([p, v]), ...fields, new Uint8Array([0]) /* topics: empty */);
}

export function encodeEvents(t: ChainTypes, events: DevEvent[]): string {
  return u8aToHex(u8aConcat(compactToU8a(events.length), ...events.map((e) => encodeEvent(t, e))));
}

/** DispatchInfo as the System events carry it. */
export function dispatchInfo(refTime: bigint) {
  return { weight: { refTime, proofSize: 0n }, class: 'Normal', paysFee: 'Yes' };
}

/** A module error as DispatchError, by name (indices from the metadata). */
export function moduleError(t: ChainTypes, pallet: string, error: string) {
  const [index, e] = t.errorIndex(pallet, error);
  return { Module: { index, error: new Uint8Array([e, 0, 0, 0]) } };
}
