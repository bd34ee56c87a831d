import { describe, expect, it } from 'vitest';
import type { Portfolio, Position, Subnet } from '@/lib/model/types';
import {
  dustThreshold,
  estimateDailyEmission,
  filterGroups,
  groupPositions,
  hideDust,
  portfolioTotals,
  ratio,
  selectedPortfolios,
  sortGroups,
  stakeUnit,
  toggleSelection,
  usdOf,
} from '@/lib/portfolio/portfolio';
import { CSV_HEADER, csvCell, positionsCsv } from '@/lib/portfolio/csv';
import { alphaToTao, formatAmount } from '@/lib/units/amount';

const TAO = 1_000_000_000n;

function subnet(netuid: number, name: string, symbol: string, priceRao: bigint): Subnet {
  return {
    netuid, name, symbol, identity: null, ownerColdkey: '', ownerHotkey: '', priceRao, movingPrice: 0,
    taoInPoolRao: 0n, alphaInPool: 0n, alphaOutstanding: 0n, marketCapRao: 0n, feeRate: null, registeredAtBlock: 0,
    taoInjectedPerBlockRao: 0n, taoInjectedPerDayRao: 0n, alphaEmittedPerDay: 0n, volumeRao: 0n, tradingStarted: true,
    tempo: 360, derived: [],
  };
}

const subnets = [subnet(0, 'root', 'Τ', TAO), subnet(1, 'Apex', 'α', 25_000_000n), subnet(7, 'Zeta', 'ZT', 333_333_333n)];
const priceOf = (n: number) => subnets.find((s) => s.netuid === n)!.priceRao;

function pos(coldkey: string, hotkey: string, netuid: number, alpha: bigint, extra: Partial<Position> = {}): Position {
  const spot = alphaToTao(alpha, priceOf(netuid));
  return { coldkey, hotkey, netuid, alpha, lockedAlpha: 0n, spotValueRao: spot, exitValueRao: (spot * 99n) / 100n, exitValueBlock: 1, hotkeyEmission: 0n, ...extra };
}

const alice: Portfolio = {
  coldkey: 'A',
  freeRao: 10n * TAO,
  positions: [pos('A', 'v1', 0, 100n * TAO), pos('A', 'v1', 1, 2_500n * TAO), pos('A', 'v2', 1, 7n), pos('A', 'v1', 7, 3n * TAO + 1n)],
};
const bob: Portfolio = { coldkey: 'B', freeRao: 1n, positions: [pos('B', 'v1', 1, 400n * TAO, { lockedAlpha: 100n * TAO })] };

describe('selection', () => {
  it('empty selection means every account; otherwise only the chosen ones', () => {
    const snap = { portfolios: [alice, bob] };
    expect(selectedPortfolios(snap, []).map((p) => p.coldkey)).toEqual(['A', 'B']);
    expect(selectedPortfolios(snap, ['B']).map((p) => p.coldkey)).toEqual(['B']);
    expect(selectedPortfolios(null, [])).toEqual([]);
  });
});

describe('totals', () => {
  it('sums free and per-position floor(alpha × price / 1e9) values, exactly in rao', () => {
    const t = portfolioTotals([alice, bob]);
    const staked = [...alice.positions, ...bob.positions].reduce((s, p) => s + (p.alpha * priceOf(p.netuid)) / TAO, 0n);
    expect(t.freeRao).toBe(10n * TAO + 1n);
    expect(t.stakedSpotRao).toBe(staked);
    expect(t.spotRao).toBe(10n * TAO + 1n + staked);
    expect(t.positionCount).toBe(5);
    // 7 alpha at 0.025 TAO floors to 0 rao; 3.000000001 ZT at 0.333333333 floors too.
    expect(alice.positions[2]!.spotValueRao).toBe(0n);
    expect(t.exitRao).toBe(t.freeRao + [...alice.positions, ...bob.positions].reduce((s, p) => s + p.exitValueRao!, 0n));
    expect(t.gapRao).toBe(t.spotRao - t.exitRao!);
    expect(t.gapRatio).toBeCloseTo(Number(t.gapRao) / Number(t.stakedSpotRao), 9);
  });

  it('keeps precision beyond 2^53 rao', () => {
    const whale: Portfolio = { coldkey: 'W', freeRao: 2n ** 64n - 1n, positions: [pos('W', 'v', 0, 9_007_199_254_740_993n)] };
    const t = portfolioTotals([whale]);
    expect(t.spotRao).toBe(2n ** 64n - 1n + 9_007_199_254_740_993n);
  });

  it('exit value is unknown (not guessed) while any position is unsimulated', () => {
    const p: Portfolio = { coldkey: 'C', freeRao: TAO, positions: [pos('C', 'v', 1, TAO), pos('C', 'v', 7, TAO, { exitValueRao: null })] };
    const t = portfolioTotals([p]);
    expect(t.exitRao).toBeNull();
    expect(t.gapRao).toBeNull();
    expect(t.gapRatio).toBeNull();
    expect(t.exitPending).toBe(1);
  });

  it('nothing staked: no gap ratio', () => {
    expect(portfolioTotals([{ coldkey: 'E', freeRao: 5n, positions: [] }]).gapRatio).toBeNull();
    expect(portfolioTotals([]).spotRao).toBe(0n);
  });
});

