import { isStale } from './bounds';
import { TIER_RANK, type RevenueFigure, type RevenueSourceResult, type RevenueWindow } from './types';

/** Figures differing by more than this fraction (of the larger) are a conflict. */
export const CONFLICT_THRESHOLD = 0.1;

export interface CombinedRevenue {
  netuid: number;
  /** The figure to show; null when nothing was observed for the subnet in the window. */
  chosen: RevenueFigure | null;
  /** Every other figure for the window, best first: shown beside the chosen one, never hidden. */
  others: RevenueFigure[];
  /** True when any other figure differs from the chosen one by more than 10 %. */
  conflict: boolean;
}

/** |a − b| / max(a, b) > 10 %; two zeros agree. */
export function differs(a: number, b: number): boolean {
  const big = Math.max(Math.abs(a), Math.abs(b));
  return big > 0 && Math.abs(a - b) / big > CONFLICT_THRESHOLD;
}

/**
 * Tier first (verified-on-chain > published-by-subnet > third-party > user-entered), then newer asOf.
 * User-entered figures rank last on purpose: they are typically a stopgap for a subnet no source covers, and a
 * typed-in estimate must not silently replace a sourced figure. When a user figure disagrees with a sourced one by
 * more than 10 % the subnet is marked conflicting and the user's figure is still shown beside the chosen one.
 */
export function compareFigures(a: RevenueFigure, b: RevenueFigure): number {
  return TIER_RANK[b.tier] - TIER_RANK[a.tier] || b.asOf - a.asOf;
}

/**
 * Per subnet, picks one figure for `window` by the rule above and keeps the rest as `others`.
 * One figure per provider (sourceName) per subnet: the newest is kept, so metagraph.sh's all-subnets and
 * per-subnet answers are not counted as two opinions. Figures for other windows are ignored.
 * With `now`, current figures come before stale ones (bounds.ts). Returns only subnets with at least one figure, sorted by netuid (use `revenueFor` for any subnet).
 */
export function combineRevenue(results: readonly RevenueSourceResult[], window: RevenueWindow, now?: number): CombinedRevenue[] {
  // With a clock, a current figure beats a stale one whatever their tiers (a stale figure is never the headline).
  const freshness = (f: RevenueFigure) => (now !== undefined && isStale(f, now) ? 1 : 0);
  const byNetuid = new Map<number, Map<string, RevenueFigure>>();
  for (const r of results) {
    for (const f of r.figures) {
      if (f.window !== window || !Number.isFinite(f.usd) || f.usd < 0) continue;
      let providers = byNetuid.get(f.netuid);
      if (!providers) byNetuid.set(f.netuid, (providers = new Map()));
      const prev = providers.get(f.sourceName);
      if (!prev || f.asOf > prev.asOf) providers.set(f.sourceName, f);
    }
  }
  return [...byNetuid.entries()]
    .sort(([a], [b]) => a - b)
    .map(([netuid, providers]) => {
      const [chosen = null, ...others] = [...providers.values()].sort((a, b) => freshness(a) - freshness(b) || compareFigures(a, b));
      return { netuid, chosen, others, conflict: chosen !== null && others.some((o) => differs(o.usd, chosen.usd)) };
    });
}

export function revenueFor(combined: readonly CombinedRevenue[], netuid: number): CombinedRevenue {
  return combined.find((c) => c.netuid === netuid) ?? { netuid, chosen: null, others: [], conflict: false };
}
