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
  /** How often TAO/USD and revenue are refreshed while they work (60 s and 5 min; a local test world sets seconds). */
  priceRefreshMs: number;
  revenueRefreshMs: number;
  /** While someone is looking, every subnet's pools, emission and names are read every this many blocks (5: a minute). */
  subnetInfoEveryBlocks: number;
}

export class ConfigError extends Error {}

/** Parses a comma-separated list of wss:// URLs (ws:// only for this computer); refuses anything else loudly. */
export function parseEndpointList(raw: string | undefined): string[] | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const url of list) checkEndpoint(url);
  return list;
}

/** This computer: localhost, 127.0.0.0/8, [::1]. Plain ws:// and http:// are allowed only to these. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * Returns a reason when `url` is not a usable chain endpoint, else undefined. Only wss:// to other hosts: chain
 * data (from which staking payloads and limit prices are built) must not travel in plain text.
 */
export function endpointProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a URL`;
  }
  if (parsed.protocol === 'ws:' && !isLoopbackHost(parsed.hostname)) {
    return `"${url}" is refused: ws:// is unencrypted, so chain data (and the staking payloads built from it) could be read or changed on the way. Use wss:// (ws:// is allowed only for this computer: localhost, 127.0.0.1, [::1])`;
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
    return `"${url}" must start with wss://`;
  }
  return undefined;
}

function checkEndpoint(url: string): void {
  const problem = endpointProblem(url);
  if (problem) throw new ConfigError(problem);
}

/** Returns a reason when `url` is not a usable data API base (https://, or http:// to this computer), else undefined. */
export function httpBaseProblem(url: string, label = 'The address'): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return `${label} is not a URL.`;
  }
  if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname)) {
    return `${label} is refused: http:// is unencrypted and could be read or changed on the way. Use https:// (http:// is allowed only for this computer: localhost, 127.0.0.1, [::1]).`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `${label} must start with https://.`;
  return undefined;
}

/** Parses an https base URL (http:// only for this computer) without a trailing slash. */
export function parseHttpBase(raw: string | undefined, fallback: string): string {
  if (raw === undefined || raw.trim() === '') return fallback;
  const problem = httpBaseProblem(raw, `"${raw}"`);
  if (problem) throw new ConfigError(problem);
  return new URL(raw.trim()).toString().replace(/\/+$/, '');
}

/** Reads TAOLENS_* variables into the defaults baked into a build. */
export function defaultsFromEnv(env: Record<string, string | undefined>): Defaults {
  return {
    endpoints: parseEndpointList(env.TAOLENS_ENDPOINTS) ?? [...MAINNET_ENDPOINTS],
    priceApi: parseHttpBase(env.TAOLENS_PRICE_API, DEFAULT_PRICE_API),
    binanceApi: parseHttpBase(env.TAOLENS_BINANCE_API, DEFAULT_BINANCE_API),
    revenueApi: parseHttpBase(env.TAOLENS_REVENUE_API, DEFAULT_REVENUE_API),
    chutesApi: parseHttpBase(env.TAOLENS_CHUTES_API, DEFAULT_CHUTES_API),
    priceRefreshMs: parseSeconds(env.TAOLENS_PRICE_REFRESH_S, 60) * 1000,
    revenueRefreshMs: parseSeconds(env.TAOLENS_REVENUE_REFRESH_S, 300) * 1000,
    subnetInfoEveryBlocks: parseWhole(env.TAOLENS_SUBNET_INFO_EVERY_BLOCKS, 5, 300, 'blocks'),
  };
}

function parseSeconds(raw: string | undefined, fallback: number): number {
  return parseWhole(raw, fallback, 86_400, 'seconds');
}

function parseWhole(raw: string | undefined, fallback: number, max: number, unit: string): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new ConfigError(`"${raw}" is not a whole number of ${unit} from 1 to ${max}`);
  return n;
}

/** Match pattern for an http(s) base URL's origin, for host_permissions. */
export function originPattern(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}/*`;
}
