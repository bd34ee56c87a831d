/**
 * Backfill from a revenue source that publishes past windows. Today only Chutes (SN64) does: its daily summary
 * lists each UTC day's revenue. Only complete days (before today, UTC) are returned; the newest row is still running.
 */
import { fetchJson, type FetchLike } from '../net/fetch-json';
import { CHUTES_NETUID, parseChutesSummary } from '../revenue/chutes';
import { utcDay, type PublishedDay } from './history';

export interface PublishedSeries {
  netuid: number;
  source: string;
  days: PublishedDay[];
}

export async function chutesPublishedDays(base: string, fetch: FetchLike, now: () => number): Promise<PublishedSeries | { error: string }> {
  const r = await fetchJson(`${base}/daily_revenue_summary`, { fetch, now });
  if (!r.ok) return { error: r.error.message };
  try {
    const today = utcDay(now());
    const days = parseChutesSummary(r.data)
      .filter((d) => d.date < today)
      .map((d) => ({ date: d.date, usd: Math.round(d.customerUsd * 100) / 100 }));
    return { netuid: CHUTES_NETUID, source: 'Chutes', days };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}
