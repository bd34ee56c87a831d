import { fetchJson, hostOf } from '../net/fetch-json';
import { arr, int, isoTime, num, obj, str, ShapeError, type Json } from '../net/validate';
import { errorResult, fetchErrorResult, REVENUE_WINDOWS, windowLabel, type RevenueFigure, type RevenueSource, type RevenueWindow } from './types';
import { refusedWords } from './bounds';

/** The only feed version this build reads. See docs/revenue-feed-schema.md. */
export const FEED_SCHEMA = 'taolens.revenue/1';
export const FEED_MAX_FIGURES = 2000;
const FUTURE_SKEW_MS = 5 * 60_000;

export interface FeedFigure {
  netuid: number;
  window: RevenueWindow;
  revenueUsd: number;
  asOf: number;
  note?: string;
  link?: string;
}

export interface RevenueFeed {
  source: { name: string; link: string };
  figures: FeedFigure[];
}

function onlyKeys(o: Json, allowed: string[], path: string): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k)) throw new ShapeError(`${path} has an unknown field "${k.slice(0, 40)}"`);
  }
}

function httpUrl(v: unknown, path: string): string {
  const s = str(v, path);
  let u: URL | null = null;
  try {
    u = new URL(s);
  } catch {
    /* handled below */
  }
  if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:')) throw new ShapeError(`${path} must be an http(s) address`);
  return s;
}

function text(v: unknown, path: string, max: number): string {
  const s = str(v, path).trim();
  if (s === '' || s.length > max) throw new ShapeError(`${path} must be 1 to ${max} characters`);
  return s;
}

/** Reads one figure strictly; throws a ShapeError naming what is wrong. */
function parseFigure(f: unknown, p: string, now: number, seen: Set<string>): FeedFigure {
  const o = obj(f, p);
  onlyKeys(o, ['netuid', 'window', 'revenue_usd', 'as_of', 'note', 'link'], p);
  const netuid = int(o.netuid, `${p}.netuid`);
  if (netuid < 0 || netuid > 65535) throw new ShapeError(`${p}.netuid ${netuid} is out of range`);
  const window = str(o.window, `${p}.window`);
  if (!REVENUE_WINDOWS.includes(window as RevenueWindow)) throw new ShapeError(`${p}.window is "${window.slice(0, 10)}", expected 1d, 7d or 30d`);
  const revenueUsd = num(o.revenue_usd, `${p}.revenue_usd`);
  if (revenueUsd < 0) throw new ShapeError(`${p}.revenue_usd is negative`);
  const asOf = isoTime(o.as_of, `${p}.as_of`);
  if (asOf - now > FUTURE_SKEW_MS) throw new ShapeError(`${p}.as_of is in the future`);
  const key = `${netuid}/${window}`;
  if (seen.has(key)) throw new ShapeError(`${p} repeats subnet ${netuid} for ${window}`);
  seen.add(key);
  const out: FeedFigure = { netuid, window: window as RevenueWindow, revenueUsd, asOf };
  if (o.note !== undefined) out.note = text(o.note, `${p}.note`, 200);
  if (o.link !== undefined) out.link = httpUrl(o.link, `${p}.link`);
  return out;
}

/**
 * Validates a feed strictly. A problem with the feed itself (schema, source, list) rejects it; a bad figure is
 * dropped and named in `refused`, the others kept. A feed whose every figure is bad is rejected with the first reason.
 */
export function parseRevenueFeed(
  body: unknown,
  now: number,
): { ok: true; feed: RevenueFeed; refused?: string[] } | { ok: false; message: string } {
  try {
    const root = obj(body, 'the feed');
    const schema = root.schema;
    if (schema !== FEED_SCHEMA) {
      const got = typeof schema === 'string' ? `"${schema.slice(0, 40)}"` : 'missing';
      throw new ShapeError(`schema is ${got}; this version of TaoLens reads "${FEED_SCHEMA}"`);
    }
    onlyKeys(root, ['schema', 'source', 'figures'], 'the feed');
    const src = obj(root.source, 'source');
    onlyKeys(src, ['name', 'link'], 'source');
    const source = { name: text(src.name, 'source.name', 80), link: httpUrl(src.link, 'source.link') };
    const list = arr(root.figures, 'figures');
    if (list.length > FEED_MAX_FIGURES) throw new ShapeError(`figures has ${list.length} entries, at most ${FEED_MAX_FIGURES} allowed`);
    const seen = new Set<string>();
    const figures: FeedFigure[] = [];
    const refused: string[] = [];
    list.forEach((f, i) => {
      try {
        figures.push(parseFigure(f, `figures[${i}]`, now, seen));
      } catch (err) {
        refused.push(err instanceof Error ? err.message : String(err));
      }
    });
    if (refused.length && !figures.length) throw new ShapeError(refused[0]!);
    return refused.length ? { ok: true, feed: { source, figures }, refused } : { ok: true, feed: { source, figures } };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}

/** A user-supplied JSON feed (`taolens.revenue/1`). Its figures are tier third-party. */
export function feedSource(url: string): RevenueSource {
  const id = `feed:${url}`;
  const host = hostOf(url);
  return {
    id,
    name: `Feed at ${host}`,
    async fetch(ctx) {
      const r = await fetchJson(url, { ...ctx.net, fetch: ctx.fetch, now: ctx.now });
      if (!r.ok) return fetchErrorResult(id, r.error, ctx.now());
      const parsed = parseRevenueFeed(r.data, ctx.now());
      if (!parsed.ok) return errorResult(id, `The feed at ${host} was rejected: ${parsed.message}.`, r.fetchedAt);
      const { source, figures } = parsed.feed;
      const refused = parsed.refused ?? [];
      const bad = refused.length ? ` ${refusedWords(refused.length)}: ${refused.slice(0, 3).join('; ')}${refused.length > 3 ? `; and ${refused.length - 3} more` : ''}.` : '';
      const mine: RevenueFigure[] = figures
        .filter((f) => f.window === ctx.window)
        .map((f) => ({
          netuid: f.netuid,
          usd: f.revenueUsd,
          window: f.window,
          asOf: f.asOf,
          sourceId: id,
          sourceName: source.name,
          link: f.link ?? source.link,
          tier: 'third-party',
          note: f.note ?? `From a feed you added (${host}).`,
        }));
      return {
        sourceId: id,
        status: {
          state: mine.length ? 'ok' : 'empty',
          message: (mine.length
            ? `${source.name} (${host}): ${mine.length} figure${mine.length === 1 ? '' : 's'} for ${windowLabel(ctx.window)}.`
            : `${source.name} (${host}) has no figures for ${windowLabel(ctx.window)}.`) + bad,
          fetchedAt: r.fetchedAt,
          ...(refused.length ? { refused: refused.length } : {}),
        },
        figures: mine,
      };
    },
  };
}
