import { fetchJson, hostOf } from '../net/fetch-json';
import { obj, str } from '../net/validate';
import { malformed, type PriceSource } from './types';

/** A plain decimal string as Binance sends it ("401.50000000"): no exponent, sign, hex, or spaces. */
const DECIMAL = /^\d{1,12}(\.\d{1,18})?$/;

/** Binance market data `ticker/price?symbol=TAOUSDT` (keyless; base URL from settings.binanceApi). No timestamp is
 * sent, so asOf is the time of the answer; there is no 24 h change on this endpoint. */
export function binanceSource(base: string): PriceSource {
  const url = `${base}/api/v3/ticker/price?symbol=TAOUSDT`;
  return {
    id: 'binance',
    name: 'Binance',
    async fetch(ctx) {
      const r = await fetchJson(url, { ...ctx.net, fetch: ctx.fetch, now: ctx.now });
      if (!r.ok) return { ok: false, error: r.error };
      try {
        const t = obj(r.data, 'the answer');
        const symbol = str(t.symbol, 'symbol');
        if (symbol !== 'TAOUSDT') throw new Error(`symbol is "${symbol.slice(0, 20)}", expected "TAOUSDT"`);
        const raw = str(t.price, 'price');
        const usd = DECIMAL.test(raw) ? Number(raw) : NaN;
        if (!Number.isFinite(usd) || usd <= 0) throw new Error(`price "${raw.slice(0, 30)}" is not a positive decimal`);
        return { ok: true, price: { usd, change24hPct: null, source: 'Binance', asOf: r.fetchedAt } };
      } catch (err) {
        return malformed(hostOf(url), err);
      }
    },
  };
}
