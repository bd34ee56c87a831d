import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { binanceSource, coingeckoSource, createPriceService, metagraphPriceSource, type PriceContext, type PriceSource } from '@/lib/price';
import { FIXTURE_NOW, startApiServer, type ApiMode, type ApiRoute, type ApiServer } from '../fixtures/api-server';

const net = { timeoutMs: 200, retries: 1, backoffMs: 1 };
let api: ApiServer;
const ctx = (now = FIXTURE_NOW): PriceContext => ({ fetch, now: () => now, net });
const bases = () => ({ priceApi: api.url, binanceApi: api.url, revenueApi: api.url });
const ROUTES: ApiRoute[] = ['coingecko', 'binance', 'tao-usd'];

beforeAll(async () => {
  api = await startApiServer();
});
afterAll(() => api.stop());
beforeEach(async () => {
  const fresh = await import('../fixtures/api-server').then((m) => m.defaultFixtures());
  for (const r of ROUTES) {
    api.setMode(r, 'ok');
    api.setFixture(r, fresh[r]);
  }
});

describe('price sources against the fixture server', () => {
  it('read each source', async () => {
    expect(await coingeckoSource(api.url).fetch(ctx())).toEqual({
      ok: true,
      price: { usd: 401.37, change24hPct: 2.184, source: 'CoinGecko', asOf: Date.parse('2026-08-11T11:59:00Z') },
    });
    expect(await binanceSource(api.url).fetch(ctx())).toEqual({
      ok: true,
      price: { usd: 400.9, change24hPct: null, source: 'Binance', asOf: FIXTURE_NOW },
    });
    expect(await metagraphPriceSource(api.url).fetch(ctx())).toEqual({
      ok: true,
      price: { usd: 399.85, change24hPct: 2.05, source: 'metagraph.sh', asOf: Date.parse('2026-08-11T11:59:00Z') },
    });
  });

  const failures: [ApiMode, string, RegExp][] = [
    ['500', 'http', /server error \(HTTP 500\)/],
    ['timeout', 'timeout', /did not answer/],
    ['malformed', 'malformed', /not valid JSON/],
    ['wrong-types', 'malformed', /unexpected answer/],
    ['empty', 'empty', /empty answer/],
    ['empty-body', 'empty', /empty answer/],
    ['oversized', 'too-large', /more than 1 MB/],
  ];
  const makers: [ApiRoute, (b: string) => PriceSource][] = [
    ['coingecko', coingeckoSource],
    ['binance', binanceSource],
    ['tao-usd', metagraphPriceSource],
  ];
  for (const [route, make] of makers) {
    it.each(failures)(`${route}: %s → %s with a clear message`, async (mode, kind, msg) => {
      api.setMode(route, mode);
      const r = await make(api.url).fetch(ctx());
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.kind).toBe(kind);
      expect(r.error.message).toMatch(msg);
      expect(r.error.message).toContain('127.0.0.1');
    });
  }

  it('wrong types name the field', async () => {
    api.setMode('coingecko', 'wrong-types');
    const r = await coingeckoSource(api.url).fetch(ctx());
    expect(r.ok ? '' : r.error.message).toMatch(/bittensor\.usd is a string, expected a finite number/);
    api.setMode('binance', 'wrong-types');
    const b = await binanceSource(api.url).fetch(ctx());
    expect(b.ok ? '' : b.error.message).toMatch(/price is a number, expected a string/);
  });

  it.each(['', 'abc', '1e3', '-5', '0', '0.0000', 'Infinity', ' 400', '400.1.2'])('binance rejects price %j', async (price) => {
    api.setFixture('binance', { symbol: 'TAOUSDT', price });
    const r = await binanceSource(api.url).fetch(ctx());
    expect(r.ok ? null : r.error.kind).toBe('malformed');
  });

  it('metagraph: stale flag, null price and error envelope are not prices', async () => {
    const base = (await import('../fixtures/api/metagraph-tao-usd.json')).default;
    const stale = structuredClone(base);
    stale.data.stale = true;
    api.setFixture('tao-usd', stale);
    expect(await metagraphPriceSource(api.url).fetch(ctx())).toMatchObject({ ok: false, error: { kind: 'stale' } });

    const nullPrice = structuredClone(base) as { data: { latest: Record<string, unknown> } };
    nullPrice.data.latest.usd_per_tao = null;
    nullPrice.data.latest.price_basis = 'insufficient_pools';
    api.setFixture('tao-usd', nullPrice);
    const r = await metagraphPriceSource(api.url).fetch(ctx());
    expect(r).toMatchObject({ ok: false, error: { kind: 'no-price' } });
    expect(r.ok ? '' : r.error.message).toMatch(/insufficient_pools/);

    api.setFixture('tao-usd', { ok: false, schema_version: 1, data: null, error: { code: 'x', message: 'down for maintenance' }, meta: { contract_version: '1' } });
    const e = await metagraphPriceSource(api.url).fetch(ctx());
    expect(e.ok ? '' : e.error.message).toMatch(/down for maintenance/);
  });
});

