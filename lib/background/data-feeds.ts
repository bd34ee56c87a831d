/**
 * The off-chain feeds: TAO/USD and revenue, built from the settings, and the clock they refresh on. Each source is
 * one module in lib/price or lib/revenue; here they are assembled and scheduled.
 *
 * The feeds run on their own clock, never the chain's: a block's figures go out as soon as the chain answered,
 * with the feeds' last good values (kept in storage with their age, so a worker restart keeps them). A failing
 * feed is retried with backoff (30 s doubling to 10 min), not on every block.
 */
import { createPriceService, PRICE_MAX_AGE_MS, type PriceAnswer } from '../price';
import {
  chutesSource,
  createRevenueService,
  feedSource,
  manualSource,
  metagraphCoverageSource,
  type RevenueSource,
  type RevenueSourceResult,
} from '../revenue';
import { vetResult } from '../revenue/bounds';
import type { RevenueState, TaoUsd } from '../model/types';
import type { CombinedRevenue } from '../revenue/combine';
import type { RevenueWindow } from '../revenue/types';
import type { Settings } from '../storage/settings';
import type { SourceHealth } from '../metrics/source-status';

export interface RevenueRefresh extends RevenueState {
  /** Each source's answer as used (after the bounds), kept so a restarted worker can seed its last good figures. */
  results: RevenueSourceResult[];
}

export interface DataFeeds {
  taoUsd(): Promise<PriceAnswer>;
  revenue(): Promise<RevenueRefresh>;
  /** Combined revenue for any window (the network view shows all three). */
  revenueFor(window: RevenueWindow): Promise<CombinedRevenue[]>;
}

export interface DataFeedOptions {
  /** The whole network's subsidy per day in USD (for the revenue ceiling), or null when unknown. */
  networkSubsidyUsdPerDay?: () => number | null;
  /** Last good revenue answers from storage. */
  seed?: readonly RevenueSourceResult[];
  /** How long good answers are reused (the clock's own refresh periods). */
  priceCacheMs?: number;
  revenueCacheMs?: number;
}

export function createDataFeeds(settings: Settings, fetchImpl: typeof fetch = (...a) => fetch(...a), opts: DataFeedOptions = {}): DataFeeds {
  const now = () => Date.now();
  const price = createPriceService({
    bases: { priceApi: settings.priceApi, binanceApi: settings.binanceApi, revenueApi: settings.revenueApi },
    fetch: fetchImpl,
    now,
    cacheMs: opts.priceCacheMs,
  });
  const sources: RevenueSource[] = [
    metagraphCoverageSource(settings.revenueApi),
    chutesSource(settings.chutesApi),
    ...(settings.revenueFeedUrl ? [feedSource(settings.revenueFeedUrl)] : []),
    ...(settings.manualRevenue.length ? [manualSource(settings.manualRevenue)] : []),
  ];
  const revenue = createRevenueService({
    sources,
    fetch: fetchImpl,
    now,
    seed: opts.seed,
    cacheMs: opts.revenueCacheMs,
    vet: (r) => vetResult(r, opts.networkSubsidyUsdPerDay?.() ?? null, now()),
  });
  return {
    taoUsd: () => price.get(),
    async revenue() {
      const answer = await revenue.get(settings.revenueWindow);
      return { window: answer.window, combined: answer.combined, statuses: answer.statuses, fetchedAt: now(), results: answer.results };
    },
    revenueFor: async (window) => (await revenue.get(window)).combined,
  };
}

export type { SourceHealth };

/** What the feeds last gave, persisted with its age. */
export interface FeedState {
  /** The last good TAO/USD price, whatever its age now (see currentTaoUsd). */
  taoUsd: TaoUsd | null;
  taoUsdReason: string | null;
  revenue: RevenueState | null;
  revenueResults: RevenueSourceResult[];
  sources: SourceHealth[];
}

export const EMPTY_FEEDS: FeedState = { taoUsd: null, taoUsdReason: null, revenue: null, revenueResults: [], sources: [] };

