import { fetchJson, hostOf } from '../net/fetch-json';
import { arr, num, numOrNull, obj, str } from '../net/validate';
import { errorResult, fetchErrorResult, windowLabel, WINDOW_DAYS, type RevenueSource } from './types';

export const CHUTES_API = 'https://api.chutes.ai';
export const CHUTES_NETUID = 64;
const DAY_MS = 86_400_000;

export interface ChutesDay {
  date: string;
  /** total_revenue − sponsored_inference (when present) − pending_instance_revenue. */
  customerUsd: number;
}

/** Parses `daily_revenue_summary` strictly (types), returning customer revenue per day, newest first. */
export function parseChutesSummary(body: unknown): ChutesDay[] {
  const rows = arr(body, 'the answer');
  const days = rows.map((row, i) => {
    const r = obj(row, `[${i}]`);
    const date = str(r.date, `[${i}].date`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !Number.isFinite(Date.parse(`${date}T00:00:00Z`))) {
      throw new Error(`[${i}].date is "${date.slice(0, 20)}", expected YYYY-MM-DD`);
    }
    const total = num(r.total_revenue, `[${i}].total_revenue`);
    const pending = num(r.pending_instance_revenue, `[${i}].pending_instance_revenue`);
    const sponsored = r.sponsored_inference === undefined ? null : numOrNull(r.sponsored_inference, `[${i}].sponsored_inference`);
    const customerUsd = total - (sponsored ?? 0) - pending;
    if (total < 0 || pending < 0 || (sponsored ?? 0) < 0 || customerUsd < -0.005) {
      throw new Error(`[${i}] (${date}) has negative amounts`);
    }
    return { date, customerUsd: Math.max(0, customerUsd) };
  });
  return days.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
}

/**
 * Chutes (SN64) publishes its own daily revenue. Customer revenue = total − sponsored inference − pending instance
 * revenue. Only complete UTC days count (the newest row is usually today, still running): 1d = the newest complete
 * day, 7d/30d = the sum over that many consecutive complete days. A window with a missing day gives no figure.
 */
export function chutesSource(base: string = CHUTES_API): RevenueSource {
  const id = 'chutes';
  const url = `${base}/daily_revenue_summary`;
  return {
    id,
    name: 'Chutes',
    async fetch(ctx) {
      const host = hostOf(url);
      const r = await fetchJson(url, { ...ctx.net, fetch: ctx.fetch, now: ctx.now });
      if (!r.ok) return fetchErrorResult(id, r.error, ctx.now());
      let days: ChutesDay[];
      try {
        days = parseChutesSummary(r.data);
      } catch (err) {
        return errorResult(id, `${host} sent an unexpected answer: ${err instanceof Error ? err.message : String(err)}.`, r.fetchedAt);
      }
      const today = new Date(ctx.now()).toISOString().slice(0, 10);
      const complete = days.filter((d) => d.date < today);
      const n = WINDOW_DAYS[ctx.window];
      const newest = complete[0];
      const empty = (message: string) => ({ sourceId: id, status: { state: 'empty' as const, message, fetchedAt: r.fetchedAt }, figures: [] });
      if (!newest) return empty(`${host} has no complete day of revenue yet.`);
      const newestMs = Date.parse(`${newest.date}T00:00:00Z`);
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const want = new Date(newestMs - i * DAY_MS).toISOString().slice(0, 10);
        const day = complete.find((d) => d.date === want);
        if (!day) {
          return empty(`${host} is missing ${want}, so there is no full ${windowLabel(ctx.window)} window (a partial sum would understate revenue).`);
        }
        sum += day.customerUsd;
      }
      const first = new Date(newestMs - (n - 1) * DAY_MS).toISOString().slice(0, 10);
      return {
        sourceId: id,
        status: { state: 'ok', message: `${host}: customer revenue for ${n === 1 ? newest.date : `${first} to ${newest.date}`}.`, fetchedAt: r.fetchedAt },
        figures: [
          {
            netuid: CHUTES_NETUID,
            usd: Math.round(sum * 100) / 100,
            window: ctx.window,
            asOf: newestMs + DAY_MS,
            sourceId: id,
            sourceName: 'Chutes',
            link: url,
            tier: 'published-by-subnet',
            note: `Customer revenue (total − sponsored inference − pending instance revenue), UTC days ${first} to ${newest.date}.`,
          },
        ],
      };
    },
  };
}
