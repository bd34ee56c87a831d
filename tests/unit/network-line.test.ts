import { describe, expect, it } from 'vitest';
import { taoCardModel } from '@/lib/annotate/figures';
import { networkRow } from '@/lib/annotate/network-line';

const view = { block: { number: 10, hash: '0x' }, fetchedAt: 1000, taoUsd: { usd: 400, change24hPct: null, source: 'CoinGecko', asOf: 1000 }, taoUsdReason: null };

describe('the $TAO card’s network line', () => {
  it('coverage today and the 30-day trend in one row, over the observed subnets, linking to the network view', () => {
    const line = { coverage: 0.1234, observed: 3, total: 12, trend: { fromDay: '2026-07-12', fromCoverage: 0.1, toDay: '2026-08-11', toCoverage: 0.1234 } };
    const row = taoCardModel({ ...view, network: line }, 2000).rows.at(-1);
    expect(row).toEqual({
      label: 'Network coverage',
      value: '12.3% today · ↑ from 10% on 2026-07-12 (+2.3 pts)',
      source: 'revenue ÷ subsidy, 1 d, over 3 of 12 subnets observed; TaoLens daily history',
      detail: 'Outside revenue observed ÷ the subsidy paid to the same subnets. Subnets with no observed revenue are left out, not counted as 0.',
      opens: 'network',
    });
  });

  it('says when coverage is not observed or the trend has too few days, and falls', () => {
    expect(networkRow({ coverage: null, observed: 0, total: 12, trend: null })!.value).toBe('not observed · 30 d trend: not enough days recorded yet');
    expect(networkRow({ coverage: 0.05, observed: 1, total: 2, trend: { fromDay: '2026-07-12', fromCoverage: 0.08, toDay: 'x', toCoverage: 0.05 } })!.value).toBe(
      '5% today · ↓ from 8% on 2026-07-12 (−3.0 pts)',
    );
  });

  it('an older worker without the line: the card has TAO/USD only', () => {
    expect(taoCardModel(view, 2000).rows.map((r) => r.label)).toEqual(['TAO/USD']);
    expect(networkRow(undefined)).toBeNull();
  });
});
