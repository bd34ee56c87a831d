/**
 * Content-script side of staking: opens the panel (in a closed shadow root) when asked by one of our own
 * cards (trusted stake intents) or by the popup through the background (a message to this tab, or a one-time
 * route token in a tab the background opened). Nothing a page can write (hash, message, DOM event) opens
 * it. Intents only open the panel; nothing is signed until the user clicks the panel's own
 * confirm button. The panel's code (React) is fetched from the extension on the first intent
 * (lib/background/stake-panel-loader.ts), so pages that never stake do not load it.
 */
import { browser } from 'wxt/browser';
import { onStakeIntent } from '@/lib/annotate/intents';
import { PANEL_CSS } from './styles';
import { pageTheme } from '@/lib/annotate/theme';
import { request, STAKE_OPEN_TAG, type StakeOpenMessage } from '@/lib/messaging/protocol';
import { frameBridgeClient } from '@/lib/wallet/bridge-client';
import { registeredRenderer, type PanelRenderer } from './renderer';
import { ROUTE_HASH } from '@/lib/staking/route-tokens';
import type { PanelIntent } from '@/lib/staking/types';
import { createPanelGuard, type PanelGuard } from './panel-guard';


let installed = false;
let loading: Promise<PanelRenderer> | null = null;

/** The panel's renderer, loading its code into this frame the first time. */
function panelRenderer(): Promise<PanelRenderer> {
  const ready = registeredRenderer();
  if (ready) return Promise.resolve(ready);
  loading ??= request({ type: 'staking/load-panel' }).then((res) => {
    const loaded = registeredRenderer();
    if (loaded) return loaded;
    loading = null; // a later click tries again
    throw new Error(res.ok ? 'its code did not register' : res.error);
  });
  return loading;
}

/** Failing to load the panel must not look like a dead button: say so where the panel would have been. */
function loadFailure(mount: HTMLElement, reason: string, close: () => void): void {
  const notice = document.createElement('div');
  notice.className = 'panel';
  notice.setAttribute('role', 'alert');
  notice.textContent = `TaoLens could not open the staking panel: ${reason.replace(/\.$/, '')}. Nothing was signed or sent.`;
  const dismiss = document.createElement('button');
  dismiss.type = 'button';
  dismiss.className = 'narrow';
  dismiss.textContent = 'Close';
  dismiss.addEventListener('click', close);
  notice.append(dismiss);
  mount.append(notice);
}

export function installStakingPanel(): void {
  if (installed) return;
  installed = true;
  let host: HTMLElement | null = null;
  let unmount: (() => void) | null = null;
  let guard: PanelGuard | null = null;

  const close = () => {
    unmount?.();
    guard?.stop();
    host?.remove();
    unmount = null;
    guard = null;
    host = null;
  };

  const open = (intent: PanelIntent) => {
    if (!Number.isInteger(intent.netuid) || intent.netuid < 0 || !['stake', 'unstake', 'move'].includes(intent.action)) return;
    close();
    const panelHost = document.createElement('taolens-stake-panel');
    panelHost.dataset.theme = pageTheme(document);
    host = panelHost;
    // Closed: page scripts cannot reach into the panel to read, change or click it.
    const shadow = panelHost.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = PANEL_CSS;
    const mount = document.createElement('div');
    shadow.append(style, mount);
    document.documentElement.append(panelHost);
    const withGuard = (guard = createPanelGuard(panelHost, mount));
    // Each open makes a new host: if it is no longer the one in the page, another open or a close came first.
    panelRenderer().then(
      (render) => {
        if (host === panelHost) unmount = render(mount, { bridge: frameBridgeClient(), guard: withGuard, initial: intent, onClose: close });
      },
      (err: unknown) => {
        if (host === panelHost) loadFailure(mount, err instanceof Error ? err.message : String(err), close);
      },
    );
  };

  onStakeIntent(open);
  browser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse) => {
    const m = message as Partial<StakeOpenMessage> | null;
    if (!m || m.tag !== STAKE_OPEN_TAG || typeof m.netuid !== 'number' || !m.action) return false;
    open({ action: m.action, netuid: m.netuid });
    sendResponse({ ok: true });
    return false;
  });
  // The popup's route into a tab the background opened: redeemed once, by this tab only; then out of the URL.
  const route = ROUTE_HASH.exec(location.hash);
  if (route) {
    history.replaceState(history.state, '', location.pathname + location.search);
    void request({ type: 'staking/redeem-route', token: route[1]! }).then((r) => r.ok && r.value && open(r.value));
  }
}
