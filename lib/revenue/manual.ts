import { REVENUE_WINDOWS, windowLabel, type RevenueFigure, type RevenueSource, type RevenueWindow } from './types';

/** A figure the user typed in (settings). */
export interface ManualRevenueEntry {
  netuid: number;
  window: RevenueWindow;
  usd: number;
  /** ms since epoch. */
  asOf: number;
  note?: string;
  link?: string;
}

export function manualEntryProblem(e: ManualRevenueEntry): string | null {
  if (!Number.isInteger(e.netuid) || e.netuid < 0 || e.netuid > 65535) return 'subnet must be a whole number';
  if (!REVENUE_WINDOWS.includes(e.window)) return 'window must be 1d, 7d or 30d';
  if (typeof e.usd !== 'number' || !Number.isFinite(e.usd) || e.usd < 0) return 'revenue must be a positive number of dollars or 0';
  if (typeof e.asOf !== 'number' || !Number.isFinite(e.asOf) || e.asOf <= 0) return 'date is missing';
  return null;
}

/** Manual entries from settings, tier user-entered. Invalid entries are left out and named in the status. */
export function manualSource(entries: readonly ManualRevenueEntry[]): RevenueSource {
  const id = 'manual';
  return {
    id,
    name: 'Entered by you',
    async fetch(ctx) {
      const bad: string[] = [];
      const figures: RevenueFigure[] = [];
      for (const e of entries) {
        const problem = manualEntryProblem(e);
        if (problem) {
          bad.push(`subnet ${String(e.netuid)}: ${problem}`);
          continue;
        }
        if (e.window !== ctx.window) continue;
        figures.push({
          netuid: e.netuid,
          usd: e.usd,
          window: e.window,
          asOf: e.asOf,
          sourceId: id,
          sourceName: 'Entered by you',
          link: e.link ?? '',
          tier: 'user-entered',
          note: e.note ?? 'Entered by you in settings.',
        });
      }
      const skipped = bad.length ? ` Ignored: ${bad.join('; ')}.` : '';
      return {
        sourceId: id,
        status: {
          state: figures.length ? 'ok' : bad.length ? 'error' : 'empty',
          message: `${figures.length} figure${figures.length === 1 ? '' : 's'} you entered for ${windowLabel(ctx.window)}.${skipped}`,
          fetchedAt: ctx.now(),
        },
        figures,
      };
    },
  };
}
