/**
 * Content-script side of staking: mounts the panel (React in a closed shadow root) when asked by one
 * of our own cards (trusted stake intents), by the popup through the background, or by a
 * `#taolens-stake=stake|unstake` hash on a subnet page. Intents only open the panel; nothing is signed
 * until the user clicks the panel's own confirm button.
 */
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { StakePanel } from '../../components/staking/StakePanel';
import { PANEL_CSS } from '../../components/staking/styles';
import { onStakeIntent } from '../annotate/intents';
import { STAKE_OPEN_TAG, type StakeOpenMessage } from '../messaging/protocol';
import { createBridgeClient, type BridgeClient } from '../wallet/bridge-client';

const HASH = /(?:^#|&)taolens-stake=(stake|unstake|move)(?:&|$)/;

export interface PanelIntent {
  action: 'stake' | 'unstake' | 'move';
  netuid: number;
}

/** `#taolens-stake=stake` on `/subnets/64` → {action, netuid}; null when the hash or subnet is missing. */
export function intentFromLocation(pathname: string, hash: string): PanelIntent | null {
  const m = HASH.exec(hash);
  const n = /\/subnets\/(\d{1,5})(?:\/|$)/.exec(pathname) ?? /(?:^#|&)netuid=(\d{1,5})(?:&|$)/.exec(hash);
  if (!m || !n) return null;
  return { action: m[1] as PanelIntent['action'], netuid: Number(n[1]) };
}

let installed = false;

export function installStakingPanel(): void {
  if (installed) return;
  installed = true;
  let bridge: BridgeClient | null = null;
  let host: HTMLElement | null = null;
  let root: Root | null = null;

  const close = () => {
    root?.unmount();
    host?.remove();
    root = null;
    host = null;
  };

  const open = (intent: PanelIntent) => {
    if (!Number.isInteger(intent.netuid) || intent.netuid < 0 || !['stake', 'unstake', 'move'].includes(intent.action)) return;
    close();
    bridge ??= createBridgeClient();
    host = document.createElement('taolens-stake-panel');
    // Closed: page scripts cannot reach into the panel to read, change or click it.
    const shadow = host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = PANEL_CSS;
    const mount = document.createElement('div');
    shadow.append(style, mount);
    document.documentElement.append(host);
    root = createRoot(mount);
    root.render(createElement(StakePanel, { bridge, initial: intent, onClose: close, key: `${intent.action}-${intent.netuid}-${Date.now()}` }));
  };

  onStakeIntent(open);
  browser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse) => {
    const m = message as Partial<StakeOpenMessage> | null;
    if (!m || m.tag !== STAKE_OPEN_TAG || typeof m.netuid !== 'number' || !m.action) return false;
    open({ action: m.action, netuid: m.netuid });
    sendResponse({ ok: true });
    return false;
  });
  const fromLocation = () => {
    const intent = intentFromLocation(location.pathname, location.hash);
    if (intent) open(intent);
  };
  fromLocation();
  // The popup's route when it opened this page for the panel: `#taolens-stake=…` (read once above).
  window.addEventListener('hashchange', fromLocation);
}
