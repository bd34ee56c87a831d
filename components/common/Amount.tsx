import { formatAmount, formatExact, formatUsd, unitName, type Unit } from '@/lib/units/amount';

declare module 'react' {
  // Merged into React's own declaration, whose type parameter it must repeat.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface HTMLAttributes<T> {
    /** Element Timing: the browser reports when this element's text is first painted. */
    elementtiming?: string;
  }
}

/** An amount with its unit; the exact value (all 9 decimals) is the title. Formatting is lib/units' alone. */
/** `timing` names the figure for Element Timing (the popup benchmark measures when it is painted). */
export function Amount(props: {
  value: bigint;
  unit: Unit;
  maxFractionDigits?: number;
  compact?: boolean;
  sign?: boolean;
  testId?: string;
  timing?: string;
}) {
  const { value, unit } = props;
  const text = formatAmount(value, { unit, maxFractionDigits: props.maxFractionDigits ?? 4, compact: props.compact, sign: props.sign });
  return (
    <span className="amount" title={`${formatExact(value)} ${unitName(unit)}`} data-testid={props.testId} data-exact={formatExact(value)} elementtiming={props.timing}>
      {unit === 'TAO' ? text : <bdi>{text}</bdi>}
    </span>
  );
}

/** A USD estimate, or nothing when there is no current TAO/USD price (never a stale one). */
export function Usd(props: { usd: number | null; compact?: boolean; testId?: string }) {
  if (props.usd === null) return null;
  return (
    <span className="usd" data-testid={props.testId} title="estimate: amount × current TAO/USD">
      {formatUsd(props.usd, { compact: props.compact })}
    </span>
  );
}