/** The price to show now: the last good one while it is within PRICE_MAX_AGE_MS, else none, with the reason. */
export function currentTaoUsd(state: Pick<FeedState, 'taoUsd' | 'taoUsdReason'>, now: number): { taoUsd: TaoUsd | null; reason: string | null } {
  const p = state.taoUsd;
  if (p && now - p.asOf <= PRICE_MAX_AGE_MS) return { taoUsd: p, reason: null };
  if (p) {
    const min = Math.round((now - p.asOf) / 60_000);
    return { taoUsd: null, reason: `The last TAO/USD price (${p.source}) is ${min} min old, past the ${PRICE_MAX_AGE_MS / 60_000} min limit. ${state.taoUsdReason ?? ''}`.trim() };
  }
  return { taoUsd: null, reason: state.taoUsdReason ?? 'No TAO/USD price yet.' };
}

export const PRICE_EVERY_MS = 60_000;
export const REVENUE_EVERY_MS = 5 * 60_000;
export const FEED_RETRY_MIN_MS = 30_000;
export const FEED_RETRY_MAX_MS = 10 * 60_000;
/** A popup opening retries a failing feed at once, but not more often than this. */
export const FEED_POKE_MIN_MS = 10_000;

/** Delay before retry `failures` (1-based) of a failing feed: 30 s (or `base`) doubling, capped at 10 min. */
export function feedRetryDelay(failures: number, base = FEED_RETRY_MIN_MS): number {
  return Math.min(FEED_RETRY_MAX_MS, base * 2 ** Math.max(0, failures - 1));
}

function priceHealth(answer: PriceAnswer, previous: SourceHealth | undefined, now: number, lastGood: TaoUsd | null): SourceHealth {
  const ok = answer.status.some((s) => s.state === 'ok');
  const used = answer.status.find((s) => s.state === 'ok');
  return {
    id: 'tao-usd',
    name: used ? `TAO/USD (${used.name})` : 'TAO/USD',
    kind: 'price',
    state: ok ? 'ok' : 'unavailable',
    since: ok ? null : previous?.state === 'unavailable' && previous.since !== null ? previous.since : now,
    showingFrom: lastGood?.asOf ?? null,
    reason: ok ? (used?.message ?? '') : (answer.reason ?? answer.status.map((s) => `${s.name}: ${s.message}`).join(' ')),
    refused: 0,
  };
}

function revenueHealth(refresh: RevenueRefresh): SourceHealth[] {
  return refresh.statuses.map((s) => ({
    id: s.sourceId,
    name: s.name,
    kind: 'revenue' as const,
    state: s.state === 'error' ? ('unavailable' as const) : ('ok' as const),
    since: s.state === 'error' ? (s.failingSince ?? s.fetchedAt) : null,
    showingFrom: s.state === 'error' ? (s.keptFrom ?? null) : s.fetchedAt,
    reason: s.message,
    refused: s.refused ?? 0,
  }));
}

export interface FeedClockDeps {
  /** The feeds as the settings now say (rebuilt by the caller on a settings change, then `restart()`). */
  feeds(): DataFeeds;
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  save(state: FeedState): Promise<void>;
  onChange(state: FeedState): void;
  /** Refresh periods while a feed works (PRICE_EVERY_MS, REVENUE_EVERY_MS). */
  everyMs?: { price: number; revenue: number };
  /**
   * Nobody is looking (attention.ts): a refresh that comes due waits for `catchUp()` (someone looks again, or the
   * slow chain read) instead of fetching on its own timer, so the outside APIs are asked at the chain's slow cadence.
   */
  resting?(): boolean;
}

/**
 * Runs the price and revenue refreshes on their own timers from `initial` (the stored state). Never awaited by a
 * chain read: callers read `state()` whenever they build a view.
 */
