/**
 * Build-time defaults and their parsing. Pure: used by wxt.config.ts (Node, at build time)
 * and by the extension at run time through `buildDefaults`.
 */

/** Public Bittensor mainnet (Finney) endpoints; the first healthy one wins. */
export const MAINNET_ENDPOINTS: readonly string[] = [
  'wss://entrypoint-finney.opentensor.ai:443',
  'wss://lite.sub.latent.to:443',
];

/** CoinGecko-shaped TAO/USD API (keyless). */
export const DEFAULT_PRICE_API = 'https://api.coingecko.com';
/** Binance market-data API, the first price fallback. */
export const DEFAULT_BINANCE_API = 'https://data-api.binance.vision';
/** metagraph.sh: revenue coverage, and the last TAO/USD fallback. */
export const DEFAULT_REVENUE_API = 'https://api.metagraph.sh';
/** Chutes (SN64) publishes its own daily revenue. */
export const DEFAULT_CHUTES_API = 'https://api.chutes.ai';

export interface Defaults {
  endpoints: string[];
  priceApi: string;
  binanceApi: string;
  revenueApi: string;
  chutesApi: string;
}

export class ConfigError extends Error {}

/** Parses a comma-separated list of ws:// or wss:// URLs; refuses anything else loudly. */
export function parseEndpointList(raw: string | undefined): string[] | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const url of list) checkEndpoint(url);
  return list;
}

/** Returns a reason when `url` is not a usable chain endpoint, else undefined. */
export function endpointProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a URL`;
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
    return `"${url}" must start with ws:// or wss://`;
  }
  return undefined;
}

function checkEndpoint(url: string): void {
  const problem = endpointProblem(url);
  if (problem) throw new ConfigError(problem);
}

/** Parses an http(s) base URL without a trailing slash. */
export function parseHttpBase(raw: string | undefined, fallback: string): string {
  if (raw === undefined || raw.trim() === '') return fallback;
  let parsed: URL;
  try {
    parsed = new URL(raw.trim());
  } catch {
    throw new ConfigError(`"${raw}" is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError(`"${raw}" must start with http:// or https://`);
  }
  return parsed.toString().replace(/\/+$/, '');
}

/** Reads TAOLENS_* variables into the defaults baked into a build. */
export function defaultsFromEnv(env: Record<string, string | undefined>): Defaults {
  return {
    endpoints: parseEndpointList(env.TAOLENS_ENDPOINTS) ?? [...MAINNET_ENDPOINTS],
    priceApi: parseHttpBase(env.TAOLENS_PRICE_API, DEFAULT_PRICE_API),
    binanceApi: parseHttpBase(env.TAOLENS_BINANCE_API, DEFAULT_BINANCE_API),
    revenueApi: parseHttpBase(env.TAOLENS_REVENUE_API, DEFAULT_REVENUE_API),
    chutesApi: parseHttpBase(env.TAOLENS_CHUTES_API, DEFAULT_CHUTES_API),
  };
}

/** Match pattern for an http(s) base URL's origin, for host_permissions. */
export function originPattern(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}/*`;
}
