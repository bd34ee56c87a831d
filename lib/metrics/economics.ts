/**
 * Per subnet, everything the UIs say about money in and money out: the subsidy, the revenue figure
 * chosen by the combine rule (with the others kept beside it), and coverage with its explanation.
 */
import type { Subnet, TaoUsd } from '../model/types';
import type { CombinedRevenue } from '../revenue/combine';
import type { RevenueFigure, RevenueWindow } from '../revenue/types';
import { coverage, networkTotals, type Coverage, type NetworkTotals } from './coverage';

export interface SubnetEconomics extends Coverage {
  /** Figures from other sources for the same window, shown beside the chosen one. */
  others: RevenueFigure[];
  /** Another source differs from the chosen figure by more than 10 %. */
  conflict: boolean;
}

export interface RevenueSnapshot {
  window: RevenueWindow;
  combined: CombinedRevenue[];
}

export function economicsBySubnet(
  subnets: readonly Subnet[],
  revenue: RevenueSnapshot | null,
  window: RevenueWindow,
  taoUsd: TaoUsd | null,
  /** The clock for staleness (bounds.ts); omitted, no figure is judged stale. */
  now?: number,
): { bySubnet: Record<number, SubnetEconomics>; totals: NetworkTotals } {
  const combined = revenue?.window === window ? revenue.combined : [];
  const byNetuid = new Map(combined.map((c) => [c.netuid, c]));
  const bySubnet: Record<number, SubnetEconomics> = {};
  for (const subnet of subnets) {
    const c = byNetuid.get(subnet.netuid) ?? null;
    bySubnet[subnet.netuid] = {
      ...coverage({ subnet, revenue: c, window, taoUsd, now }),
      others: c?.others ?? [],
      conflict: c?.conflict ?? false,
    };
  }
  return { bySubnet, totals: networkTotals(subnets, combined, window, taoUsd, now) };
}
