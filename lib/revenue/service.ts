import type { FetchLike, NetOptions } from '../net/fetch-json';
import { combineRevenue, type CombinedRevenue } from './combine';
import type { RevenueSource, RevenueSourceResult, RevenueSourceStatus, RevenueWindow } from './types';

export interface RevenueServiceOptions {
  sources: readonly RevenueSource[];
  fetch: FetchLike;
  now: () => number;
  /** A good answer is reused this long per source and window (5 min; metagraph.sh caches 60 s, allows 60 req/min). */
  cacheMs?: number;
  /** A failed answer is retried after this long (30 s, or cacheMs if smaller). */
  errorCacheMs?: number;
  /** A failing source's last good figures are shown, marked with their age, up to this age (24 h). */
  keepMs?: number;
  net?: NetOptions;
  /** Checks each fresh answer before it is used or kept as last good (bounds.ts: implausible figures dropped). */
  vet?: (result: RevenueSourceResult) => RevenueSourceResult;
  /** Last good answers from before a worker restart, so a failing source still shows them with their age. */
  seed?: readonly RevenueSourceResult[];
}

export interface RevenueSourceState extends RevenueSourceStatus {
  sourceId: string;
  name: string;
}

export interface RevenueAnswer {
  window: RevenueWindow;
  results: RevenueSourceResult[];
  combined: CombinedRevenue[];
  statuses: RevenueSourceState[];
}

const ago = (ms: number) => (ms < 90_000 ? `${Math.max(1, Math.round(ms / 1000))} s` : ms < 5_400_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 3_600_000)} h`);

export function createRevenueService(opts: RevenueServiceOptions) {
  const cacheMs = opts.cacheMs ?? 5 * 60_000;
  const errorCacheMs = Math.min(opts.errorCacheMs ?? 30_000, cacheMs);
  const keepMs = opts.keepMs ?? 24 * 3_600_000;
  const latest = new Map<string, RevenueSourceResult>();
  const lastGood = new Map<string, RevenueSourceResult>();
  const inflight = new Map<RevenueWindow, Promise<RevenueAnswer>>();
  for (const r of opts.seed ?? []) {
    const window = r.figures[0]?.window;
    if (window && r.status.state !== 'error') lastGood.set(`${r.sourceId}|${window}`, r);
  }

  async function one(source: RevenueSource, window: RevenueWindow): Promise<RevenueSourceResult> {
    const key = `${source.id}|${window}`;
    const now = opts.now();
    const cached = latest.get(key);
    if (cached) {
      const age = now - cached.status.fetchedAt;
      if (age < (cached.status.state === 'error' ? errorCacheMs : cacheMs)) return cached;
    }
    let r: RevenueSourceResult;
    try {
      r = await source.fetch({ fetch: opts.fetch, now: opts.now, window, net: opts.net });
    } catch (err) {
      r = { sourceId: source.id, status: { state: 'error', message: `${source.name} failed: ${err instanceof Error ? err.message : String(err)}`, fetchedAt: opts.now() }, figures: [] };
    }
    if (opts.vet) r = opts.vet(r);
    if (r.status.state !== 'error') {
      lastGood.set(key, r);
      latest.set(key, r);
      return r;
    }
    // Failing since the first failure in a row, so the UI can say "unavailable since …".
    const failingSince = (cached?.status.state === 'error' ? cached.status.failingSince : undefined) ?? r.status.fetchedAt;
    r = { ...r, status: { ...r.status, failingSince } };
    const good = lastGood.get(key);
    const age = good ? r.status.fetchedAt - good.status.fetchedAt : Infinity;
    if (good && good.figures.length && age <= keepMs) {
      const note = `Kept from an answer ${ago(age)} old; ${source.name} failed just now.`;
      r = {
        sourceId: r.sourceId,
        status: { ...r.status, message: `${r.status.message} Showing its figures from ${ago(age)} ago.`, keptFrom: good.status.fetchedAt },
        figures: good.figures.map((f) => ({ ...f, note: f.note ? `${f.note} ${note}` : note })),
      };
    }
    latest.set(key, r);
    return r;
  }

  async function run(window: RevenueWindow): Promise<RevenueAnswer> {
    const results = await Promise.all(opts.sources.map((s) => one(s, window)));
    return {
      window,
      results,
      combined: combineRevenue(results, window, opts.now()),
      statuses: results.map((r, i) => ({ ...r.status, sourceId: r.sourceId, name: opts.sources[i]?.name ?? r.sourceId })),
    };
  }

  return {
    /** Every source concurrently; a broken source never blanks the others. */
    get(window: RevenueWindow): Promise<RevenueAnswer> {
      let p = inflight.get(window);
      if (!p) {
        p = run(window).finally(() => inflight.delete(window));
        inflight.set(window, p);
      }
      return p;
    },
    clear(): void {
      latest.clear();
      lastGood.clear();
    },
  };
}

export type RevenueService = ReturnType<typeof createRevenueService>;
