import type { Snapshot } from '@/lib/model/types';
import { noUsdNotice } from '@/lib/portfolio/status';
import { formatUsd } from '@/lib/units/amount';
import { Age } from './Age';

/** Where a figure comes from and how old it is: "chain · block #123 · ws://… · 12 s ago". */
export function SourceTag(props: { snapshot: Pick<Snapshot, 'block' | 'endpoint' | 'fetchedAt'>; what?: string; testId?: string }) {
  const { snapshot } = props;
  return (
    <p className="source" data-testid={props.testId}>
      {props.what ? `${props.what} · ` : ''}block #{snapshot.block.number} · <span className="endpoint">{snapshot.endpoint}</span> ·{' '}
      <Age at={snapshot.fetchedAt} />
    </p>
  );
}

/** The TAO/USD price behind every USD figure, or why there is none. */
export function UsdSource(props: { snapshot: Pick<Snapshot, 'taoUsd' | 'taoUsdReason'> }) {
  const { taoUsd, taoUsdReason } = props.snapshot;
  if (!taoUsd) {
    const notice = noUsdNotice(taoUsdReason);
    return (
      <p className="source" title={notice.detail ?? undefined} data-testid="no-usd">
        {notice.text}
      </p>
    );
  }
  return (
    <p className="source">
      USD at {formatUsd(taoUsd.usd)} per τ from {taoUsd.source} · as of <Age at={taoUsd.asOf} />
    </p>
  );
}
