import type { Subnet, TaoUsd } from '../model/types';
import { alphaToTao, raoToUsd } from '../units/amount';

/**
 * "Subsidy" (docs/bittensor-brief.md, "Emission = subsidy") = the value of what the network pays a subnet per day:
 * TAO injected per day, plus alpha emitted per day valued at the current spot price. Both parts and the total are
 * given; coverage uses the total. Figures are per-block snapshots × 7,200 blocks, not a guarantee.
 */
export const SUBSIDY_BASIS = 'per-block snapshot × 7,200' as const;

export type SubsidyInput = Pick<Subnet, 'netuid' | 'taoInjectedPerDayRao' | 'alphaEmittedPerDay' | 'priceRao'>;

export interface SubsidyPerDay {
  netuid: number;
  /** TAO injected per day (tao_in_emission + excess TAO) × 7,200, rao. */
  taoPerDayRao: bigint;
  /** Alpha emitted per day (in-pool + out emission) × 7,200, in alpha's smallest unit. */
  alphaPerDay: bigint;
  /** alphaPerDay valued at the spot price, rao of TAO (rounded down). */
  alphaPerDayValueRao: bigint;
  /** taoPerDayRao + alphaPerDayValueRao. */
  totalValueRao: bigint;
  /** totalValueRao in USD at `taoUsd`, or null without a price. */
  usd: number | null;
  /** The TAO/USD rate used, or null. */
  taoUsd: number | null;
  basis: typeof SUBSIDY_BASIS;
}

export function subsidyPerDay(subnet: SubsidyInput, taoUsd: TaoUsd | null): SubsidyPerDay {
  const alphaPerDayValueRao = alphaToTao(subnet.alphaEmittedPerDay, subnet.priceRao);
  const totalValueRao = subnet.taoInjectedPerDayRao + alphaPerDayValueRao;
  return {
    netuid: subnet.netuid,
    taoPerDayRao: subnet.taoInjectedPerDayRao,
    alphaPerDay: subnet.alphaEmittedPerDay,
    alphaPerDayValueRao,
    totalValueRao,
    usd: raoToUsd(totalValueRao, taoUsd),
    taoUsd: taoUsd?.usd ?? null,
    basis: SUBSIDY_BASIS,
  };
}
