/**
 * The popup's portfolio, computed from a snapshot: totals (free + staked, at spot and at exit value),
 * positions grouped by subnet then validator, shares, sorting and dust. Pure: no browser, no React.
 *
 * Rounding (documented, and what the e2e suite checks against the devnet): a position's spot value is
 * floor(alpha × price / 1e9) rao (Position.spotValueRao, lib/units alphaToTao); totals are sums of those
 * per-position values. Alpha is only ever summed within one subnet (one unit); across subnets only TAO values are.
 */
import type { Portfolio, Position, Snapshot, Subnet, TaoUsd } from '../model/types';
import { BLOCKS_PER_DAY } from '../model/types';
import { searchText } from '../board/board';
import { ROOT_NETUID, raoToUsd, stakeUnit, type Unit } from '../units/amount';

export { ROOT_NETUID, stakeUnit };

/** The portfolios the user chose: `selected` empty means every account. */
export function selectedPortfolios(snapshot: Pick<Snapshot, 'portfolios'> | null, selected: readonly string[]): Portfolio[] {
  const all = snapshot?.portfolios ?? [];
  if (!selected.length) return [...all];
  const chosen = new Set(selected);
  return all.filter((p) => chosen.has(p.coldkey));
}

export interface PortfolioTotals {
  freeRao: bigint;
  /** Σ Portfolio.spendableRao; null when any portfolio does not say (a snapshot stored before it was read). */
  spendableRao: bigint | null;
  /** Σ Position.spotValueRao. */
  stakedSpotRao: bigint;
  /** Σ Position.exitValueRao; null while any position has not been simulated. */
  stakedExitRao: bigint | null;
  /** free + staked at spot. */
  spotRao: bigint;
  /** free + staked at exit value, or null (see stakedExitRao). */
  exitRao: bigint | null;
  /** spot − exit (what fees and price impact would cost to sell everything now), or null. */
  gapRao: bigint | null;
  /** gap ÷ staked spot, for a percentage; null when unknown or nothing is staked. */
  gapRatio: number | null;
  positionCount: number;
  /** Positions whose exit value is not known yet. */
  exitPending: number;
  accountCount: number;
}

export function portfolioTotals(portfolios: readonly Portfolio[]): PortfolioTotals {
  let freeRao = 0n;
  let spendableRao: bigint | null = 0n;
  let stakedSpotRao = 0n;
  let stakedExit = 0n;
  let exitPending = 0;
  let positionCount = 0;
  for (const portfolio of portfolios) {
    freeRao += portfolio.freeRao;
    spendableRao = spendableRao === null || portfolio.spendableRao === undefined ? null : spendableRao + portfolio.spendableRao;
    for (const p of portfolio.positions) {
      positionCount++;
      stakedSpotRao += p.spotValueRao;
      if (p.exitValueRao === null) exitPending++;
      else stakedExit += p.exitValueRao;
    }
  }
  const stakedExitRao = exitPending ? null : stakedExit;
  const gapRao = stakedExitRao === null ? null : stakedSpotRao - stakedExitRao;
  return {
    freeRao,
    spendableRao,
    stakedSpotRao,
    stakedExitRao,
    spotRao: freeRao + stakedSpotRao,
    exitRao: stakedExitRao === null ? null : freeRao + stakedExitRao,
    gapRao,
    gapRatio: gapRao === null || stakedSpotRao === 0n ? null : ratio(gapRao, stakedSpotRao),
    positionCount,
    exitPending,
    accountCount: portfolios.length,
  };
}

/** a ÷ b as a float for shares and percentages (display only); exact for the first 15 or so digits. */
export function ratio(a: bigint, b: bigint): number {
  if (b === 0n) return 0;
  // Scale in bigint first so large amounts keep their precision.
  return Number((a * 1_000_000_000_000n) / b) / 1e12;
}

export interface ValidatorRow {
  /** `${netuid}/${hotkey}`: stable React key. */
  key: string;
  netuid: number;
  hotkey: string;
  /** The validator's on-chain identity name (untrusted text, cleaned), or null when it has none. */
  name: string | null;
  /** Accounts holding stake through this validator here (several when more than one account is selected). */
  coldkeys: string[];
  alpha: bigint;
  /** null when any position's locks are unknown. */
  lockedAlpha: bigint | null;
  spotValueRao: bigint;
  exitValueRao: bigint | null;
  /** Spot value ÷ the portfolio's total at spot (free included). */
  share: number;
  /** Estimated alpha per day for these positions, or null when not derivable (see estimateDailyEmission). */
  dailyEmission: bigint | null;
}

