/**
 * The `$TAO` card's network line: the network's coverage today (1 d, over the observed subnets) and its 30-day
 * trend, in one row, with a button that opens the popup's network view. Pure except `openNetworkView`.
 */
import type { NetworkLine } from '../background/network-service';
import { request } from '../messaging/protocol';
import { formatPercent } from '../units/amount';
import type { CardRow } from './card-row';

export function networkRow(line: NetworkLine | null | undefined): CardRow | null {
  if (!line) return null;
  const today = line.coverage === null ? 'not observed' : `${formatPercent(line.coverage, { maxFractionDigits: 1 })} today`;
  let trend = '30 d trend: not enough days recorded yet';
  if (line.trend) {
    const pts = (line.trend.toCoverage - line.trend.fromCoverage) * 100;
    const arrow = pts > 0.05 ? '↑' : pts < -0.05 ? '↓' : '→';
    trend = `${arrow} from ${formatPercent(line.trend.fromCoverage, { maxFractionDigits: 1 })} on ${line.trend.fromDay} (${pts >= 0 ? '+' : '−'}${Math.abs(pts).toFixed(1)} pts)`;
  }
  return {
    label: 'Network coverage',
    value: `${today} · ${trend}`,
    source: `revenue ÷ subsidy, 1 d, over ${line.observed} of ${line.total} subnets observed; TaoLens daily history`,
    detail: 'Outside revenue observed ÷ the subsidy paid to the same subnets. Subnets with no observed revenue are left out, not counted as 0.',
    opens: 'network',
  };
}

/** A trusted click on the line's button: the worker opens the popup (or its page) on the network view. */
export function openNetworkView(event: Event): void {
  if (!event.isTrusted) return;
  void request({ type: 'network/open' });
}
