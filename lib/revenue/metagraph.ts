import { fetchJson, hostOf } from '../net/fetch-json';
import { arr, bool, int, isoTime, isRecord, numOrNull, obj, str, strOrNull, type Json } from '../net/validate';
import {
  errorResult,
  fetchErrorResult,
  windowLabel,
  WINDOW_DAYS,
  type ProvenanceTier,
  type RevenueContext,
  type RevenueFigure,
  type RevenueSource,
  type RevenueSourceResult,
} from './types';
import { refusedWords } from './bounds';

export type MetagraphProvenance =
  | 'chain-verified'
  | 'probe-derived'
  | 'operator-attested'
  | 'third-party-reported'
  | 'proxy-only'
  | 'none';

/**
 * metagraph.sh provenance → TaoLens tier; null = not a revenue figure (proxy-only, none).
 * probe-derived is metagraph.sh's prober reading the subnet's own public endpoint (e.g. Chutes'), so the number is
 * the subnet's own publication, carried by metagraph.sh: published-by-subnet, not third-party.
 */
export const METAGRAPH_TIER: Record<MetagraphProvenance, ProvenanceTier | null> = {
  'chain-verified': 'verified-on-chain',
  'probe-derived': 'published-by-subnet',
  'operator-attested': 'published-by-subnet',
  'third-party-reported': 'third-party',
  'proxy-only': null,
  none: null,
};

export const METAGRAPH_NAME = 'metagraph.sh';

interface Parsed {
  figure: RevenueFigure | null;
  /** Why an entry with a revenue_usd gave no figure. */
  skipped?: string;
}

/** Reads one revenue entry (a coverage `subnets[i]` or a per-subnet `data.revenue`). Type errors throw. */
function parseEntry(v: unknown, path: string, ctx: RevenueContext & { base: string; sourceId: string; fallbackAsOf: number }): Parsed {
  const e = obj(v, path);
  const netuid = int(e.netuid, `${path}.netuid`);
  const windowDays = int(e.window_days, `${path}.window_days`);
  const usd = numOrNull(e.revenue_usd, `${path}.revenue_usd`);
  const provenance = str(e.provenance, `${path}.provenance`);
  const verified = bool(obj(e.verification, `${path}.verification`).verified, `${path}.verification.verified`);
  const sources = arr(e.sources, `${path}.sources`);
  const searchedAt = strOrNull(e.searched_at, `${path}.searched_at`);
  let observed: number | null = null;
  sources.forEach((s, i) => {
    const src = obj(s, `${path}.sources[${i}]`);
    const contributes = bool(src.contributes, `${path}.sources[${i}].contributes`);
    const at = strOrNull(src.observed_at, `${path}.sources[${i}].observed_at`);
    if (contributes && at !== null) {
      const ms = isoTime(at, `${path}.sources[${i}].observed_at`);
      observed = Math.max(observed ?? 0, ms);
    }
  });
  if (usd === null) return { figure: null };
  if (windowDays !== WINDOW_DAYS[ctx.window]) return { figure: null, skipped: `subnet ${netuid}: covers ${windowDays} d, not ${windowLabel(ctx.window)}` };
  if (usd < 0) return { figure: null, skipped: `subnet ${netuid}: negative revenue` };
  if (!(provenance in METAGRAPH_TIER)) return { figure: null, skipped: `subnet ${netuid}: unknown provenance "${provenance.slice(0, 30)}"` };
  const tier = METAGRAPH_TIER[provenance as MetagraphProvenance];
  if (!tier) return { figure: null, skipped: `subnet ${netuid}: ${provenance} is not a revenue figure` };
  if (!verified) return { figure: null, skipped: `subnet ${netuid}: metagraph.sh marks it unverified` };
  let asOf = observed ?? (searchedAt !== null ? Date.parse(searchedAt) : NaN);
  let note = `metagraph.sh provenance: ${provenance}`;
  if (!Number.isFinite(asOf)) {
    asOf = ctx.fallbackAsOf;
    note += '; no observation time given, dated by when it was fetched';
  }
  return {
    figure: {
      netuid,
      usd,
      window: ctx.window,
      asOf,
      sourceId: ctx.sourceId,
      sourceName: METAGRAPH_NAME,
      link: `${ctx.base}/api/v1/subnets/${netuid}/revenue?window=${ctx.window}`,
      tier,
      note,
    },
  };
}

