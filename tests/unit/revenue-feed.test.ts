import { describe, expect, it } from 'vitest';
import { FEED_SCHEMA, parseRevenueFeed } from '@/lib/revenue';

const NOW = Date.parse('2026-08-11T12:00:00Z');
const good = () => ({
  schema: FEED_SCHEMA,
  source: { name: 'Tracker', link: 'https://tracker.example' },
  figures: [{ netuid: 64, window: '7d', revenue_usd: 381000.5, as_of: '2026-08-11T06:00:00Z' } as Record<string, unknown>],
});

describe('parseRevenueFeed', () => {
  it('accepts a valid feed', () => {
    const r = parseRevenueFeed(good(), NOW);
    expect(r).toEqual({
      ok: true,
      feed: { source: { name: 'Tracker', link: 'https://tracker.example' }, figures: [{ netuid: 64, window: '7d', revenueUsd: 381000.5, asOf: Date.parse('2026-08-11T06:00:00Z') }] },
    });
  });

  it('accepts an explicit zero and optional note/link', () => {
    const f = good();
    Object.assign(f.figures[0] ?? {}, { revenue_usd: 0, note: 'no paying customers yet', link: 'http://a.example/x' });
    expect(parseRevenueFeed(f, NOW).ok).toBe(true);
  });

  const bad: [string, (f: ReturnType<typeof good>) => unknown, RegExp][] = [
    ['unknown version', (f) => ({ ...f, schema: 'taolens.revenue/9' }), /schema is "taolens.revenue\/9"/],
    ['missing version', ({ schema: _s, ...f }) => f, /schema is missing/],
    ['not an object', () => [], /the feed is a list/],
    ['netuid a string', (f) => ((f.figures[0]!.netuid = '64'), f), /figures\[0\]\.netuid is a string, expected an integer/],
    ['netuid fractional', (f) => ((f.figures[0]!.netuid = 6.4), f), /netuid is a number, expected an integer/],
    ['netuid negative', (f) => ((f.figures[0]!.netuid = -1), f), /out of range/],
    ['revenue a string', (f) => ((f.figures[0]!.revenue_usd = '100'), f), /revenue_usd is a string/],
    ['revenue negative', (f) => ((f.figures[0]!.revenue_usd = -5), f), /revenue_usd is negative/],
    ['revenue null', (f) => ((f.figures[0]!.revenue_usd = null), f), /revenue_usd is null/],
    ['window unknown', (f) => ((f.figures[0]!.window = '14d'), f), /window is "14d"/],
    ['as_of without zone', (f) => ((f.figures[0]!.as_of = '2026-08-11 06:00'), f), /as_of .* ISO 8601/],
    ['as_of in the future', (f) => ((f.figures[0]!.as_of = '2026-08-12T00:00:00Z'), f), /in the future/],
    ['unknown field', (f) => ((f.figures[0]!.revenue = 1), f), /unknown field "revenue"/],
    ['bad link', (f) => ((f.source.link = 'javascript:alert(1)'), f), /source.link must be an http\(s\) address/],
    ['empty name', (f) => ((f.source.name = ' '), f), /source.name must be 1 to 80/],
    ['figures missing', ({ figures: _f, ...f }) => f, /figures is missing, expected a list/],
  ];
  it.each(bad)('rejects %s with a clear message', (_name, mutate, msg) => {
    const r = parseRevenueFeed(mutate(good()), NOW);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toMatch(msg);
  });

  it('drops a bad figure among good ones, naming it, and keeps the rest', () => {
    const f = good();
    f.figures = [f.figures[0]!, { ...f.figures[0]! }, { ...f.figures[0]!, netuid: 11, revenue_usd: 'lots' }, { ...f.figures[0]!, netuid: 12 }];
    const r = parseRevenueFeed(f, NOW);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.feed.figures.map((x) => x.netuid)).toEqual([64, 12]);
    expect(r.refused).toEqual(['figures[1] repeats subnet 64 for 7d', 'figures[2].revenue_usd is a string, expected a finite number']);
  });

  it('rejects non-finite numbers (they cannot come from JSON, but a caller may pass objects)', () => {
    const f = good();
    f.figures[0]!.revenue_usd = Infinity;
    expect(parseRevenueFeed(f, NOW).ok).toBe(false);
  });
});
