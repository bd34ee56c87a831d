import { runWalletBridge } from '@/lib/wallet/bridge';
import { SITE_MATCHES } from '@/lib/sites/registry';

// The page's main world (where wallets inject), before any page script: see lib/wallet/protocol.ts.
export default defineContentScript({
  matches: SITE_MATCHES,
  world: 'MAIN',
  runAt: 'document_start',
  main: () => runWalletBridge(),
});
