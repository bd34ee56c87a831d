/**
 * Stake / Unstake from a card: the hook the staking flow listens to.
 *
 * The card's buttons dispatch a DOM `CustomEvent` named `taolens:stake-intent` with
 * `detail: { action: 'stake' | 'unstake', netuid: number }` on the card's host element
 * (`taolens-card` or `taolens-summary`); it bubbles and is composed, so a listener on `document`
 * or `window` in the content script hears it.
 *
 * The page shares the DOM, so a page script could dispatch an event of the same name. Listen with
 * `onStakeIntent` to receive only the events our own buttons dispatched after a real click
 * (checked against a private set of event objects the page cannot reach).
 */
export const STAKE_INTENT_EVENT = 'taolens:stake-intent';

export interface StakeIntent {
  action: 'stake' | 'unstake';
  netuid: number;
}

const ours = new WeakSet<Event>();

/** From a trusted click on one of our buttons: dispatches the intent on `host`. */
export function emitStakeIntent(host: EventTarget, intent: StakeIntent, gesture: Event): boolean {
  if (!gesture.isTrusted) return false;
  const event = new CustomEvent<StakeIntent>(STAKE_INTENT_EVENT, {
    detail: { action: intent.action, netuid: intent.netuid },
    bubbles: true,
    composed: true,
  });
  ours.add(event);
  host.dispatchEvent(event);
  return true;
}

/** True for an intent event that our own card dispatched (not one forged by the page). */
export function isOwnStakeIntent(event: Event): event is CustomEvent<StakeIntent> {
  return ours.has(event);
}

/** Listens on `target` (default: the document) for our own stake intents only. */
export function onStakeIntent(cb: (intent: StakeIntent) => void, target: EventTarget = document): () => void {
  const listener = (event: Event) => {
    if (isOwnStakeIntent(event)) cb(event.detail);
  };
  target.addEventListener(STAKE_INTENT_EVENT, listener);
  return () => target.removeEventListener(STAKE_INTENT_EVENT, listener);
}

/** "Connect wallet" from a card: the content script asks the wallet bridge for accounts. */
let connectHandler: (() => Promise<string>) | null = null;

export function onConnectWallet(handler: (() => Promise<string>) | null): void {
  connectHandler = handler;
}

/** Runs the connect handler for a trusted click; resolves to a status line for the user. */
export async function connectWallet(event: Event): Promise<string> {
  if (!event.isTrusted || !connectHandler) return 'Wallet connection is not available here.';
  return connectHandler();
}
