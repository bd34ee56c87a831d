/**
 * The popup's Stake / Unstake / Move → the staking panel. Extension pages cannot reach wallets, so the
 * background asks the active tab's content script to open the panel, or opens the subnet's taostats
 * page with a one-time route token (lib/staking/route-tokens.ts); then the popup closes so the page (and the wallet's window) is in front.
 */
import { request } from '../messaging/protocol';
import type { PanelIntent } from '../staking/types';

export async function openStakingPanel(intent: PanelIntent, closePopup: () => void = () => window.close()): Promise<void> {
  const r = await request({ type: 'staking/open', action: intent.action, netuid: intent.netuid });
  if (!r.ok) throw new Error(r.error);
  closePopup();
}