export interface SubnetGroup {
  netuid: number;
  /** Untrusted on-chain text. */
  name: string;
  symbol: string;
  unit: Unit;
  priceRao: bigint;
  alpha: bigint;
  /** null when any position's locks are unknown. */
  lockedAlpha: bigint | null;
  spotValueRao: bigint;
  exitValueRao: bigint | null;
  share: number;
  change24hPct: number | null;
  validators: ValidatorRow[];
}

/**
 * A holder's estimated alpha dividends per day. StakeInfo.emission is AlphaDividendsPerSubnet: what the
 * validator's nominators got at the subnet's last epoch (once per tempo + 1 blocks), credited to its pool
 * and shared by stake. The holder's part: emission × held ÷ the validator's total stake there
 * (TotalHotkeyAlpha), × 7,200 ÷ (tempo + 1) epochs a day. One epoch's snapshot, not a guarantee. Null when
 * not derivable: no total stake read, or root (its dividends are paid on other subnets).
 */
export function estimateDailyEmission(
  netuid: number,
  alpha: bigint,
  hotkeyEmissionPerEpoch: bigint,
  hotkeyAlpha: bigint | undefined,
  tempo: number | undefined,
): bigint | null {
  if (netuid === ROOT_NETUID || hotkeyAlpha === undefined || hotkeyAlpha <= 0n || tempo === undefined || tempo < 0) return null;
  if (hotkeyEmissionPerEpoch < 0n) return null;
  const held = alpha > hotkeyAlpha ? hotkeyAlpha : alpha;
  return (hotkeyEmissionPerEpoch * held * BLOCKS_PER_DAY) / (hotkeyAlpha * BigInt(tempo + 1));
}

export interface GroupOptions {
  subnets: readonly Subnet[];
  change24h?: Record<number, number | null>;
  /** The portfolio total at spot that shares are taken of (default: free + staked of `portfolios`). */
  totalRao?: bigint;
  /** Validator names by hotkey (Snapshot.validatorNames). */
  names?: Readonly<Record<string, string>>;
}

/** Positions grouped by subnet, then validator (alpha summed only inside one subnet). */
export function groupPositions(portfolios: readonly Portfolio[], opts: GroupOptions): SubnetGroup[] {
  const subnetBy = new Map(opts.subnets.map((s) => [s.netuid, s]));
  const total = opts.totalRao ?? portfolioTotals(portfolios).spotRao;
  const groups = new Map<number, SubnetGroup>();
  const rows = new Map<string, ValidatorRow>();
  const pools = new Map<string, { emission: bigint; hotkeyAlpha: bigint | undefined }>();
  for (const portfolio of portfolios) {
    for (const p of portfolio.positions) {
      const subnet = subnetBy.get(p.netuid);
      let group = groups.get(p.netuid);
      if (!group) {
        const symbol = subnet?.symbol ?? '';
        group = {
          netuid: p.netuid,
          name: subnet?.name ?? `Subnet ${p.netuid}`,
          symbol,
          unit: stakeUnit(p.netuid),
          priceRao: subnet?.priceRao ?? 0n,
          alpha: 0n,
          lockedAlpha: 0n,
          spotValueRao: 0n,
          exitValueRao: 0n,
          share: 0,
          change24hPct: opts.change24h?.[p.netuid] ?? null,
          validators: [],
        };
        groups.set(p.netuid, group);
      }
      addTo(group, p);
      const key = `${p.netuid}/${p.hotkey}`;
      let row = rows.get(key);
      if (!row) {
        row = {
          key,
          netuid: p.netuid,
          hotkey: p.hotkey,
          name: opts.names?.[p.hotkey] ?? null,
          coldkeys: [],
          alpha: 0n,
          lockedAlpha: 0n,
          spotValueRao: 0n,
          exitValueRao: 0n,
          share: 0,
          dailyEmission: null,
        };
        pools.set(key, { emission: p.hotkeyEmission, hotkeyAlpha: p.hotkeyAlpha });
        rows.set(key, row);
        group.validators.push(row);
      }
      addTo(row, p);
      if (!row.coldkeys.includes(p.coldkey)) row.coldkeys.push(p.coldkey);
    }
  }
  for (const row of rows.values()) {
    row.share = ratio(row.spotValueRao, total);
    const pool = pools.get(row.key)!;
    row.dailyEmission = estimateDailyEmission(row.netuid, row.alpha, pool.emission, pool.hotkeyAlpha, subnetBy.get(row.netuid)?.tempo);
  }
  const out = [...groups.values()];
  for (const g of out) {
    g.share = ratio(g.spotValueRao, total);
    g.validators = g.validators.sort((a, b) => cmpBigDesc(a.spotValueRao, b.spotValueRao) || a.hotkey.localeCompare(b.hotkey));
  }
  return out;
}

