/**
 * What every site's content script does: annotate while the site's switch is on (settings, live), with
 * figures from the background. One call per content script.
 */
import type { SiteAdapter } from '../sites/types';
import { readSettings, settingsItem } from '../storage/settings';
import { request } from '../messaging/protocol';
import { frameBridgeClient } from '../wallet/bridge-client';
import { startAnnotating } from './engine';
import { onConnectWallet } from './intents';
import { createAnnotationData } from './summaries';

export async function runSite(adapter: SiteAdapter): Promise<void> {
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
  let stop: (() => void) | null = null;
  const apply = (on: boolean) => {
    if (on && !stop) {
      const data = createAnnotationData();
      const stopEngine = startAnnotating(adapter, data);
      stop = () => {
        stopEngine();
        data.stop();
      };
    } else if (!on && stop) {
      stop();
      stop = null;
    }
  };
  apply((await readSettings()).sites[adapter.id]);
  settingsItem.watch((next) => apply(next?.sites?.[adapter.id] ?? true));
}
