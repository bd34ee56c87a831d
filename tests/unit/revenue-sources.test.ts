import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  chutesSource,
  createRevenueService,
  feedSource,
  manualSource,
  metagraphCoverageSource,
  revenueFor,
  type RevenueContext,
  type RevenueSource,
  type RevenueWindow,
} from '@/lib/revenue';
import chutesRows from '../fixtures/api/chutes-daily-revenue-summary.json';
import { defaultFixtures, FIXTURE_NOW, startApiServer, type ApiMode, type ApiRoute, type ApiServer } from '../fixtures/api-server';

const net = { timeoutMs: 200, retries: 0, backoffMs: 1 };
let api: ApiServer;
const ctx = (window: RevenueWindow = '1d', now = FIXTURE_NOW): RevenueContext => ({ fetch, now: () => now, window, net });
const ROUTES: ApiRoute[] = ['coverage', 'subnet-revenue', 'chutes', 'feed'];

beforeAll(async () => {
  api = await startApiServer();
});
afterAll(() => api.stop());
beforeEach(() => {
  const fresh = defaultFixtures();
  for (const r of ROUTES) {
    api.setMode(r, 'ok');
    api.setFixture(r, fresh[r]);
  }
});

/** Customer revenue straight from the fixture, for the UTC days given. */
function chutesExpected(dates: string[]): number {
  const sum = dates.reduce((acc, d) => {
    const row = chutesRows.find((r) => r.date === d);
    if (!row) throw new Error(d);
    return acc + row.total_revenue - row.sponsored_inference - row.pending_instance_revenue;
  }, 0);
  return Math.round(sum * 100) / 100;
}

describe('metagraph.sh revenue', () => {
  it('coverage: one request, figures only for observed, verified, headline provenance', async () => {
    const before = api.requests.coverage;
    const r = await metagraphCoverageSource(api.url).fetch(ctx());
    expect(api.requests.coverage - before).toBe(1);
    expect(r.status.state).toBe('ok');
    expect(r.figures.map((f) => [f.netuid, f.usd, f.tier])).toEqual([
      [4, 8150, 'published-by-subnet'],
      [11, 310.5, 'verified-on-chain'],
      [51, 2480, 'third-party'],
      [64, 55820, 'published-by-subnet'],
    ]);
    // null revenue (subnets 0, 1, 7) is not a figure, never 0.
    expect(r.figures.some((f) => f.usd === 0)).toBe(false);
    expect(r.status.message).toMatch(/4 of 129 subnets over 1 d/);
    expect(r.status.message).toMatch(/subnet 19: metagraph.sh marks it unverified/);
    const sn64 = r.figures.find((f) => f.netuid === 64);
    expect(sn64).toMatchObject({
      asOf: Date.parse('2026-08-11T00:10:00Z'),
      sourceName: 'metagraph.sh',
      link: `${api.url}/api/v1/subnets/64/revenue?window=1d`,
      note: expect.stringContaining('probe-derived'),
      window: '1d',
    });
  });

  it('coverage: asks for the window and refuses an answer for another window', async () => {
    const r = await metagraphCoverageSource(api.url).fetch(ctx('7d'));
    expect(r.figures.find((f) => f.netuid === 64)?.usd).toBe(390740);
    const oneDay = defaultFixtures().coverage;
    api.setFixture('coverage', oneDay);
    const wrong = await metagraphCoverageSource(api.url).fetch({ ...ctx('30d'), fetch: (u, i) => fetch(u.replace('30d', '1d'), i) });
    expect(wrong.status).toMatchObject({ state: 'error', message: expect.stringMatching(/answered for 1 d instead of 30 d/) });
  });

  it('coverage: no observed subnet is an empty status, not an error', async () => {
    const body = structuredClone(defaultFixtures().coverage) as { data: { subnets: { revenue_usd: number | null }[] } };
    for (const s of body.data.subnets) s.revenue_usd = null;
    api.setFixture('coverage', body);
    const r = await metagraphCoverageSource(api.url).fetch(ctx());
    expect(r.status.state).toBe('empty');
    expect(r.figures).toEqual([]);
  });

  it('coverage: an error envelope is reported with its message', async () => {
    api.setFixture('coverage', { ok: false, schema_version: 1, data: null, error: { code: 'bad', message: 'window not supported' }, meta: { contract_version: 'x' } });
    const r = await metagraphCoverageSource(api.url).fetch(ctx());
    expect(r.status).toMatchObject({ state: 'error', message: expect.stringMatching(/reported an error: window not supported/) });
  });
});

