/** Small readers for polkadot.js codecs whose exact class a caller does not know (u64, Compact, Option). */

/** A numeric codec (or anything whose string is an integer) as a bigint. */
export function big(x: unknown): bigint {
  const v = x as { toBigInt?: () => bigint; toString(): string };
  return v.toBigInt ? v.toBigInt() : BigInt(v.toString());
}

/** The value of an Option (or of a storage value without one); null when empty. */
export function optionValue(v: unknown): unknown {
  const o = v as { isSome?: boolean; isEmpty?: boolean; unwrap?: () => unknown };
  if (o.isSome === undefined) return o.isEmpty ? null : v;
  return o.isSome ? o.unwrap!() : null;
}
