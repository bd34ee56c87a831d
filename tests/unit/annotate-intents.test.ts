import { describe, expect, it } from 'vitest';
import { STAKE_INTENT_EVENT, emitStakeIntent, isOwnStakeIntent, onStakeIntent, type StakeIntent } from '@/lib/annotate/intents';

const trusted = { isTrusted: true } as Event;
const synthetic = { isTrusted: false } as Event;

describe('stake intents (the hook the staking flow listens to)', () => {
  it('dispatches taolens:stake-intent {action, netuid} for a trusted click, and onStakeIntent hears it', () => {
    const host = new EventTarget();
    const heard: StakeIntent[] = [];
    const raw: Event[] = [];
    host.addEventListener(STAKE_INTENT_EVENT, (e) => raw.push(e));
    const stop = onStakeIntent((i) => heard.push(i), host);
    expect(emitStakeIntent(host, { action: 'unstake', netuid: 64 }, trusted)).toBe(true);
    expect(heard).toEqual([{ action: 'unstake', netuid: 64 }]);
    expect(raw[0]).toBeInstanceOf(CustomEvent);
    expect(isOwnStakeIntent(raw[0]!)).toBe(true);
    stop();
    emitStakeIntent(host, { action: 'stake', netuid: 1 }, trusted);
    expect(heard).toHaveLength(1);
  });

  it('ignores synthetic clicks and events forged by the page', () => {
    const host = new EventTarget();
    const heard: StakeIntent[] = [];
    onStakeIntent((i) => heard.push(i), host);
    expect(emitStakeIntent(host, { action: 'stake', netuid: 64 }, synthetic)).toBe(false);
    const forged = new CustomEvent(STAKE_INTENT_EVENT, { detail: { action: 'stake', netuid: 64 } });
    host.dispatchEvent(forged);
    expect(isOwnStakeIntent(forged)).toBe(false);
    expect(heard).toEqual([]);
  });
});
