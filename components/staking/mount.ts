/**
 * Content-script side of staking: opens the panel (in a closed shadow root) when asked by one of our own
 * cards (trusted stake intents) or by the popup through the background (a message to this tab, or a one-time
 * route token in a tab the background opened). Nothing a page can write (hash, message, DOM event) opens
 * it. Intents only open the panel; nothing is signed until the user clicks the panel's own
 * confirm button. The panel's code (React) is fetched from the extension on the first intent
 * (lib/background/stake-panel-loader.ts), so pages that never stake do not load it.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { onStakeIntent } from '@/lib/annotate/intents';
import { pageTheme } from '@/lib/annotate/theme';
import { request, STAKE_OPEN_TAG, type StakeOpenMessage } from '@/lib/messaging/protocol';
import { mountShadow, styleRoot } from '@/lib/page-ui/mount';
import { HOST_TOKENS_CSS } from '@/lib/page-ui/tokens';
import { frameBridgeClient } from '@/lib/wallet/bridge-client';
import { registeredRenderer, type PanelRenderer } from './renderer';
import { ROUTE_HASH } from '@/lib/staking/route-tokens';
import type { PanelIntent } from '@/lib/staking/types';

/**
 * Enough style for the one thing shown without the panel's code: a notice that it could not load. The panel's own
 * stylesheet and its clickjacking guard come with that code (./register.ts), so content scripts stay small.
 */
const NOTICE_CSS = `${HOST_TOKENS_CSS}:host{all:initial!important;position:fixed!important;top:16px!important;right:16px!important;z-index:2147483647!important}
div{max-width:340px;background:var(--bg);color:var(--fg);border:1px solid var(--line);border-radius:10px;padding:10px 12px;font:13px/1.4 system-ui,sans-serif}
button{margin-left:8px;font:inherit}`;

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
function loadFailure(root: ShadowRoot, reason: string, close: () => void): void {
  styleRoot(root, NOTICE_CSS); // the page's theme: the host carries it (mountShadow)
  const notice = document.createElement('div');
  notice.setAttribute('role', 'alert');
  notice.textContent = `TaoLens could not open the staking panel: ${reason.replace(/\.$/, '')}. Nothing was signed or sent.`;
  const dismiss = document.createElement('button');
  dismiss.type = 'button';
  dismiss.textContent = 'Close';
  dismiss.addEventListener('click', close);
  notice.append(dismiss);
  root.append(notice);
}

/** Listens for stake intents until WXT invalidates `ctx` (an updated extension): then the panel closes and stops. */
export function installStakingPanel(ctx: ContentScriptContext): void {
  if (installed) return;
  installed = true;
  let host: HTMLElement | null = null;
  let unmount: (() => void) | null = null;

  const close = () => {
    unmount?.();
    host?.remove();
    unmount = null;
    host = null;
  };

  const open = (intent: PanelIntent) => {
    if (!ctx.isValid) return;
    if (!Number.isInteger(intent.netuid) || intent.netuid < 0 || !['stake', 'unstake', 'move'].includes(intent.action)) return;
    close();
    const panelHost = document.createElement('taolens-stake-panel');
    // Closed: page scripts cannot reach into the panel to read, change or click it.
    const root = mountShadow(panelHost, { theme: pageTheme(document) });
    host = panelHost;
    document.documentElement.append(panelHost);
    // Each open makes a new host: if it is no longer the one in the page, another open or a close came first.
    panelRenderer().then(
      (render) => {
        if (host === panelHost) unmount = render(panelHost, root, { bridge: frameBridgeClient(), initial: intent, onClose: close });
      },
      (err: unknown) => {
        if (host === panelHost) loadFailure(root, err instanceof Error ? err.message : String(err), close);
      },
    );
  };

  onStakeIntent(open);
  const onMessage = (message: unknown, _sender: unknown, sendResponse: (r: unknown) => void) => {
    const m = message as Partial<StakeOpenMessage> | null;
    if (!m || m.tag !== STAKE_OPEN_TAG || typeof m.netuid !== 'number' || !m.action) return false;
    open({ action: m.action, netuid: m.netuid });
    sendResponse({ ok: true });
    return false;
  };
  browser.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => {
    browser.runtime.onMessage.removeListener(onMessage);
    close();
  });
  // The popup's route into a tab the background opened: redeemed once, by this tab only; then out of the URL.
  const route = ROUTE_HASH.exec(location.hash);
  if (route) {
    history.replaceState(history.state, '', location.pathname + location.search);
    void request({ type: 'staking/redeem-route', token: route[1]! }).then((r) => r.ok && r.value && open(r.value));
  }
}
