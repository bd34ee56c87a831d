/**
 * The off-chain feeds: TAO/USD and revenue, built from the settings. Each source is one module in
 * lib/price or lib/revenue; here they are only assembled.
 */
import { createPriceService, type PriceAnswer } from '../price';
import { chutesSource, createRevenueService, feedSource, manualSource, metagraphCoverageSource, type RevenueSource } from '../revenue';
import type { RevenueState } from '../model/types';
import type { CombinedRevenue } from '../revenue/combine';
import type { RevenueWindow } from '../revenue/types';
import type { Settings } from '../storage/settings';

export interface DataFeeds {
  taoUsd(): Promise<PriceAnswer>;
  revenue(): Promise<RevenueState>;
  /** Combined revenue for any window (the network view shows all three). */
  revenueFor(window: RevenueWindow): Promise<CombinedRevenue[]>;
}

export function createDataFeeds(settings: Settings, fetchImpl: typeof fetch = (...a) => fetch(...a)): DataFeeds {
  const now = () => Date.now();
  const price = createPriceService({
    bases: { priceApi: settings.priceApi, binanceApi: settings.binanceApi, revenueApi: settings.revenueApi },
    fetch: fetchImpl,
    now,
  });
  const sources: RevenueSource[] = [
    metagraphCoverageSource(settings.revenueApi),
    chutesSource(settings.chutesApi),
    ...(settings.revenueFeedUrl ? [feedSource(settings.revenueFeedUrl)] : []),
    ...(settings.manualRevenue.length ? [manualSource(settings.manualRevenue)] : []),
  ];
  const revenue = createRevenueService({ sources, fetch: fetchImpl, now });
  return {
    taoUsd: () => price.get(),
    async revenue() {
      const answer = await revenue.get(settings.revenueWindow);
      return { window: answer.window, combined: answer.combined, statuses: answer.statuses, fetchedAt: now() };
    },
    revenueFor: async (window) => (await revenue.get(window)).combined,
  };
}
