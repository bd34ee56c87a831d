import { runWalletBridge } from '@/lib/wallet/bridge';
import { STAKING_SITE_MATCHES } from '@/lib/wallet/sites';

// The page's main world (where wallets inject), before any page script: see lib/wallet/protocol.ts.
export default defineContentScript({
  matches: STAKING_SITE_MATCHES,
  world: 'MAIN',
  runAt: 'document_start',
  main: () => runWalletBridge(),
});
