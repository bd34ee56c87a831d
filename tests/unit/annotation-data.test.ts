import { describe, expect, it } from 'vitest';
import { createAnnotationData } from '@/lib/annotate/summaries';
import { pageMentions } from '@/lib/annotate/mentions-dom';
import { taostatsAdapter } from '@/lib/sites/taostats';
import { taomarketcapAdapter } from '@/lib/sites/taomarketcap';
import { xAdapter } from '@/lib/sites/x';
import type { SubnetSummary, SummariesView } from '@/lib/messaging/protocol';

const subnet = (netuid: number, name: string): SubnetSummary =>
  ({ netuid, name, symbol: `S${netuid}`, priceRao: 1n, taoInPoolRao: 1n, marketCapRao: 1n, taoInjectedPerDayRao: 1n, alphaEmittedPerDay: 0n, change24hPct: null, tradingStarted: true, sameNameAs: [], economics: null }) as SubnetSummary;
const view = (subnets: SubnetSummary[]): SummariesView =>
  ({ subnets, block: null, fetchedAt: null, connection: { state: 'live' }, taoUsd: null, taoUsdReason: null, sources: [], holdings: [] }) as unknown as SummariesView;

/** A port stand-in the test pushes views into. */
function feed() {
  let push: (v: SummariesView) => void = () => {};
  return { source: (cb: (v: SummariesView) => void) => ((push = cb), () => {}), push: (v: SummariesView) => push(v) };
}

describe('a content script’s figures', () => {
  it('only the sites that mark mentions carry the detector (content scripts stay small)', () => {
    expect(xAdapter.mentions).toBe(pageMentions);
    expect(taostatsAdapter.mentions).toBeUndefined();
    expect(taomarketcapAdapter.mentions).toBeUndefined();
  });

  it('builds a mention index only with the site’s mention marking, and still says when the subnets changed', () => {
    for (const mentions of [undefined, pageMentions]) {
      const f = feed();
      const data = createAnnotationData(f.source, mentions);
      const changes: boolean[] = [];
      data.onChange((changed) => changes.push(changed));
      f.push(view([subnet(64, 'Chutes')]));
      f.push(view([subnet(64, 'Chutes')]));
      f.push(view([subnet(64, 'Chutes'), subnet(1, 'Apex')]));
      expect(changes).toEqual([true, false, true]);
      expect(data.summary(1)?.name).toBe('Apex');
      expect(data.mentionIndex() === null).toBe(mentions === undefined);
      if (mentions) expect([...data.mentionIndex()!.netuids].sort()).toEqual([1, 64]);
    }
  });
});
