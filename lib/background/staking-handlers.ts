/**
 * The staking requests of the message protocol, served by one staking service on the chain service's live
 * session, and the popup's route into a page's staking panel (a message to the active tab, else a new tab
 * with a one-time token).
 */
import { browser } from 'wxt/browser';
import type { ChainSession } from '../chain/session';
import type { Validator } from '../model/types';
import { StakingError } from '../staking/errors';
import { panelOrder } from '../staking/panel-order';
import { createRouteTokens } from '../staking/route-tokens';
import type { PanelIntent } from '../staking/types';
import { defaultSettings, readSettings, watchSettings } from '../storage/settings';
import { STAKE_OPEN_TAG, type Handlers, type StakeOpenMessage } from '../messaging/protocol';
import { createStakingService, type StakingSettings } from './staking-service';
import { createTxNotifier } from './tx-notifications';

type StakingRequests = 'stake/context' | 'stake/panel-order' | 'stake/quote' | 'stake/build' | 'stake/submit-signed' | 'stake/holders' | 'tx/list' | 'staking/open' | 'staking/redeem-route';

export function stakingHandlers(
  chain: Promise<{ liveSession(): ChainSession | null; validators(): Promise<Validator[]> }>,
  onVerifiedSigner?: (address: string) => void,
): Pick<Handlers, StakingRequests> {
  let settings: StakingSettings = { slippageBps: defaultSettings.slippageBps, mevShieldMinRao: defaultSettings.mevShieldMinRao };
  void readSettings().then((s) => (settings = s));
  watchSettings((s) => (settings = s));
  // Registered now, not after the chain is up: a click on a notification can be what wakes the worker.
  const notify = createTxNotifier();
  const service = chain.then((c) => {
    const svc = createStakingService({ session: () => c.liveSession(), settings: () => settings, validators: () => c.validators(), onChange: notify, onVerifiedSigner });
    // A restarted worker picks up whatever it journaled before it stopped (once the chain is live).
    const resumeWhenLive = (tries = 0) => {
      if (c.liveSession()) void svc.resume();
      else if (tries < 60) setTimeout(() => resumeWhenLive(tries + 1), 1000);
    };
    resumeWhenLive();
    return svc;
  });
  return {
    'stake/context': async ({ address, netuid }) => (await service).context(address, netuid),
    // Pure and immediate (no chain, no waiting for the service): the panel asks on every change of its form.
    'stake/panel-order': async ({ form, facts, spotPrice }) => panelOrder(form, facts, spotPrice),
    'stake/quote': async ({ order }) => (await service).quote(order),
    'stake/build': async ({ order }) => (await service).build(order),
    'stake/submit-signed': async ({ id, signature }) => (await service).submitSigned(id, signature),
    'stake/holders': async ({ addresses, netuid }) => (await service).holders(addresses, netuid),
    'tx/list': async () => (await service).list(),
    'staking/open': async ({ action, netuid }) => openStakingPanel({ action, netuid }),
    'staking/redeem-route': async ({ token }, sender) => routeTokens.redeem(token, sender.tab?.id),
  };
}

const routeTokens = createRouteTokens();

/** Opens the panel in the active tab's content script; where there is none, the subnet's taostats page with the panel open. */
export async function openStakingPanel({ action, netuid }: PanelIntent): Promise<{ opened: 'tab' | 'new-tab' }> {
  if (!Number.isInteger(netuid) || netuid < 0 || netuid > 65535) throw new StakingError('not a subnet number');
  if (action !== 'stake' && action !== 'unstake' && action !== 'move') throw new StakingError('unknown staking action');
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (tab?.id !== undefined) {
    const message: StakeOpenMessage = { tag: STAKE_OPEN_TAG, action, netuid };
    const answered = await browser.tabs.sendMessage(tab.id, message).catch(() => null);
    if (answered && (answered as { ok?: boolean }).ok) return { opened: 'tab' };
  }
  // No intent in the URL: a one-time token only the new tab's content script can redeem (a page cannot forge one).
  const token = routeTokens.issue({ action, netuid }, crypto.randomUUID());
  const created = await browser.tabs.create({ url: `https://taostats.io/subnets/${netuid}#taolens-route=${token}` });
  if (created.id !== undefined) routeTokens.bind(token, created.id);
  return { opened: 'new-tab' };
}
