/** Splitting one TAO amount across several subnets (one batch_all of add_stake_limit legs), in bigint. */

export interface WeightedTarget {
  netuid: number;
  /** Relative weight: whole numbers ≥ 0 (e.g. percentages or 1 each for "split equally"). */
  weight: bigint;
}

/**
 * Largest-remainder split of `total` by `weights`: parts sum to exactly `total`, each within 1 rao of
 * its exact share, ties to the earlier target. Zero-weight targets get nothing.
 */
export function splitByWeights(total: bigint, targets: readonly WeightedTarget[]): { netuid: number; amount: bigint }[] {
  if (total < 0n) throw new RangeError('the total must not be negative');
  const sum = targets.reduce((s, t) => {
    if (t.weight < 0n) throw new RangeError('weights must not be negative');
    return s + t.weight;
  }, 0n);
  if (sum === 0n) throw new RangeError('at least one weight must be above zero');
  const parts = targets.map((t) => ({ netuid: t.netuid, amount: (total * t.weight) / sum, rem: (total * t.weight) % sum }));
  let left = total - parts.reduce((s, p) => s + p.amount, 0n);
  const order = parts
    .map((p, i) => ({ i, rem: p.rem, w: targets[i]!.weight }))
    .filter((x) => x.w > 0n)
    .sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
  for (const o of order) {
    if (left === 0n) break;
    parts[o.i]!.amount += 1n;
    left -= 1n;
  }
  return parts.map(({ netuid, amount }) => ({ netuid, amount }));
}

export function splitEqually(total: bigint, netuids: readonly number[]): { netuid: number; amount: bigint }[] {
  return splitByWeights(total, netuids.map((netuid) => ({ netuid, weight: 1n })));
}

/** Parses a weight the user typed ("25", "12.5") as hundredths, so weights stay integers. */
export function parseWeight(text: string): bigint | null {
  const m = /^\s*(\d{1,6})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  return BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0') || '0');
}
