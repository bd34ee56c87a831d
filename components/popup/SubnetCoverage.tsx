import { useEffect, useMemo } from 'react';
import type { DailyValues } from '@/lib/network/chart';
import { useNetworkStore } from '@/lib/store/network-store';
import { CoverageChart } from './CoverageChart';

/** A subnet's revenue vs subsidy and coverage, from its daily points (kept for held, watched or alerted subnets). */
export function SubnetCoverage(props: { netuid: number; now: number }) {
  const entry = useNetworkStore((s) => s.subnets[props.netuid]);
  const load = useNetworkStore((s) => s.loadSubnet);
  useEffect(() => {
    void load(props.netuid);
  }, [load, props.netuid]);
  const points = useMemo<DailyValues[]>(
    () => (entry?.points ?? []).map((p) => ({ d: p.d, revenueUsd: p.rev, subsidyUsd: p.subUsd, coverage: p.cov, backfilled: p.bf === 1 })),
    [entry],
  );
  const last = entry?.points.at(-1);
  const sources = [...new Set((entry?.points ?? []).flatMap((p) => (p.src ? [p.src] : [])))];
  return (
    <CoverageChart
      entry={entry}
      points={points}
      now={last ? Math.max(last.at, props.now) : props.now}
      what={`SN${props.netuid}${sources.length ? `, revenue from ${sources.join(', ')}` : ''}; kept for subnets you hold, watch or set an alert on`}
      testId="subnet-coverage-chart"
    />
  );
}