function addTo(target: { alpha: bigint; lockedAlpha: bigint | null; spotValueRao: bigint; exitValueRao: bigint | null }, p: Position) {
  target.alpha += p.alpha;
  target.lockedAlpha = target.lockedAlpha === null || p.lockedAlpha === null ? null : target.lockedAlpha + p.lockedAlpha;
  target.spotValueRao += p.spotValueRao;
  target.exitValueRao = target.exitValueRao === null || p.exitValueRao === null ? null : target.exitValueRao + p.exitValueRao;
}

export type PortfolioSortKey = 'value' | 'change' | 'name';
export type SortDir = 'asc' | 'desc';

export const cmpBigDesc = (a: bigint, b: bigint) => (a > b ? -1 : a < b ? 1 : 0);

/** Sorts subnet groups; a missing 24 h change always sorts last, whatever the direction. */
export function sortGroups(groups: readonly SubnetGroup[], key: PortfolioSortKey, dir: SortDir = key === 'name' ? 'asc' : 'desc'): SubnetGroup[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...groups].sort((a, b) => {
    let c = 0;
    if (key === 'value') c = -cmpBigDesc(a.spotValueRao, b.spotValueRao) * sign;
    else if (key === 'change') {
      if (a.change24hPct === null || b.change24hPct === null) c = (a.change24hPct === null ? 1 : 0) - (b.change24hPct === null ? 1 : 0);
      else c = (a.change24hPct - b.change24hPct) * sign;
    } else c = a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) * sign;
    return c || a.netuid - b.netuid;
  });
}

export interface DustResult {
  groups: SubnetGroup[];
  hiddenCount: number;
  /** Spot value of the hidden positions together, rao of TAO. */
  hiddenValueRao: bigint;
}

/**
 * Hides validator rows worth less than `thresholdRao` at spot, and groups left empty. Totals elsewhere still
 * count dust: hiding is a view choice, not a change of what the user holds.
 */
export function hideDust(groups: readonly SubnetGroup[], thresholdRao: bigint): DustResult {
  let hiddenCount = 0;
  let hiddenValueRao = 0n;
  const out: SubnetGroup[] = [];
  for (const g of groups) {
    const keep = g.validators.filter((v) => {
      if (v.spotValueRao >= thresholdRao) return true;
      hiddenCount++;
      hiddenValueRao += v.spotValueRao;
      return false;
    });
    if (keep.length) out.push(keep.length === g.validators.length ? g : { ...g, validators: keep });
  }
  return { groups: out, hiddenCount, hiddenValueRao };
}

/**
 * Groups matching `query` (the board's search rules, lib/board searchText): "12", "sn12" or "#12" is that
 * netuid; other text matches a subnet's name or symbol (the whole group), or a validator's name or hotkey
 * (only those validators). An empty query keeps everything; order is kept.
 */
export function filterGroups(groups: readonly SubnetGroup[], query: string): SubnetGroup[] {
  const q = searchText(query);
  if (!q) return [...groups];
  const netuid = /^(?:sn|#)?\s*(\d{1,5})$/.exec(q)?.[1];
  const out: SubnetGroup[] = [];
  for (const g of groups) {
    if ((netuid !== undefined && g.netuid === Number(netuid)) || searchText(g.name).includes(q) || searchText(g.symbol).includes(q)) {
      out.push(g);
      continue;
    }
    const validators = g.validators.filter((v) => searchText(v.name ?? '').includes(q) || v.hotkey.toLowerCase().includes(q));
    if (validators.length) out.push({ ...g, validators });
  }
  return out;
}

/** Parses the dust setting (decimal string of rao); anything unreadable means "hide nothing". */
export function dustThreshold(setting: string | null | undefined): bigint {
  if (!setting || !/^\d{1,30}$/.test(setting.trim())) return 0n;
  return BigInt(setting.trim());
}

/** TAO → USD for display, only with a current price (never a stale one). */
export function usdOf(rao: bigint | null, taoUsd: TaoUsd | null): number | null {
  if (rao === null) return null;
  return raoToUsd(rao, taoUsd);
}

/**
 * The account selection after the user toggles `address` (empty = every account). Unticking one of "all"
 * selects the others; ticking the last missing one goes back to "all"; the last ticked account stays ticked.
 */
export function toggleSelection(all: readonly string[], selected: readonly string[], address: string): string[] {
  const current = selected.length ? selected.filter((a) => all.includes(a)) : [...all];
  const next = current.includes(address) ? current.filter((a) => a !== address) : [...current, address];
  if (!next.length) return [...current];
  return next.length === all.length && all.every((a) => next.includes(a)) ? [] : all.filter((a) => next.includes(a));
}