export function startFeedClock(initial: FeedState | null, deps: FeedClockDeps) {
  let state: FeedState = initial ? { ...EMPTY_FEEDS, ...initial } : { ...EMPTY_FEEDS };
  let generation = 0;
  let stopped = false;
  type Loop = { timer: unknown; failures: number; running: boolean; lastRun: number | null };
  const loops: Record<'price' | 'revenue', Loop> = {
    price: { timer: null, failures: 0, running: false, lastRun: null },
    revenue: { timer: null, failures: 0, running: false, lastRun: null },
  };

  const commit = (patch: Partial<FeedState>) => {
    state = { ...state, ...patch };
    deps.onChange(state);
    void deps.save(state).catch(() => undefined);
  };

  const others = (kind: SourceHealth['kind']) => state.sources.filter((s) => s.kind !== kind);

  async function refreshPrice(feeds: DataFeeds): Promise<boolean> {
    const answer = await feeds.taoUsd();
    const now = deps.now();
    const taoUsd = answer.price ?? state.taoUsd;
    const health = priceHealth(answer, state.sources.find((s) => s.kind === 'price'), now, taoUsd);
    commit({ taoUsd, taoUsdReason: answer.price ? null : answer.reason, sources: [health, ...others('price')] });
    return health.state === 'ok';
  }

  async function refreshRevenue(feeds: DataFeeds): Promise<boolean> {
    const r = await feeds.revenue();
    const { results, ...revenue } = r;
    const health = revenueHealth(r);
    commit({ revenue, revenueResults: results, sources: [...others('revenue'), ...health] });
    return health.every((h) => h.state === 'ok');
  }

  function run(kind: 'price' | 'revenue'): void {
    const loop = loops[kind];
    if (loop.running || stopped) return;
    if (loop.timer !== null) deps.clearTimer(loop.timer);
    loop.timer = null;
    loop.running = true;
    loop.lastRun = deps.now();
    const gen = generation;
    const feeds = deps.feeds();
    (kind === 'price' ? refreshPrice(feeds) : refreshRevenue(feeds))
      .catch(() => false)
      .then((ok) => {
        loop.running = false;
        if (gen !== generation || stopped) return;
        loop.failures = ok ? 0 : loop.failures + 1;
        const every = deps.everyMs ?? { price: PRICE_EVERY_MS, revenue: REVENUE_EVERY_MS };
        // A feed refreshed faster than the retry base (a local test world) is retried from its own period.
        const delay = ok ? every[kind] : feedRetryDelay(loop.failures, Math.min(FEED_RETRY_MIN_MS, every[kind]));
        loop.timer = deps.setTimer(() => due(kind), delay);
      });
  }

  /** A refresh came due: run it, or while resting leave the loop with neither a timer nor a run (`catchUp` runs it). */
  function due(kind: 'price' | 'revenue'): void {
    loops[kind].timer = null;
    if (!deps.resting?.()) run(kind);
  }

  run('price');
  run('revenue');

  return {
    state: () => state,
    /** A UI opened: a failing feed is retried now (at most every 10 s) instead of waiting out its backoff. */
    poke(): void {
      const now = deps.now();
      for (const kind of ['price', 'revenue'] as const) {
        const loop = loops[kind];
        if (loop.failures > 0 && !loop.running && (loop.lastRun === null || now - loop.lastRun >= FEED_POKE_MIN_MS)) run(kind);
      }
    },
    /** Someone looks again, or the slow chain read while nobody does: the refreshes that came due meanwhile run. */
    catchUp(): void {
      for (const kind of ['price', 'revenue'] as const) if (loops[kind].timer === null && !loops[kind].running) run(kind);
    },
    /** The settings changed: refresh both now from the new feeds. */
    restart(): void {
      generation++;
      for (const kind of ['price', 'revenue'] as const) {
        const loop = loops[kind];
        loop.failures = 0;
        loop.running = false;
        run(kind);
      }
    },
    stop(): void {
      stopped = true;
      for (const loop of Object.values(loops)) if (loop.timer !== null) deps.clearTimer(loop.timer);
    },
  };
}

export type FeedClock = ReturnType<typeof startFeedClock>;
