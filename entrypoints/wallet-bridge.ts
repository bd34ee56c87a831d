import { runWalletBridge } from '@/lib/wallet/bridge';

// Unlisted: injected into the page's main world, the only place wallets inject `window.injectedWeb3`.
export default defineUnlistedScript(() => {
  runWalletBridge();
});
