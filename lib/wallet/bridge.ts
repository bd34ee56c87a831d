/**
 * The page-world half of the wallet bridge (injected as wallet-bridge.js): lists accounts and signs
 * payloads through @polkadot/extension-dapp, nothing more. It never builds or submits a transaction.
 */
import { web3Accounts, web3Enable, web3FromAddress } from '@polkadot/extension-dapp';
import { BRIDGE_TAG, isBridgeRequest, toWalletAccounts, type BridgeReply } from './protocol';

export function runWalletBridge(): void {
  const channel = (document.currentScript as HTMLScriptElement | null)?.dataset.channel;
  if (!channel) return;
  let enabled: Promise<unknown> | null = null;
  const enable = () => (enabled ??= web3Enable('TaoLens'));

  window.addEventListener('message', async (event) => {
    if (event.source !== window || !isBridgeRequest(event.data, channel)) return;
    const req = event.data;
    const reply = (body: { ok: true; value: unknown } | { ok: false; error: string }) =>
      window.postMessage({ tag: BRIDGE_TAG, channel, id: req.id, reply: true, ...body } satisfies BridgeReply, window.location.origin);
    try {
      const extensions = (await enable()) as unknown[];
      if (!extensions.length) {
        reply({ ok: false, error: 'No wallet answered: install or unlock Polkadot.js, Talisman, SubWallet or Bittensor Wallet, and allow this site.' });
        return;
      }
      if (req.kind === 'accounts') {
        reply({ ok: true, value: toWalletAccounts(await web3Accounts({ ss58Format: 42 })) });
      } else {
        const injector = await web3FromAddress(req.payload.address);
        if (!injector.signer.signPayload) throw new Error('this wallet cannot sign transaction payloads');
        const { signature } = await injector.signer.signPayload(req.payload as never);
        reply({ ok: true, value: signature });
      }
    } catch (err) {
      reply({ ok: false, error: err instanceof Error ? err.message : String(err) });
    }
  });
  document.documentElement.dataset.taolensBridge = 'ready';
}
