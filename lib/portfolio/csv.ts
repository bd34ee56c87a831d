/**
 * Positions as CSV: one row per (account, validator, subnet), amounts exact (lib/units formatExact, 9
 * decimals, no grouping, no rounding) and the unit of every amount column in its header. On-chain names
 * are hostile: cells are quoted and a leading = + - @ (spreadsheet formula) is defused with an apostrophe.
 */
import type { Portfolio, Snapshot } from '../model/types';
import { formatExact, stakeUnit, unitName } from '../units/amount';

export const CSV_HEADER = [
  'account (coldkey, SS58)',
  'validator (hotkey, SS58)',
  'netuid',
  'subnet name',
  'stake unit',
  'stake (alpha of the stake unit; TAO on root)',
  'locked (alpha of the stake unit)',
  'price (TAO per 1 alpha)',
  'spot value (TAO)',
  'exit value (TAO, after fees and price impact)',
  'block',
] as const;

export function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export function positionsCsv(snapshot: Pick<Snapshot, 'subnets' | 'block'>, portfolios: readonly Portfolio[]): string {
  const subnetBy = new Map(snapshot.subnets.map((s) => [s.netuid, s]));
  const lines = [CSV_HEADER.map(csvCell).join(',')];
  for (const portfolio of portfolios) {
    for (const p of portfolio.positions) {
      const subnet = subnetBy.get(p.netuid);
      const unit = unitName(stakeUnit(p.netuid));
      lines.push(
        [
          p.coldkey,
          p.hotkey,
          p.netuid,
          subnet?.name ?? '',
          unit,
          formatExact(p.alpha),
          p.lockedAlpha === null ? 'unknown' : formatExact(p.lockedAlpha),
          subnet ? formatExact(subnet.priceRao) : '',
          formatExact(p.spotValueRao),
          p.exitValueRao === null ? 'not simulated' : formatExact(p.exitValueRao),
          snapshot.block.number,
        ]
          .map(csvCell)
          .join(','),
      );
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function csvFileName(blockNumber: number): string {
  return `taolens-positions-block-${blockNumber}.csv`;
}
