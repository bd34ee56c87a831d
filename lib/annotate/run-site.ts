/**
 * What every site's content script does: annotate while the site's switch is on (settings, live), with
 * figures from the background, until WXT invalidates the script's context (the extension was updated, reloaded or
 * removed): then everything it put in the page goes and nothing of it keeps running. One call per content script.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { SiteAdapter } from '../sites/common';
import { site } from '../sites/registry';
import { watchSiteSwitch } from '../storage/site-switch';
import { PORT_SUMMARIES, request, subscribe, type SummariesView } from '../messaging/protocol';
import { frameBridgeClient } from '../wallet/bridge-client';
import { startAnnotating } from './engine';
import { onConnectWallet } from './intents';
import { removeAllMounts } from '../page-ui/mount';
import { createAnnotationData } from './summaries';

export function runSite(ctx: ContentScriptContext, adapter: SiteAdapter): void {
  const bridge = frameBridgeClient();
  // Accounts the wallet lists are remembered watch-only; each becomes a wallet account once it signs the
  // background's one-time check (a text that says what it is for and cannot be a transaction).
  onConnectWallet(async () => {
    try {
      const accounts = (await bridge.accounts()).slice(0, 8);
      if (!accounts.length) return 'Your wallet shared no accounts with this site.';
      const saved = await request({ type: 'accounts/from-wallet', accounts });
      if (!saved.ok) return saved.error;
      let proven = 0;
      for (const a of accounts) {
        const challenge = await request({ type: 'accounts/challenge', address: a.address });
        if (!challenge.ok) continue;
        const signature = await bridge.signChallenge(challenge.value.id, a.wallet, a.address, challenge.value.text).catch(() => null);
        if (!signature) continue;
        const proved = await request({ type: 'accounts/prove', id: challenge.value.id, signature, name: a.name, wallet: a.wallet });
        if (proved.ok) proven++;
      }
      const watchOnly = accounts.length - proven;
      const plural = (n: number) => (n === 1 ? '' : 's');
      return (
        `Connected ${proven} wallet account${plural(proven)}` +
        (watchOnly ? `; ${watchOnly} kept watch-only (not signed for)` : '') +
        ': open TaoLens to see them.'
      );
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  });
  // The live figures. A port that drops is either a worker restart (reconnect) or this context's end: asking
  // `ctx.isInvalid` finds out (WXT checks the runtime) and fires `onInvalidated` in the second case.
  const figures = (cb: (view: SummariesView) => void) => subscribe(PORT_SUMMARIES, cb, () => ctx.isValid);
  const staking = site(adapter.id).staking;
  let stop: (() => void) | null = null;
  const apply = (on: boolean) => {
    if (on && !stop && ctx.isValid) {
      const data = createAnnotationData(figures, adapter.mentions);
      const stopEngine = startAnnotating(adapter, data, { staking });
      stop = () => {
        stopEngine();
        data.stop();
      };
    } else if (!on && stop) {
      stop();
      stop = null;
    }
  };
  const unwatch = watchSiteSwitch(adapter.id, apply);
  ctx.onInvalidated(() => {
    unwatch();
    apply(false);
    onConnectWallet(null);
    removeAllMounts();
  });
}
