/**
 * The content script's copy of the background's subnet summaries (live over a port), with the mention
 * index rebuilt only when the set of subnets, names or symbols changes.
 */
import type { MentionIndex } from '../mentions/detect';
import { PORT_SUMMARIES, subscribe, type SubnetSummary, type SummariesView } from '../messaging/protocol';
import type { MentionMarking } from '../sites/common';

export interface AnnotationData {
  view(): SummariesView | null;
  summary(netuid: number): SubnetSummary | undefined;
  mentionIndex(): MentionIndex | null;
  /** `subnetsChanged`: the mention index was rebuilt (names, symbols or netuids changed). */
  onChange(cb: (subnetsChanged: boolean) => void): () => void;
}

/** `mentions`: the site's mention marking, if it marks mentions (else no index is built). */
export function createAnnotationData(
  source: (cb: (v: SummariesView) => void) => () => void = (cb) => subscribe(PORT_SUMMARIES, cb),
  mentions?: MentionMarking,
) {
  let view: SummariesView | null = null;
  let byNetuid = new Map<number, SubnetSummary>();
  let index: MentionIndex | null = null;
  let indexKey = '';
  const listeners = new Set<(subnetsChanged: boolean) => void>();
  const stop = source((next) => {
    view = next;
    byNetuid = new Map(next.subnets.map((s) => [s.netuid, s]));
    const key = next.subnets.map((s) => `${s.netuid}\u0000${s.name}\u0000${s.symbol}`).join('\u0001');
    const changed = key !== indexKey;
    if (changed) {
      indexKey = key;
      index = mentions && next.subnets.length ? mentions.index({ subnets: next.subnets }) : null;
    }
    for (const cb of listeners) cb(changed);
  });
  const data: AnnotationData & { stop(): void } = {
    view: () => view,
    summary: (netuid) => byNetuid.get(netuid),
    mentionIndex: () => index,
    onChange(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    stop,
  };
  return data;
}