/** Unwraps the `{ok, schema_version, data, meta}` envelope; returns the data or an error message. */
function unwrap(body: unknown, host: string): { data: Json; meta: Json | null } | string {
  const env = obj(body, 'the answer');
  if (env.ok !== true) {
    const msg = isRecord(env.error) && typeof env.error.message === 'string' ? `: ${env.error.message.slice(0, 200)}` : '';
    return `${host} reported an error${msg}.`;
  }
  return { data: obj(env.data, 'data'), meta: isRecord(env.meta) ? env.meta : null };
}

function fallbackTime(meta: Json | null, fetchedAt: number): number {
  const t = meta && typeof meta.observed_through === 'string' ? Date.parse(meta.observed_through) : NaN;
  return Number.isFinite(t) ? t : fetchedAt;
}

const firstFew = (list: string[]) => `${list.slice(0, 5).join('; ')}${list.length > 5 ? `; and ${list.length - 5} more` : ''}`;

function summary(sourceId: string, figures: RevenueFigure[], skipped: string[], fetchedAt: number, what: string, refused: string[] = []): RevenueSourceResult {
  const extra = skipped.length ? ` Not counted: ${firstFew(skipped)}.` : '';
  const bad = refused.length ? ` ${refusedWords(refused.length)}: ${firstFew(refused)}.` : '';
  return {
    sourceId,
    status: {
      // Nothing but unreadable entries is a broken answer, not an empty one.
      state: figures.length ? 'ok' : refused.length ? 'error' : 'empty',
      message: `${what}${extra}${bad}`,
      fetchedAt,
      ...(refused.length ? { refused: refused.length } : {}),
    },
    figures,
  };
}

/**
 * One metagraph.sh request: fetch, unwrap the envelope, and turn any failure (network, error envelope,
 * unexpected shape) into the source's error status; `read` handles a good envelope.
 */
async function fetchEnvelope(
  id: string,
  url: string,
  ctx: Parameters<RevenueSource['fetch']>[0],
  read: (u: { data: Json; meta: Json | null }, host: string, fetchedAt: number) => RevenueSourceResult,
): Promise<RevenueSourceResult> {
  const host = hostOf(url);
  const r = await fetchJson(url, { ...ctx.net, fetch: ctx.fetch, now: ctx.now });
  if (!r.ok) return fetchErrorResult(id, r.error, ctx.now());
  try {
    const u = unwrap(r.data, host);
    if (typeof u === 'string') return errorResult(id, u, r.fetchedAt);
    return read(u, host, r.fetchedAt);
  } catch (err) {
    return errorResult(id, `${host} sent an unexpected answer: ${err instanceof Error ? err.message : String(err)}.`, r.fetchedAt);
  }
}

/** All subnets in one request: `GET {base}/api/v1/chain/revenue-coverage?window=…`. */
export function metagraphCoverageSource(base: string): RevenueSource {
  const id = 'metagraph.sh';
  return {
    id,
    name: METAGRAPH_NAME,
    fetch: (ctx) =>
      fetchEnvelope(id, `${base}/api/v1/chain/revenue-coverage?window=${ctx.window}`, ctx, (u, host, fetchedAt) => {
        const windowDays = int(u.data.window_days, 'data.window_days');
        if (windowDays !== WINDOW_DAYS[ctx.window]) {
          return errorResult(id, `${host} answered for ${windowDays} d instead of ${windowLabel(ctx.window)}.`, fetchedAt);
        }
        const subnetCount = int(u.data.subnet_count, 'data.subnet_count');
        const list = arr(u.data.subnets, 'data.subnets');
        const c = { ...ctx, base, sourceId: id, fallbackAsOf: fallbackTime(u.meta, fetchedAt) };
        const figures: RevenueFigure[] = [];
        const skipped: string[] = [];
        const refused: string[] = [];
        // One unreadable entry is dropped and counted; it never takes the other subnets' figures with it.
        list.forEach((item, i) => {
          try {
            const p = parseEntry(item, `data.subnets[${i}]`, c);
            if (p.figure) figures.push(p.figure);
            if (p.skipped) skipped.push(p.skipped);
          } catch (err) {
            refused.push(err instanceof Error ? err.message : String(err));
          }
        });
        const what = figures.length
          ? `${host}: observed revenue for ${figures.length} of ${subnetCount} subnets over ${windowLabel(ctx.window)}.`
          : `${host}: no subnet has observed revenue over ${windowLabel(ctx.window)}.`;
        return summary(id, figures, skipped, fetchedAt, what, refused);
      }),
  };
}
