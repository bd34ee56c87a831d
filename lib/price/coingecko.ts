import { fetchJson, hostOf } from '../net/fetch-json';
import { num, numOrNull, obj } from '../net/validate';
import { malformed, type PriceSource } from './types';

/** CoinGecko `simple/price` (keyless; base URL from settings.priceApi). */
export function coingeckoSource(base: string): PriceSource {
  const url = `${base}/api/v3/simple/price?ids=bittensor&vs_currencies=usd&include_24hr_change=true&include_last_updated_at=true`;
  return {
    id: 'coingecko',
    name: 'CoinGecko',
    async fetch(ctx) {
      const r = await fetchJson(url, { ...ctx.net, fetch: ctx.fetch, now: ctx.now });
      if (!r.ok) return { ok: false, error: r.error };
      try {
        const t = obj(obj(r.data, 'the answer').bittensor, 'bittensor');
        const usd = num(t.usd, 'bittensor.usd');
        const change = t.usd_24h_change === undefined ? null : numOrNull(t.usd_24h_change, 'bittensor.usd_24h_change');
        const updated = num(t.last_updated_at, 'bittensor.last_updated_at');
        if (usd <= 0) return malformed(hostOf(url), new Error(`bittensor.usd is ${usd}, expected a positive price`));
        if (updated <= 0) return malformed(hostOf(url), new Error('bittensor.last_updated_at is not a time'));
        return { ok: true, price: { usd, change24hPct: change, source: 'CoinGecko', asOf: updated * 1000 } };
      } catch (err) {
        return malformed(hostOf(url), err);
      }
    },
  };
}
