import type { TaoUsd } from '../model/types';
import type { FetchLike, NetOptions } from '../net/fetch-json';
import { binanceSource } from './binance';
import { coingeckoSource } from './coingecko';
import { metagraphPriceSource } from './metagraph';
import type { PriceErrorKind, PriceSource } from './types';

export interface PriceBases {
  priceApi: string;
  binanceApi: string;
  revenueApi: string;
}

export interface PriceSourceStatus {
  id: string;
  name: string;
  /** ok: gave the price returned; too-old: answered, but with a price older than maxAgeMs; error: no usable answer;
   * skipped: not asked because an earlier source answered. */
  state: 'ok' | 'too-old' | 'error' | 'skipped';
  kind?: PriceErrorKind;
  message: string;
  checkedAt: number | null;
}

export interface PriceAnswer {
  /** A current price (asOf within maxAgeMs of now), or null. */
  price: TaoUsd | null;
  /** Why price is null, in plain language; null when there is a price. */
  reason: string | null;
  status: PriceSourceStatus[];
  /** True when served from the cache without asking any source. */
  cached: boolean;
}

export interface PriceServiceOptions {
  bases: PriceBases;
  fetch: FetchLike;
  now: () => number;
  /** Defaults to CoinGecko, Binance, metagraph.sh in that order. */
  sources?: PriceSource[];
  /** How long a good answer is reused without asking again (60 s). */
  cacheMs?: number;
  /** A price whose asOf is older than this is never returned as current (10 min). */
  maxAgeMs?: number;
  net?: NetOptions;
}

export const PRICE_CACHE_MS = 60_000;
export const PRICE_MAX_AGE_MS = 10 * 60_000;
/** A TAO/USD price outside (0, $1,000,000] is refused as implausible, whatever the source. */
export const PRICE_CEILING_USD = 1_000_000;
/** Clock skew tolerated for an asOf in the future. */
const FUTURE_SKEW_MS = 5 * 60_000;

export function defaultPriceSources(bases: PriceBases): PriceSource[] {
  return [coingeckoSource(bases.priceApi), binanceSource(bases.binanceApi), metagraphPriceSource(bases.revenueApi)];
}

const minutes = (ms: number) => `${Math.round(ms / 60_000)} min`;

/**
 * TAO/USD from keyless sources, tried in order. A good answer is cached for cacheMs; a price older than maxAgeMs
 * (by its own asOf) is never returned: then `price` is null and `reason` says why.
 */
export function createPriceService(opts: PriceServiceOptions) {
  const sources = opts.sources ?? defaultPriceSources(opts.bases);
  const cacheMs = opts.cacheMs ?? PRICE_CACHE_MS;
  const maxAgeMs = opts.maxAgeMs ?? PRICE_MAX_AGE_MS;
  let last: { price: TaoUsd; at: number; status: PriceSourceStatus[] } | null = null;
  let inflight: Promise<PriceAnswer> | null = null;

  const current = (p: TaoUsd, now: number) => now - p.asOf <= maxAgeMs && p.asOf - now <= FUTURE_SKEW_MS;

  async function ask(): Promise<PriceAnswer> {
    const status: PriceSourceStatus[] = sources.map((s) => ({ id: s.id, name: s.name, state: 'skipped', message: 'Not needed.', checkedAt: null }));
    for (const [i, source] of sources.entries()) {
      const st = status[i];
      if (!st) continue;
      let r;
      try {
        r = await source.fetch({ fetch: opts.fetch, now: opts.now, net: opts.net });
      } catch (err) {
        r = { ok: false as const, error: { kind: 'network' as const, message: `${source.name} failed: ${String(err)}` } };
      }
      const now = opts.now();
      st.checkedAt = now;
      if (!r.ok) {
        Object.assign(st, { state: 'error', kind: r.error.kind, message: r.error.message });
        continue;
      }
      if (!(r.price.usd > 0 && r.price.usd <= PRICE_CEILING_USD)) {
        Object.assign(st, { state: 'error', kind: 'malformed', message: `${source.name}'s price ${String(r.price.usd).slice(0, 12)} USD is outside the plausible range (0 to $${PRICE_CEILING_USD.toLocaleString('en-US')}); refused.` });
        continue;
      }
      if (!current(r.price, now)) {
        const age = now - r.price.asOf;
        Object.assign(st, {
          state: 'too-old',
          message: age > 0 ? `${source.name}'s price is ${minutes(age)} old (limit ${minutes(maxAgeMs)}).` : `${source.name}'s price is dated in the future.`,
        });
        continue;
      }
      Object.assign(st, { state: 'ok', message: `$${r.price.usd} from ${source.name}.` });
      last = { price: r.price, at: now, status };
      return { price: r.price, reason: null, status, cached: false };
    }
    const now = opts.now();
    // Every source failed: the last good price may still be served while it is within maxAgeMs.
    if (last && current(last.price, now)) {
      return { price: last.price, reason: null, status, cached: true };
    }
    const why = status.map((s) => `${s.name}: ${s.message}`).join(' ');
    return { price: null, reason: `No current TAO/USD price. ${why}`, status, cached: false };
  }

  return {
    async get(): Promise<PriceAnswer> {
      const now = opts.now();
      if (last && now - last.at < cacheMs && current(last.price, now)) {
        return { price: last.price, reason: null, status: last.status, cached: true };
      }
      inflight ??= ask().finally(() => {
        inflight = null;
      });
      return inflight;
    },
    /** Forget the cached price (e.g. after the user changes an API base). */
    clear(): void {
      last = null;
    },
  };
}

export type PriceService = ReturnType<typeof createPriceService>;
