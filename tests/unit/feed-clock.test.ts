import { describe, expect, it } from 'vitest';
import { currentTaoUsd, feedRetryDelay, PRICE_EVERY_MS, startFeedClock, type DataFeeds, type FeedState, type RevenueRefresh } from '@/lib/background/data-feeds';
import type { PriceAnswer } from '@/lib/price';

// The feeds' own clock with an injected timer: a failing source is retried with backoff, never per block.
function harness(initial: FeedState | null = null) {
  let resting = false;
  let now = Date.parse('2026-08-11T12:00:00Z');
  const timers: { at: number; fn: () => void; id: number }[] = [];
  let ids = 0;
  let priceOk = true;
  const calls = { price: 0, revenue: 0 };
  const saved: FeedState[] = [];
  const feeds: DataFeeds = {
    async taoUsd(): Promise<PriceAnswer> {
      calls.price++;
      return priceOk
        ? { price: { usd: 400, change24hPct: null, source: 'CoinGecko', asOf: now }, reason: null, status: [{ id: 'coingecko', name: 'CoinGecko', state: 'ok', message: '$400 from CoinGecko.', checkedAt: now }], cached: false }
        : { price: null, reason: 'No current TAO/USD price. CoinGecko: api.coingecko.com had a server error (HTTP 500).', status: [{ id: 'coingecko', name: 'CoinGecko', state: 'error', message: 'HTTP 500', checkedAt: now }], cached: false };
    },
    async revenue(): Promise<RevenueRefresh> {
      calls.revenue++;
      return { window: '7d', combined: [], statuses: [], fetchedAt: now, results: [] };
    },
    revenueFor: async () => [],
  };
  const clock = startFeedClock(initial, {
    feeds: () => feeds,
    now: () => now,
    setTimer: (fn, ms) => (timers.push({ at: now + ms, fn, id: ++ids }), ids),
    clearTimer: (id) => timers.splice(timers.findIndex((t) => t.id === id), 1),
    save: async (s) => void saved.push(s),
    onChange: () => undefined,
    resting: () => resting,
  });
  const flush = () => new Promise((r) => setTimeout(r, 0));
  return {
    clock,
    calls,
    saved,
    setPriceOk: (ok: boolean) => (priceOk = ok),
    setResting: (r: boolean) => (resting = r),
    async advance(ms: number) {
      const end = now + ms;
      for (;;) {
        await flush();
        timers.sort((a, b) => a.at - b.at);
        const next = timers[0];
        if (!next || next.at > end) break;
        timers.shift();
        now = next.at;
        next.fn();
      }
      now = end;
      await flush();
    },
    now: () => now,
  };
}

describe('feed clock', () => {
  it('refreshes the price once a minute while it works', async () => {
    const h = harness();
    await h.advance(5 * PRICE_EVERY_MS);
    expect(h.calls.price).toBe(6);
    expect(h.clock.state().sources[0]).toMatchObject({ kind: 'price', state: 'ok', since: null });
  });

  it('asks no outside API while nobody looks; catches up when someone looks again, or with the slow chain read', async () => {
    const h = harness();
    await h.advance(PRICE_EVERY_MS);
    expect(h.calls).toEqual({ price: 2, revenue: 1 });
    h.setResting(true);
    await h.advance(20 * PRICE_EVERY_MS);
    expect(h.calls).toEqual({ price: 2, revenue: 1 }); // both came due while resting, and wait
    const saves = h.saved.length;
    h.clock.catchUp(); // the slow read
    await h.advance(0);
    expect(h.calls).toEqual({ price: 3, revenue: 2 });
    h.clock.catchUp(); // nothing came due since: nothing asked
    await h.advance(0);
    expect(h.calls).toEqual({ price: 3, revenue: 2 });
    expect(h.saved.length).toBe(saves + 2);
    h.setResting(false);
    await h.advance(PRICE_EVERY_MS);
    h.clock.catchUp(); // someone looks
    await h.advance(0);
    expect(h.calls.price).toBeGreaterThanOrEqual(4);
    await h.advance(5 * PRICE_EVERY_MS);
    expect(h.calls.price).toBeGreaterThanOrEqual(9); // back on its own timer
  });

  it('backs a failing price off (30 s, 60 s, 120 s …), keeps the last good price and says since when it fails', async () => {
    const h = harness();
    await h.advance(0);
    h.setPriceOk(false);
    const failedAt = h.now() + PRICE_EVERY_MS;
    await h.advance(PRICE_EVERY_MS + 30_000 + 60_000 + 120_000 + 1);
    expect(h.calls.price).toBe(5); // first, then the failing one at +60 s, and retries after 30, 60, 120 s
    expect([1, 2, 3, 10].map((n) => feedRetryDelay(n))).toEqual([30_000, 60_000, 120_000, 600_000]);
    const health = h.clock.state().sources.find((s) => s.kind === 'price')!;
    expect(health).toMatchObject({ state: 'unavailable', since: failedAt });
    expect(health.reason).toContain('HTTP 500');
    expect(h.clock.state().taoUsd?.usd).toBe(400);
    // A popup opening retries at once instead of waiting out the backoff (not more often than every 10 s).
    h.clock.poke();
    await h.advance(0);
    expect(h.calls.price).toBe(5);
    await h.advance(10_000);
    h.clock.poke();
    await h.advance(0);
    expect(h.calls.price).toBe(6);
  });

  it('starts from the stored state, and serves a stored price only while it is current', () => {
    const asOf = Date.parse('2026-08-11T11:55:00Z');
    const stored: FeedState = { taoUsd: { usd: 410, change24hPct: null, source: 'Binance', asOf }, taoUsdReason: null, revenue: null, revenueResults: [], sources: [] };
    expect(currentTaoUsd(stored, asOf + 9 * 60_000).taoUsd?.usd).toBe(410);
    const later = currentTaoUsd(stored, asOf + 25 * 60_000);
    expect(later.taoUsd).toBeNull();
    expect(later.reason).toContain('The last TAO/USD price (Binance) is 25 min old');
    expect(harness(stored).clock.state().taoUsd?.usd).toBe(410);
  });
});