describe('price service', () => {
  it('uses the first source and caches it for 60 s', async () => {
    let now = FIXTURE_NOW;
    const svc = createPriceService({ bases: bases(), fetch, now: () => now, net });
    const before = api.requests.coingecko;
    const a = await svc.get();
    expect(a.price?.source).toBe('CoinGecko');
    expect(a.status.map((s) => s.state)).toEqual(['ok', 'skipped', 'skipped']);
    now += 59_000;
    const b = await svc.get();
    expect(b.cached).toBe(true);
    expect(api.requests.coingecko - before).toBe(1);
    now += 2_000;
    await svc.get();
    expect(api.requests.coingecko - before).toBe(2);
  });

  it.each(['500', 'timeout', 'malformed', 'wrong-types', 'empty', 'oversized'] as const)(
    'falls through to Binance when CoinGecko gives %s',
    async (mode) => {
      api.setMode('coingecko', mode);
      const svc = createPriceService({ bases: bases(), fetch, now: () => FIXTURE_NOW, net });
      const r = await svc.get();
      expect(r.price?.source).toBe('Binance');
      expect(r.status[0]).toMatchObject({ id: 'coingecko', state: 'error' });
      expect(r.status[0]?.message).toContain('127.0.0.1');
      expect(r.status[1]).toMatchObject({ id: 'binance', state: 'ok' });
    },
  );

  it('falls through to metagraph.sh when the first two fail', async () => {
    api.setMode('coingecko', '500');
    api.setMode('binance', 'wrong-types');
    const r = await createPriceService({ bases: bases(), fetch, now: () => FIXTURE_NOW, net }).get();
    expect(r.price).toMatchObject({ usd: 399.85, source: 'metagraph.sh' });
  });

  it('never returns a price older than 10 minutes as current', async () => {
    // Every source answers, but 11 minutes after the fixtures' readings, CoinGecko's and metagraph's are too old.
    api.setMode('binance', '500');
    const now = Date.parse('2026-08-11T12:10:30Z');
    const r = await createPriceService({ bases: bases(), fetch, now: () => now, net }).get();
    expect(r.price).toBeNull();
    expect(r.status.map((s) => s.state)).toEqual(['too-old', 'error', 'too-old']);
    expect(r.reason).toMatch(/No current TAO\/USD price/);
    expect(r.reason).toMatch(/12 min old \(limit 10 min\)/);
  });

  it('keeps the last good price while it is current, then drops it', async () => {
    let now = FIXTURE_NOW;
    const svc = createPriceService({ bases: bases(), fetch, now: () => now, net });
    expect((await svc.get()).price?.usd).toBe(401.37);
    for (const r of ROUTES) api.setMode(r, '500');
    now += 2 * 60_000;
    const kept = await svc.get();
    expect(kept.price?.usd).toBe(401.37);
    expect(kept.status.every((s) => s.state === 'error')).toBe(true);
    now = Date.parse('2026-08-11T12:09:30Z');
    expect((await svc.get()).price).toBeNull();
  });

  it('a source that throws is an error status, not a crash', async () => {
    const bad: PriceSource = { id: 'bad', name: 'Bad', fetch: () => Promise.reject(new Error('bug')) };
    const good: PriceSource = { id: 'g', name: 'Good', fetch: async () => ({ ok: true, price: { usd: 1, change24hPct: null, source: 'Good', asOf: 0 } }) };
    const r = await createPriceService({ bases: bases(), fetch, now: () => 0, sources: [bad, good] }).get();
    expect(r.price?.source).toBe('Good');
    expect(r.status[0]).toMatchObject({ state: 'error', message: expect.stringContaining('bug') });
  });
});

describe('fixture server on another clock', () => {
  it('shifts fixture times so prices and Chutes days are fresh against that clock', async () => {
    const later = FIXTURE_NOW + 40 * 86_400_000 + 3_600_000;
    const live = await startApiServer({ now: () => later });
    try {
      const r = await createPriceService({ bases: { priceApi: live.url, binanceApi: live.url, revenueApi: live.url }, fetch, now: () => later, net }).get();
      expect(r.price).toMatchObject({ source: 'CoinGecko', asOf: Date.parse('2026-08-11T11:59:00Z') + 40 * 86_400_000 + 3_600_000 });
      const { chutesSource } = await import('@/lib/revenue');
      const c = await chutesSource(live.url).fetch({ fetch, now: () => later, window: '7d', net });
      expect(c.status.state).toBe('ok');
    } finally {
      await live.stop();
    }
  });
});