describe('grouping', () => {
  it('groups by subnet then validator, summing alpha only within a subnet', () => {
    const groups = groupPositions([alice, bob], { subnets });
    const sn1 = groups.find((g) => g.netuid === 1)!;
    expect(sn1.alpha).toBe(2_900n * TAO + 7n);
    expect(sn1.lockedAlpha).toBe(100n * TAO);
    // Locks the node could not tell make the sum unknown, never a smaller number.
    const unknownLocks: Portfolio = { coldkey: 'U', freeRao: 0n, positions: [pos('U', 'v1', 1, TAO, { lockedAlpha: null })] };
    const mixed = groupPositions([bob, unknownLocks], { subnets }).find((g) => g.netuid === 1)!;
    expect(mixed.lockedAlpha).toBeNull();
    expect(mixed.validators.find((v) => v.hotkey === 'v1')!.lockedAlpha).toBeNull();
    expect(sn1.validators.map((v) => v.hotkey)).toEqual(['v1', 'v2']);
    expect(sn1.validators[0]!.coldkeys).toEqual(['A', 'B']);
    expect(sn1.validators[0]!.alpha).toBe(2_900n * TAO);
    expect(sn1.unit).toEqual({ symbol: 'α SN1' });
    expect(groups.find((g) => g.netuid === 0)!.unit).toBe('TAO');
  });

  it('shares are of the total at spot, free included, and add up to the staked part', () => {
    const total = portfolioTotals([alice, bob]);
    const groups = groupPositions([alice, bob], { subnets });
    const sum = groups.reduce((s, g) => s + g.share, 0);
    expect(sum).toBeCloseTo(ratio(total.stakedSpotRao, total.spotRao), 9);
  });

  it('unknown subnets still group, with a fallback name', () => {
    const p: Portfolio = { coldkey: 'X', freeRao: 0n, positions: [{ ...pos('X', 'v', 1, TAO), netuid: 99 }] };
    const g = groupPositions([p], { subnets })[0]!;
    expect(g.name).toBe('Subnet 99');
    expect(g.unit).toEqual({ symbol: 'α SN99' });
  });

  it('exit value of a group is null if any of its positions is unsimulated', () => {
    const p: Portfolio = { coldkey: 'C', freeRao: 0n, positions: [pos('C', 'v', 1, TAO), pos('C', 'w', 1, TAO, { exitValueRao: null })] };
    expect(groupPositions([p], { subnets })[0]!.exitValueRao).toBeNull();
  });
});

describe('sorting', () => {
  const groups = groupPositions([alice, bob], { subnets, change24h: { 0: null, 1: -3.5, 7: 12 } });
  it('by value, largest first', () => {
    expect(sortGroups(groups, 'value').map((g) => g.netuid)).toEqual([0, 1, 7]);
    expect(sortGroups(groups, 'value', 'asc').map((g) => g.netuid)).toEqual([7, 1, 0]);
  });
  it('by 24 h change, unknown last in both directions', () => {
    expect(sortGroups(groups, 'change').map((g) => g.netuid)).toEqual([7, 1, 0]);
    expect(sortGroups(groups, 'change', 'asc').map((g) => g.netuid)).toEqual([1, 7, 0]);
  });
  it('by name, case-insensitive', () => {
    expect(sortGroups(groups, 'name').map((g) => g.name)).toEqual(['Apex', 'root', 'Zeta']);
  });
});

