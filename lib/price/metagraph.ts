import { fetchJson, hostOf } from '../net/fetch-json';
import { bool, isoTime, numOrNull, obj, strOrNull } from '../net/validate';
import { malformed, type PriceSource } from './types';

/** metagraph.sh TAO/USD index (`/api/v1/network/tao-usd`, 24 h window; base URL from settings.revenueApi).
 * `stale: true` or a null price is the index saying it has no current price: never used as current. */
export function metagraphPriceSource(base: string): PriceSource {
  const url = `${base}/api/v1/network/tao-usd`;
  return {
    id: 'metagraph',
    name: 'metagraph.sh',
    async fetch(ctx) {
      const r = await fetchJson(url, { ...ctx.net, fetch: ctx.fetch, now: ctx.now });
      if (!r.ok) return { ok: false, error: r.error };
      const host = hostOf(url);
      try {
        const env = obj(r.data, 'the answer');
        if (env.ok !== true) {
          const e = env.error === undefined ? undefined : obj(env.error, 'error');
          const why = e ? strOrNull(e.message, 'error.message') : null;
          return { ok: false, error: { kind: 'http', message: `${host} reported an error${why ? `: ${why.slice(0, 200)}` : ''}.` } };
        }
        const data = obj(env.data, 'data');
        const stale = bool(data.stale, 'data.stale');
        const change = data.change_pct === undefined ? null : numOrNull(data.change_pct, 'data.change_pct');
        if (data.latest === null) return { ok: false, error: { kind: 'no-price', message: `${host} has no TAO/USD reading.` } };
        const latest = obj(data.latest, 'data.latest');
        const usd = numOrNull(latest.usd_per_tao, 'data.latest.usd_per_tao');
        const basis = strOrNull(latest.price_basis, 'data.latest.price_basis');
        if (usd === null) {
          return { ok: false, error: { kind: 'no-price', message: `${host} could not price TAO${basis ? ` (${basis.slice(0, 60)})` : ''}.` } };
        }
        if (usd <= 0) throw new Error(`data.latest.usd_per_tao is ${usd}, expected a positive price`);
        const asOf = latest.observed_at === null ? null : isoTime(latest.observed_at, 'data.latest.observed_at');
        if (stale || asOf === null) {
          return { ok: false, error: { kind: 'stale', message: `${host} says its TAO/USD price is stale.` } };
        }
        return { ok: true, price: { usd, change24hPct: change, source: 'metagraph.sh', asOf } };
      } catch (err) {
        return malformed(host, err);
      }
    },
  };
}