describe('Chutes', () => {
  it('1d is the newest complete UTC day, customer revenue only', async () => {
    const r = await chutesSource(api.url).fetch(ctx('1d'));
    expect(r.figures).toEqual([
      expect.objectContaining({
        netuid: 64,
        usd: chutesExpected(['2026-08-10']),
        asOf: Date.parse('2026-08-11T00:00:00Z'),
        tier: 'published-by-subnet',
        sourceName: 'Chutes',
      }),
    ]);
    expect(r.figures[0]?.usd).toBe(62390 - 3120 - 2050);
  });

  it('7d and 30d are sums over consecutive complete days', async () => {
    const days = (n: number) => Array.from({ length: n }, (_, i) => new Date(Date.parse('2026-08-10T00:00:00Z') - i * 86_400_000).toISOString().slice(0, 10));
    expect((await chutesSource(api.url).fetch(ctx('7d'))).figures[0]?.usd).toBe(chutesExpected(days(7)));
    expect((await chutesSource(api.url).fetch(ctx('30d'))).figures[0]?.usd).toBe(chutesExpected(days(30)));
  });

  it('works without sponsored_inference (older responses)', async () => {
    const rows = chutesRows.map(({ sponsored_inference: _s, ...rest }) => rest);
    api.setFixture('chutes', rows);
    const r = await chutesSource(api.url).fetch(ctx('1d'));
    expect(r.figures[0]?.usd).toBe(62390 - 2050);
  });

  it('a missing day means no figure for the window, not a partial sum', async () => {
    api.setFixture('chutes', chutesRows.filter((r) => r.date !== '2026-08-07'));
    const r = await chutesSource(api.url).fetch(ctx('7d'));
    expect(r.figures).toEqual([]);
    expect(r.status).toMatchObject({ state: 'empty', message: expect.stringMatching(/missing 2026-08-07/) });
    expect((await chutesSource(api.url).fetch(ctx('1d'))).figures).toHaveLength(1);
  });
});

describe('user feed source', () => {
  it('reads the feed figures for the window as third-party', async () => {
    const r = await feedSource(`${api.url}/feed.json`).fetch(ctx('1d'));
    expect(r.status.state).toBe('ok');
    expect(r.figures).toEqual([
      expect.objectContaining({ netuid: 64, usd: 54900, tier: 'third-party', sourceName: 'Example Revenue Tracker', link: 'https://revenue.example.org/bittensor' }),
      expect.objectContaining({ netuid: 4, usd: 9800, note: 'API resale only' }),
    ]);
  });

  it('an invalid feed gives a clear error and no figures', async () => {
    api.setFixture('feed', { schema: 'taolens.revenue/2', source: { name: 'x', link: 'https://x' }, figures: [] });
    const r = await feedSource(`${api.url}/feed.json`).fetch(ctx('1d'));
    expect(r.figures).toEqual([]);
    expect(r.status.message).toMatch(/rejected: schema is "taolens.revenue\/2"; this version of TaoLens reads "taolens.revenue\/1"/);
  });
});