describe('dust', () => {
  it('hides rows under the threshold and reports what was hidden; totals are untouched', () => {
    const groups = groupPositions([alice, bob], { subnets });
    const { groups: shown, hiddenCount, hiddenValueRao } = hideDust(groups, TAO / 100n);
    expect(hiddenCount).toBe(1); // 7 rao-alpha on v2
    expect(hiddenValueRao).toBe(0n);
    expect(shown.find((g) => g.netuid === 1)!.validators.map((v) => v.hotkey)).toEqual(['v1']);
    const all = hideDust(groups, 10_000n * TAO);
    expect(all.groups).toEqual([]);
    expect(all.hiddenCount).toBe(4);
  });
  it('reads the setting defensively', () => {
    expect(dustThreshold('10000000')).toBe(10_000_000n);
    expect(dustThreshold('-1')).toBe(0n);
    expect(dustThreshold('1e9')).toBe(0n);
    expect(dustThreshold(undefined)).toBe(0n);
  });
});

describe('emission estimate and units', () => {
  it('is the holder’s part of the validator’s last-epoch dividends, times the epochs in a day', () => {
    // Tempo 360: an epoch every 361 blocks. 361 α to a 1,000 α pool is 1 α a block; holding 10 % of the
    // pool earns 0.1 α a block, 720 α over 7,200 blocks.
    expect(estimateDailyEmission(1, 100n * TAO, 361n * TAO, 1_000n * TAO, 360)).toBe(720n * TAO);
    // Tempo 99: 72 epochs a day; half of a pool that got 10 α an epoch earns 360 α a day.
    expect(estimateDailyEmission(3, 50n * TAO, 10n * TAO, 100n * TAO, 99)).toBe(360n * TAO);
    // Rounded down to whole rao: 1 rao an epoch shared three ways, 20 epochs a day (tempo 359).
    expect(estimateDailyEmission(3, 1n, 1n, 3n, 359)).toBe(6n);
  });
  it('is null when not derivable: no total stake read, an empty pool, or root (paid on other subnets)', () => {
    expect(estimateDailyEmission(1, 100n, 361n, undefined, 360)).toBeNull();
    expect(estimateDailyEmission(1, 100n, 361n, 0n, 360)).toBeNull();
    expect(estimateDailyEmission(1, 100n, 361n, 1_000n, undefined)).toBeNull();
    expect(estimateDailyEmission(0, 100n, 361n, 1_000n, 99)).toBeNull();
  });
  it('groups share one validator’s pool: accounts holding through it add up, each subnet its own tempo', () => {
    const pool = { hotkeyEmission: 361n * TAO, hotkeyAlpha: 1_000n * TAO };
    const rows = groupPositions(
      [
        { coldkey: 'A', freeRao: 0n, positions: [pos('A', 'v1', 1, 100n * TAO, pool), pos('A', 'v1', 0, 5n * TAO, pool), pos('A', 'v2', 7, 1n * TAO)] },
        { coldkey: 'B', freeRao: 0n, positions: [pos('B', 'v1', 1, 300n * TAO, pool)] },
      ],
      { subnets },
    ).flatMap((g) => g.validators);
    // 400 of the pool's 1,000 α, at 1 α a block: 0.4 α × 7,200.
    expect(rows.find((r) => r.netuid === 1 && r.hotkey === 'v1')!.dailyEmission).toBe(2_880n * TAO);
    expect(rows.find((r) => r.netuid === 0)!.dailyEmission).toBeNull();
    expect(rows.find((r) => r.netuid === 7)!.dailyEmission).toBeNull(); // its total stake was not read
  });
  it('USD only with a current price', () => {
    expect(usdOf(2n * TAO, { usd: 400, change24hPct: null, source: 'x', asOf: 0 })).toBe(800);
    expect(usdOf(2n * TAO, null)).toBeNull();
    expect(usdOf(null, { usd: 400, change24hPct: null, source: 'x', asOf: 0 })).toBeNull();
  });
  it('root stake is TAO; every other subnet\'s stake is written α SN{n}, whatever its on-chain symbol', () => {
    expect(stakeUnit(0)).toBe('TAO');
    expect(stakeUnit(3)).toEqual({ symbol: 'α SN3' });
    expect(formatAmount(1_052n * TAO / 10n, { unit: stakeUnit(64) })).toBe('105.2 α SN64');
  });
});

