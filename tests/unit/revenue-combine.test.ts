import { describe, expect, it } from 'vitest';
import { combineRevenue, differs, manualSource, revenueFor, type RevenueFigure, type RevenueSourceResult } from '@/lib/revenue';

const T = Date.parse('2026-08-11T00:00:00Z');
const fig = (p: Partial<RevenueFigure>): RevenueFigure => ({
  netuid: 64,
  usd: 1000,
  window: '1d',
  asOf: T,
  sourceId: 's',
  sourceName: 'S',
  link: 'https://s.example',
  tier: 'third-party',
  ...p,
});
const res = (...figures: RevenueFigure[]): RevenueSourceResult => ({
  sourceId: figures[0]?.sourceId ?? 'x',
  status: { state: 'ok', message: '', fetchedAt: T },
  figures,
});

describe('combineRevenue', () => {
  it('higher tier wins over a newer figure', () => {
    const chain = fig({ tier: 'verified-on-chain', sourceName: 'A', asOf: T - 86_400_000, usd: 1000 });
    const pub = fig({ tier: 'published-by-subnet', sourceName: 'B', asOf: T, usd: 1050 });
    const [c] = combineRevenue([res(pub), res(chain)], '1d');
    expect(c?.chosen).toBe(chain);
    expect(c?.others).toEqual([pub]);
    expect(c?.conflict).toBe(false);
  });

  it('orders tiers verified-on-chain > published-by-subnet > third-party > user-entered', () => {
    const tiers = ['user-entered', 'third-party', 'verified-on-chain', 'published-by-subnet'] as const;
    const figs = tiers.map((tier, i) => fig({ tier, sourceName: `S${i}` }));
    const [c] = combineRevenue([res(...figs)], '1d');
    expect([c?.chosen, ...(c?.others ?? [])].map((f) => f?.tier)).toEqual(['verified-on-chain', 'published-by-subnet', 'third-party', 'user-entered']);
  });

  it('within a tier the newer as-of wins', () => {
    const older = fig({ sourceName: 'A', asOf: T - 1000 });
    const newer = fig({ sourceName: 'B', asOf: T });
    expect(combineRevenue([res(older), res(newer)], '1d')[0]?.chosen).toBe(newer);
  });

  it('flags a conflict above 10 % and keeps the conflicting figure visible', () => {
    const a = fig({ tier: 'published-by-subnet', sourceName: 'A', usd: 1000 });
    const b = fig({ sourceName: 'B', usd: 1120 });
    const [c] = combineRevenue([res(a), res(b)], '1d');
    expect(c).toEqual({ netuid: 64, chosen: a, others: [b], conflict: true });
    expect(combineRevenue([res(a), res(fig({ sourceName: 'B', usd: 1100 }))], '1d')[0]?.conflict).toBe(false);
  });

  it('differs: relative to the larger, two zeros agree', () => {
    expect(differs(0, 0)).toBe(false);
    expect(differs(0, 1)).toBe(true);
    expect(differs(100, 90)).toBe(false);
    expect(differs(100, 89)).toBe(true);
  });

  it('one figure per provider: the newest', () => {
    const all = fig({ sourceId: 'metagraph.sh', sourceName: 'metagraph.sh', asOf: T - 60_000, usd: 900 });
    const one = fig({ sourceId: 'metagraph.sh/subnet/64', sourceName: 'metagraph.sh', asOf: T, usd: 1000 });
    const [c] = combineRevenue([res(all), res(one)], '1d');
    expect(c?.chosen).toBe(one);
    expect(c?.others).toEqual([]);
  });

  it('ignores other windows and lists subnets by netuid', () => {
    const out = combineRevenue([res(fig({ netuid: 64 }), fig({ netuid: 4 }), fig({ netuid: 9, window: '7d' }))], '1d');
    expect(out.map((c) => c.netuid)).toEqual([4, 64]);
    expect(revenueFor(out, 9)).toEqual({ netuid: 9, chosen: null, others: [], conflict: false });
  });

  it('an observed zero is a figure', () => {
    expect(combineRevenue([res(fig({ usd: 0 }))], '1d')[0]?.chosen?.usd).toBe(0);
  });
});

describe('manualSource', () => {
  it('gives user-entered figures for the window and names bad entries', async () => {
    const src = manualSource([
      { netuid: 4, window: '7d', usd: 5000, asOf: T },
      { netuid: 5, window: '1d', usd: 10, asOf: T },
      { netuid: 1.5, window: '7d', usd: 1, asOf: T },
      { netuid: 6, window: '7d', usd: -1, asOf: T },
    ]);
    const r = await src.fetch({ fetch, now: () => T, window: '7d' });
    expect(r.figures).toEqual([expect.objectContaining({ netuid: 4, usd: 5000, tier: 'user-entered', link: '' })]);
    expect(r.status.message).toMatch(/subnet 1.5: subnet must be a whole number; subnet 6: revenue must be/);
  });
});
