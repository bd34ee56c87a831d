/**
 * Stake as Subtensor stores it: a holder owns shares of the validator's pool on a subnet, not an
 * amount. `Alpha(hotkey, coldkey, netuid)` is the holder's shares, `TotalHotkeyShares(hotkey, netuid)`
 * all shares of the pool, `TotalHotkeyAlpha(hotkey, netuid)` the alpha the pool is worth (dividends
 * raise it without minting shares). The runtime's share pool: alpha = TotalHotkeyAlpha × shares ÷
 * total shares, rounded down to whole rao (u64, saturating). Shares are U64F64 in the legacy maps and
 * SafeFloat (mantissa × 10^exponent) in the V2 maps; the runtime reads the legacy entry first.
 */

/** A stored share count as an exact fraction. */
export interface Shares {
  num: bigint;
  den: bigint;
}

const U64_MAX = (1n << 64n) - 1n;
// A SafeFloat's mantissa stays below 10^22: beyond this exponent range a value is 0 or saturates anyway.
const EXPONENT_LIMIT = 80n;

/** U64F64: `bits` ÷ 2^64. */
export function sharesFromU64F64(bits: bigint): Shares {
  return { num: bits, den: 1n << 64n };
}

/** SafeFloat: mantissa × 10^exponent. */
export function sharesFromSafeFloat(mantissa: bigint, exponent: bigint): Shares {
  const e = exponent > EXPONENT_LIMIT ? EXPONENT_LIMIT : exponent < -EXPONENT_LIMIT ? -EXPONENT_LIMIT : exponent;
  return e >= 0n ? { num: mantissa * 10n ** e, den: 1n } : { num: mantissa, den: 10n ** -e };
}

/**
 * A holder's alpha: floor(totalHotkeyAlpha × shares ÷ totalShares), exact in bigint. The runtime
 * computes the same quotient in SafeFloat (22 significant digits), so in rare cases it can land one
 * rao lower; 0 when the pool has no shares.
 */
export function alphaOfShares(totalHotkeyAlpha: bigint, shares: Shares, totalShares: Shares): bigint {
  if (totalShares.num <= 0n || shares.num <= 0n) return 0n;
  const value = (totalHotkeyAlpha * shares.num * totalShares.den) / (shares.den * totalShares.num);
  return value > U64_MAX ? U64_MAX : value;
}
