/** The page-world half of the wallet bridge: lists accounts and signs payloads, nothing more. */
export function runWalletBridge(): void {
  document.documentElement.dataset.taolensBridge = 'ready';
}
