/**
 * What every site's content script does: annotate while the site's switch is on (settings, live), with
 * figures from the background. One call per content script.
 */
import type { SiteAdapter } from '../sites/types';
import { readSettings, settingsItem } from '../storage/settings';
import { request } from '../messaging/protocol';
import { createBridgeClient } from '../wallet/bridge-client';
import { startAnnotating } from './engine';
import { onConnectWallet } from './intents';
import { createAnnotationData } from './summaries';

export async function runSite(adapter: SiteAdapter): Promise<void> {
  const bridge = createBridgeClient();
  // Accounts the user's wallet shows us are remembered for the popup (names and wallet as reported).
  onConnectWallet(async () => {
    try {
      const accounts = await bridge.accounts();
      if (!accounts.length) return 'Your wallet shared no accounts with this site.';
      const saved = await request({ type: 'accounts/from-wallet', accounts });
      return saved.ok ? `Connected ${accounts.length} account${accounts.length === 1 ? '' : 's'}: open TaoLens to see them.` : saved.error;
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
