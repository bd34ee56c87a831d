/**
 * Which subnet each netuid's recorded history belongs to. Netuids are reused: when the subnet limit is reached, a new
 * registration takes the netuid of a pruned subnet, and the price history and daily points TaoLens recorded under
 * that netuid are another subnet's (its 24 h change against the old occupant's price would read as a crash or a
 * 50× gain). A netuid's registration block (`network_registered_at`) tells the occupants apart: when it differs from
 * the one recorded beside the history, that netuid's history is forgotten.
 *
 * Pure: runs in Node, unit-tested in tests/unit/subnet-lineage.test.ts.
 */
import { isRecord, netuidKey } from '../net/validate';

/** The registration block each netuid's recorded history belongs to. */
export type Registrations = Record<number, number>;

/**
 * The registrations after a read, and the netuids whose occupant changed since they were recorded (their history
 * is another subnet's). A netuid seen for the first time is recorded and replaces nothing: there is no earlier
 * registration to compare with. A netuid missing from the read (deregistered, not yet reused) keeps its record, so
 * its reuse is recognised when it comes. Returns `recorded` itself when nothing changed (nothing to store).
 */
export function registrationChanges(
  recorded: Registrations,
  subnets: readonly { netuid: number; registeredAtBlock: number }[],
): { registrations: Registrations; replaced: number[] } {
  let registrations = recorded;
  const replaced: number[] = [];
  for (const { netuid, registeredAtBlock } of subnets) {
    if (!Number.isSafeInteger(registeredAtBlock) || registeredAtBlock < 0) continue;
    const before = recorded[netuid];
    if (before === registeredAtBlock) continue;
    if (before !== undefined) replaced.push(netuid);
    if (registrations === recorded) registrations = { ...recorded };
    registrations[netuid] = registeredAtBlock;
  }
  return { registrations, replaced };
}

/** `byNetuid` without the netuids in `netuids`: the very same record when it has none of them (nothing to store). */
export function withoutNetuids<T>(byNetuid: Record<number, T>, netuids: readonly number[]): Record<number, T> {
  if (!netuids.some((n) => n in byNetuid)) return byNetuid;
  const out = { ...byNetuid };
  for (const n of netuids) delete out[n];
  return out;
}

/** A stored value read back as registrations: anything that is not a netuid → block number is left out. */
export function decodeRegistrations(value: unknown): Registrations {
  const out: Registrations = {};
  if (!isRecord(value)) return out;
  for (const [key, block] of Object.entries(value)) {
    const netuid = netuidKey(key);
    if (netuid !== null && typeof block === 'number' && Number.isSafeInteger(block) && block >= 0) out[netuid] = block;
  }
  return out;
}