describe('CSV export', () => {
  it('has units in the header and exact amounts', () => {
    const csv = positionsCsv({ subnets, block: { number: 42, hash: '0x' } }, [bob]);
    const [header, row] = csv.trimEnd().split('\r\n');
    expect(header).toBe(CSV_HEADER.map(csvCell).join(','));
    expect(header).toContain('spot value (TAO)');
    expect(row).toBe(`B,v1,1,Apex,α SN1,400,100,0.025,10,9.9,42`);
  });
  it('prints u64-max amounts exactly and marks unsimulated exits', () => {
    const p: Portfolio = { coldkey: 'W', freeRao: 0n, positions: [pos('W', 'v', 1, 2n ** 64n - 1n, { exitValueRao: null })] };
    const row = positionsCsv({ subnets, block: { number: 1, hash: '0x' } }, [p]).split('\r\n')[1]!;
    expect(row).toContain(',18446744073.709551615,');
    expect(row).toContain('not simulated');
  });
  it('says "unknown" for locks the node could not tell, not 0', () => {
    const p: Portfolio = { coldkey: 'U', freeRao: 0n, positions: [pos('U', 'v', 1, TAO, { lockedAlpha: null })] };
    const row = positionsCsv({ subnets, block: { number: 1, hash: '0x' } }, [p]).split('\r\n')[1]!;
    expect(row.split(',')[6]).toBe('unknown');
  });
  it('defuses hostile names: quotes, newlines and formulas', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell('plain')).toBe('plain');
  });
});

describe('account selection', () => {
  const all = ['A', 'B', 'C'];
  it('empty is all; unticking one of all selects the others; ticking back to all is empty', () => {
    expect(toggleSelection(all, [], 'B')).toEqual(['A', 'C']);
    expect(toggleSelection(all, ['A', 'C'], 'B')).toEqual([]);
    expect(toggleSelection(all, ['A'], 'C')).toEqual(['A', 'C']);
  });
  it('the last ticked account stays ticked; unknown addresses are dropped', () => {
    expect(toggleSelection(all, ['A'], 'A')).toEqual(['A']);
    expect(toggleSelection(all, ['A', 'Z'], 'B')).toEqual(['A', 'B']);
  });
});

describe('spendable in the totals', () => {
  it('sums each account\'s spendable balance; unknown when a portfolio does not say', () => {
    const a = { ...alice, spendableRao: 4n * TAO };
    const b = { ...bob, spendableRao: 0n };
    expect(portfolioTotals([a, b]).spendableRao).toBe(4n * TAO);
    expect(portfolioTotals([a, bob]).spendableRao).toBeNull();
    expect(portfolioTotals([]).spendableRao).toBe(0n);
  });
});

describe('validator names and the portfolio filter', () => {
  const names = { v1: 'Test Validator 1', v2: 'Ορθή Validator' };
  const groups = groupPositions([alice, bob], { subnets, names });

  it('each validator row carries its on-chain name, null without one', () => {
    const rows = groups.flatMap((g) => g.validators);
    expect(rows.find((r) => r.hotkey === 'v1')!.name).toBe('Test Validator 1');
    expect(groupPositions([alice], { subnets }).flatMap((g) => g.validators).every((r) => r.name === null)).toBe(true);
  });

  it('a netuid (12, sn12, #12) keeps that subnet only', () => {
    for (const q of ['7', 'SN7', '#7', ' sn 7 ']) expect(filterGroups(groups, q).map((g) => g.netuid)).toEqual([7]);
  });

  it('a subnet name or symbol keeps the whole group; a validator name or hotkey keeps only those validators', () => {
    expect(filterGroups(groups, 'apex').map((g) => g.netuid)).toEqual([1]);
    expect(filterGroups(groups, 'apex')[0]!.validators.map((v) => v.hotkey).sort()).toEqual(['v1', 'v2']);
    expect(filterGroups(groups, 'zt').map((g) => g.netuid)).toEqual([7]);
    const byName = filterGroups(groups, 'ορθή');
    expect(byName.map((g) => g.netuid)).toEqual([1]);
    expect(byName[0]!.validators.map((v) => v.hotkey)).toEqual(['v2']);
    expect(filterGroups(groups, 'V2').flatMap((g) => g.validators.map((v) => v.hotkey))).toEqual(['v2']);
  });

  it('ignores invisible characters and width; an empty query keeps all; no match is empty', () => {
    expect(filterGroups(groups, 'a\u200bpex').map((g) => g.netuid)).toEqual([1]);
    expect(filterGroups(groups, 'ＡＰＥＸ').map((g) => g.netuid)).toEqual([1]);
    expect(filterGroups(groups, '  ')).toEqual(groups);
    expect(filterGroups(groups, 'nothing like this')).toEqual([]);
  });
});
