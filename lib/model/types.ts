/**
 * The domain model TaoLens reads from the chain. Amounts are bigint in the smallest unit (rao for TAO,
 * and the same 9 decimals for each subnet's alpha). A price is rao of TAO per 1 alpha (price × 1e9).
 */

import type { CombinedRevenue } from '../revenue/combine';
import type { RevenueSourceState } from '../revenue/service';
import type { RevenueWindow } from '../revenue/types';

export const BLOCKS_PER_DAY = 7200n;

/** How a figure was obtained: read from a runtime API, or derived from raw storage where the API is missing. */
export type Provenance = 'runtime-api' | 'derived';

export interface SubnetIdentity {
  name: string;
  url: string;
  github: string;
  description: string;
  discord: string;
  contact: string;
  logoUrl: string;
}

export interface Subnet {
  netuid: number;
  /** On-chain name and symbol: untrusted text, always rendered as text. */
  name: string;
  symbol: string;
  identity: SubnetIdentity | null;
  ownerColdkey: string;
  ownerHotkey: string;
  /** Spot price, rao of TAO per 1 alpha (SwapRuntimeApi.current_alpha_price_all). */
  priceRao: bigint;
  /** Exponential moving price (I96F32 on chain), TAO per alpha, for display only. */
  movingPrice: number;
  taoInPoolRao: bigint;
  alphaInPool: bigint;
  alphaOutstanding: bigint;
  /** price × (alpha in pool + alpha outstanding), in rao of TAO. */
  marketCapRao: bigint;
  /** Swap fee as parts of 65535, or null when the node does not say. */
  feeRate: number | null;
  registeredAtBlock: number;
  /** TAO injected per block: tao_in_emission + excess TAO. */
  taoInjectedPerBlockRao: bigint;
  /** Per-block snapshot × 7,200 blocks, not a guarantee. */
  taoInjectedPerDayRao: bigint;
  /** Alpha emitted per day: (alpha in + alpha out emission) × 7,200. */
  alphaEmittedPerDay: bigint;
  volumeRao: bigint;
  tradingStarted: boolean;
  tempo: number;
  /**
   * The block the pool, emission, volume and identity figures were read at, when older than the snapshot's block
   * (while someone is looking they are read about once a minute, prices every block); absent: the snapshot's block.
   */
  infoBlock?: number;
  /** Fields that came from raw storage instead of a runtime API. */
  derived: string[];
}

export interface Position {
  coldkey: string;
  hotkey: string;
  netuid: number;
  alpha: bigint;
  /** Locked alpha cannot be unstaked. null: unknown (the node does not serve stake availability), not 0. */
  lockedAlpha: bigint | null;
  /** alpha × spot price. */
  spotValueRao: bigint;
  /** What selling would return after fee and price impact (SwapRuntimeApi simulation); null until simulated. */
  exitValueRao: bigint | null;
  /** The block the exit value was simulated at (sims are refreshed about once a minute, not every block). */
  exitValueBlock: number | null;
  /** The alpha the exit value was simulated for (carried values are scaled from it); absent in older snapshots. */
  exitValueAlpha?: bigint;
  /**
   * The hotkey's nominators' alpha dividends on this subnet in its last epoch (StakeInfo.emission =
   * AlphaDividendsPerSubnet, written once per tempo + 1 blocks); the hotkey's, not the holder's share.
   */
  hotkeyEmission: bigint;
  /** TotalHotkeyAlpha: all alpha staked through this hotkey on this subnet; absent when not read. */
  hotkeyAlpha?: bigint;
  /** Fields taken from raw storage where StakeInfoRuntimeApi is missing; absent when none. */
  derived?: string[];
}

export interface Portfolio {
  coldkey: string;
  freeRao: bigint;
  /** On hold (System.Account data.reserved); absent in snapshots stored before it was read. */
  reservedRao?: bigint;
  /** Under freezes and locks (data.frozen); absent in older snapshots. */
  frozenRao?: bigint;
  /** What can be staked or sent while the account stays alive (lib/portfolio/balance.ts); absent in older snapshots. */
  spendableRao?: bigint;
  positions: Position[];
}

export interface Validator {
  hotkey: string;
  name: string | null;
  /** Take as parts of 65535. */
  take: number;
  /** Netuids where it holds a validator permit. */
  permits: number[];
  /** Stake held through this validator per subnet, in that subnet's alpha (TAO on root); never summed across subnets. */
  stakeByNetuid: Record<number, bigint>;
}

export interface TaoUsd {
  usd: number;
  change24hPct: number | null;
  source: string;
  /** When the source says the price was last updated (ms since epoch). */
  asOf: number;
}

export interface BlockRef {
  number: number;
  hash: string;
}

/** Revenue as last fetched from the configured sources (not chain data), with each source's status. */
export interface RevenueState {
  window: RevenueWindow;
  combined: CombinedRevenue[];
  statuses: RevenueSourceState[];
  fetchedAt: number;
}

/** Everything the UIs show, as of one finalized block. */
export interface Snapshot {
  block: BlockRef;
  /** Wall-clock time the snapshot was assembled (ms since epoch). */
  fetchedAt: number;
  endpoint: string;
  subnets: Subnet[];
  portfolios: Portfolio[];
  /** Identity names of the held validators by hotkey (untrusted text, cleaned); absent in older snapshots. */
  validatorNames?: Record<string, string>;
  taoUsd: TaoUsd | null;
  /** Why there is no current TAO/USD price, when there is none. */
  taoUsdReason: string | null;
  revenue: RevenueState | null;
}
