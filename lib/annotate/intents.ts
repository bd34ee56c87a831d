/**
 * Stake / unstake intents from our own UI (cards, summaries). An in-memory bus inside the content
 * script's isolated world: page scripts cannot reach it, so they cannot start or forge an intent.
 */
export interface StakeIntent {
  action: 'stake' | 'unstake';
  netuid: number;
}

const listeners = new Set<(intent: StakeIntent) => void>();

export function onStakeIntent(cb: (intent: StakeIntent) => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

/** Only a trusted user gesture in our own shadow DOM may emit an intent. */
export function emitStakeIntent(intent: StakeIntent, event: Event): boolean {
  if (!event.isTrusted) return false;
  for (const cb of listeners) cb(intent);
  return true;
}

export function hasStakeHandler(): boolean {
  return listeners.size > 0;
}
