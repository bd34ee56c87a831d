import { describe, expect, it } from 'vitest';
import { combineRevenue, metagraphCoverageSource, type RevenueFigure, type RevenueSourceResult } from '@/lib/revenue';
import { isStale, revenueCeilingUsd, vetResult } from '@/lib/revenue/bounds';

const NOW = Date.parse('2026-08-11T12:00:00Z');
const fig = (p: Partial<RevenueFigure> = {}): RevenueFigure => ({
  netuid: 64,
  usd: 56_000,
  window: '7d',
  asOf: NOW - 3_600_000,
  sourceId: 'metagraph.sh',
  sourceName: 'metagraph.sh',
  link: '',
  tier: 'published-by-subnet',
  ...p,
});
const result = (figures: RevenueFigure[]): RevenueSourceResult => ({ sourceId: 'metagraph.sh', status: { state: 'ok', message: 'metagraph.sh: 3 subnets.', fetchedAt: NOW }, figures });

describe('revenue bounds', () => {
  it('put the ceiling at 100 × the whole network subsidy over the window, with a fixed fallback without one', () => {
    expect(revenueCeilingUsd('7d', 1_000_000)).toBe(700_000_000);
    expect(revenueCeilingUsd('1d', null)).toBe(1_000_000_000);
  });

  it('drop an absurd figure one by one, counting it with its reason, and keep the good ones', () => {
    const r = vetResult(result([fig({ netuid: 4 }), fig({ netuid: 64, usd: 1e308 }), fig({ netuid: 11, usd: Number.NaN })]), 1_000_000, NOW);
    expect(r.figures.map((f) => f.netuid)).toEqual([4]);
    expect(r.status.state).toBe('ok');
    expect(r.status.refused).toBe(2);
    expect(r.status.message).toMatch(/2 entries refused: subnet 64: 1e\+308 is above the plausible ceiling of \$700,000,000 \(100× the whole network's subsidy over 7 d\); subnet 11: revenue is not a finite number/);
  });

  it('measure each figure against the subsidy over its own window', () => {
    // $1M a day of subsidy: a 30-day figure of $2 billion is believable ($3B ceiling); the same as a 1-day figure is not.
    const r = vetResult(result([fig({ netuid: 4, window: '30d', usd: 2e9 }), fig({ netuid: 5, window: '1d', usd: 2e9 })]), 1_000_000, NOW);
    expect(r.figures.map((f) => f.netuid)).toEqual([4]);
    expect(r.status.message).toMatch(/subnet 5: \$2,000,000,000 is above the plausible ceiling of \$100,000,000 \(100× the whole network's subsidy over 1 d\)/);
  });

  it('turn an answer whose every figure is refused into an error', () => {
    const r = vetResult(result([fig({ usd: 1e308 })]), null, NOW);
    expect(r.status.state).toBe('error');
    expect(r.figures).toEqual([]);
  });

  it('call a 7 d figure stale after 14 days, and prefer a current figure of a lower tier over a stale one', () => {
    expect(isStale(fig({ asOf: NOW - 13 * 86_400_000 }), NOW)).toBe(false);
    expect(isStale(fig({ asOf: NOW - 15 * 86_400_000 }), NOW)).toBe(true);
    const stale = fig({ tier: 'verified-on-chain', asOf: Date.parse('2022-03-01T00:00:00Z'), sourceName: 'A' });
    const current = fig({ tier: 'third-party', sourceName: 'B' });
    const [c] = combineRevenue([result([stale, current])], '7d', NOW);
    expect(c?.chosen?.sourceName).toBe('B');
    expect(combineRevenue([result([stale, current])], '7d')[0]?.chosen?.sourceName).toBe('A');
  });

  it('metagraph.sh: one unreadable entry among good ones is refused alone, not the whole answer', async () => {
    const entry = (netuid: number, usd: unknown) => ({
      netuid,
      window_days: 7,
      revenue_usd: usd,
      provenance: 'operator-attested',
      verification: { verified: true },
      sources: [{ contributes: true, observed_at: '2026-08-11T06:00:00Z' }],
      searched_at: '2026-08-11T06:00:00Z',
    });
    const body = { ok: true, data: { window_days: 7, subnet_count: 3, subnets: [entry(4, 100), entry(5, 'lots'), entry(64, 200)] }, meta: {} };
    const fetch = async () => new Response(JSON.stringify(body), { status: 200 });
    const r = await metagraphCoverageSource('https://api.example').fetch({ fetch, now: () => NOW, window: '7d', net: { retries: 0 } });
    expect(r.figures.map((f) => f.netuid)).toEqual([4, 64]);
    expect(r.status).toMatchObject({ state: 'ok', refused: 1 });
    expect(r.status.message).toContain('1 entry refused: data.subnets[1].revenue_usd is a string');
  });
});
