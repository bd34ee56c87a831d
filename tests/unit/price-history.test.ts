import { describe, expect, it } from 'vitest';
import { HISTORY_KEEP_MS, HISTORY_STEP_MS, recordPrices, type PriceHistory } from '@/lib/history/price-history';
import type { Subnet } from '@/lib/model/types';

const subnet = (netuid: number, priceRao: bigint) => ({ netuid, priceRao }) as Subnet;
const T0 = 1_800_000_000_000;

describe('price history', () => {
  it('records one point per step and returns the same history between steps, so nothing is stored for most blocks', () => {
    const first = recordPrices({}, [subnet(1, 2_000_000_000n), subnet(2, 500_000_000n)], T0);
    expect(first).toEqual({ 1: [{ t: T0, price: 2 }], 2: [{ t: T0, price: 0.5 }] });

    const nextBlock = recordPrices(first, [subnet(1, 2_100_000_000n), subnet(2, 500_000_000n)], T0 + 12_000);
    expect(nextBlock).toBe(first);

    const nextStep = recordPrices(first, [subnet(1, 2_100_000_000n), subnet(2, 500_000_000n)], T0 + HISTORY_STEP_MS);
    expect(nextStep).not.toBe(first);
    expect(nextStep[1]).toEqual([{ t: T0, price: 2 }, { t: T0 + HISTORY_STEP_MS, price: 2.1 }]);
  });

  it('is a change when a subnet appears or goes, or a point leaves the window', () => {
    const history: PriceHistory = { 1: [{ t: T0, price: 2 }, { t: T0 + HISTORY_STEP_MS, price: 2 }] };
    expect(recordPrices(history, [subnet(1, 1n), subnet(3, 1n)], T0 + HISTORY_STEP_MS + 1)).toHaveProperty('3');
    expect(recordPrices({ ...history, 9: [] }, [subnet(1, 1n)], T0 + HISTORY_STEP_MS + 1)).not.toHaveProperty('9');

    // The oldest point leaves the window while the newest is still fresh: nothing added, one dropped.
    const recent = T0 + HISTORY_KEEP_MS - 1_000;
    const week: PriceHistory = { 1: [{ t: T0, price: 2 }, { t: recent, price: 2 }] };
    const trimmed = recordPrices(week, [subnet(1, 1n)], T0 + HISTORY_KEEP_MS + 1);
    expect(trimmed).not.toBe(week);
    expect(trimmed[1]!.map((p) => p.t)).toEqual([recent]);
  });
});