describe('each failure mode of each source, with the others still giving figures', () => {
  const sources = (): RevenueSource[] => [
    metagraphCoverageSource(api.url),
    chutesSource(api.url),
    feedSource(`${api.url}/feed.json`),
    manualSource([{ netuid: 9, window: '1d', usd: 1000, asOf: FIXTURE_NOW - 3_600_000 }]),
  ];
  const modes: [ApiMode, RegExp][] = [
    ['500', /HTTP 500/],
    ['timeout', /did not answer within 200 ms/],
    ['malformed', /not valid JSON/],
    ['wrong-types', /unexpected answer|rejected/],
    ['empty', /empty answer/],
    ['empty-body', /empty answer/],
    ['oversized', /more than 1 MB/],
  ];
  const broken: [ApiRoute, string][] = [
    ['coverage', 'metagraph.sh'],
    ['chutes', 'chutes'],
    ['feed', `feed:`],
  ];
  for (const [route, idPrefix] of broken) {
    it.each(modes)(`${route} %s`, async (mode, msg) => {
      api.setMode(route, mode);
      const svc = createRevenueService({ sources: sources(), fetch, now: () => FIXTURE_NOW, net });
      const a = await svc.get('1d');
      const bad = a.statuses.find((s) => s.sourceId.startsWith(idPrefix));
      expect(bad).toMatchObject({ state: 'error', message: expect.stringMatching(msg) });
      expect(bad?.message).toMatch(/127\.0\.0\.1/);
      const others = a.results.filter((r) => !r.sourceId.startsWith(idPrefix));
      for (const r of others) {
        expect(r.status.state).toBe('ok');
        expect(r.figures.length).toBeGreaterThan(0);
      }
      expect(revenueFor(a.combined, 9).chosen?.usd).toBe(1000);
      expect(revenueFor(a.combined, 64).chosen).not.toBeNull();
    });
  }
});

describe('revenue service', () => {
  const make = (now: () => number) =>
    createRevenueService({ sources: [metagraphCoverageSource(api.url), chutesSource(api.url), feedSource(`${api.url}/feed.json`)], fetch, now, net });

  it('combines all sources: SN64 from metagraph.sh (newer, same tier as Chutes), others shown', async () => {
    const a = await make(() => FIXTURE_NOW).get('1d');
    const sn64 = revenueFor(a.combined, 64);
    expect(sn64.chosen).toMatchObject({ sourceName: 'metagraph.sh', usd: 55820 });
    expect(sn64.others.map((f) => f.sourceName)).toEqual(['Chutes', 'Example Revenue Tracker']);
    expect(sn64.conflict).toBe(false);
    const sn4 = revenueFor(a.combined, 4);
    expect(sn4.chosen?.usd).toBe(8150);
    expect(sn4.others[0]?.usd).toBe(9800);
    expect(sn4.conflict).toBe(true);
    expect(revenueFor(a.combined, 7).chosen).toBeNull();
  });

  it('caches per source and window, fetches concurrently', async () => {
    let now = FIXTURE_NOW;
    const svc = make(() => now);
    const before = { ...api.requests };
    await Promise.all([svc.get('1d'), svc.get('1d')]);
    await svc.get('1d');
    expect(api.requests.coverage - before.coverage).toBe(1);
    expect(api.requests.chutes - before.chutes).toBe(1);
    await svc.get('7d');
    expect(api.requests.coverage - before.coverage).toBe(2);
    now += 5 * 60_000;
    await svc.get('1d');
    expect(api.requests.coverage - before.coverage).toBe(3);
  });

  it('a failing source keeps its last good figures, marked with their age', async () => {
    let now = FIXTURE_NOW;
    const svc = make(() => now);
    await svc.get('1d');
    api.setMode('coverage', '500');
    now += 20 * 60_000;
    const a = await svc.get('1d');
    const st = a.statuses.find((s) => s.sourceId === 'metagraph.sh');
    expect(st).toMatchObject({ state: 'error', keptFrom: FIXTURE_NOW, message: expect.stringMatching(/HTTP 500.*figures from 20 min ago/) });
    const sn11 = revenueFor(a.combined, 11).chosen;
    expect(sn11?.usd).toBe(310.5);
    expect(sn11?.note).toMatch(/Kept from an answer 20 min old/);
    // Past keepMs (24 h) they are dropped.
    now += 25 * 3_600_000;
    const b = await svc.get('1d');
    expect(revenueFor(b.combined, 11).chosen).toBeNull();
  });

  it('a source that throws is an error status', async () => {
    const bad: RevenueSource = { id: 'bad', name: 'Bad', fetch: () => Promise.reject(new Error('bug')) };
    const a = await createRevenueService({ sources: [bad, chutesSource(api.url)], fetch, now: () => FIXTURE_NOW, net }).get('1d');
    expect(a.statuses[0]).toMatchObject({ sourceId: 'bad', name: 'Bad', state: 'error', message: 'Bad failed: bug' });
    expect(a.results[1]?.figures).toHaveLength(1);
  });
});
