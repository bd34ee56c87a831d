/** Wires the background services together and answers the UIs' requests. */
import { u8aWrapBytes } from '@polkadot/util';
import { signatureVerify } from '@polkadot/util-crypto';
import { normalizeAddress } from '../accounts/address';
import { createAccountProofs } from '../accounts/proofs';
import { serveRequests } from '../messaging/protocol';
import { mergeAccounts, type AccountEntry } from '../storage/accounts';
import { startChainService } from './chain-service';
import { openView } from './network-wiring';
import { loadStakePanel } from './stake-panel-loader';
import { stakingHandlers } from './staking-handlers';

export function startBackground(): void {
  const ready = startChainService();
  const proofs = createAccountProofs({
    verify: (text, signature, address) => {
      try {
        return signatureVerify(u8aWrapBytes(text), signature, address).isValid;
      } catch {
        return false;
      }
    },
    randomHex: () => [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join(''),
    newId: () => crypto.randomUUID(),
  });
  const remember = async (entries: AccountEntry[]) => {
    const chain = await ready;
    return chain.setAccounts(mergeAccounts(chain.accounts(), entries));
  };

  serveRequests({
    ...stakingHandlers(ready, (address) => proofs.markVerified(address)),
    'staking/load-panel': async (_req, sender) => loadStakePanel(sender),
    'popup/get': async () => (await ready).popupView(),
    'summaries/get': async () => (await ready).summariesView(),
    'price-history/get': async ({ netuid }) => (await ready).history(netuid),
    'network/history': async ({ of }) => (await ready).networkHistory(of === 'network' ? 'network' : Number(of)),
    'network/open': async () => {
      await openView('network');
      return null;
    },
    'accounts/add-watch': async ({ address }) => {
      const checked = normalizeAddress(address);
      if (!checked.ok) throw new Error(checked.error);
      const chain = await ready;
      return chain.setAccounts(
        mergeAccounts(chain.accounts(), [{ address: checked.address, name: null, wallet: null, addedAt: Date.now() }]),
      );
    },
    'accounts/remove': async ({ address }) => {
      const chain = await ready;
      return chain.setAccounts(chain.accounts().filter((a) => a.address !== address));
    },
    'accounts/select': async ({ addresses }) => (await ready).select(addresses),
    // A wallet's list alone proves nothing (whatever answered may have made it up): an account is a wallet
    // account once its signature was verified here; until then it is watch-only, without the name it came with.
    'accounts/from-wallet': async ({ accounts }) => {
      const known = new Set((await ready).accounts().filter((a) => a.wallet !== null).map((a) => a.address));
      return remember(
        accounts.flatMap((a) => {
          const checked = normalizeAddress(a.address);
          if (!checked.ok) return [];
          const proven = proofs.isVerified(checked.address) || known.has(checked.address);
          return [{ address: checked.address, name: proven ? a.name : null, wallet: proven ? a.wallet : null, addedAt: Date.now() }];
        }),
      );
    },
    'accounts/challenge': async ({ address }, sender) => {
      const checked = normalizeAddress(address);
      if (!checked.ok) throw new Error(checked.error);
      const host = sender.url ? new URL(sender.url).hostname : 'this site';
      return proofs.issue(checked.address, host);
    },
    'accounts/prove': async ({ id, signature, name, wallet }) => {
      const address = proofs.prove(id, signature);
      if (!address) throw new Error('the wallet did not sign the account check, so the account stays watch-only');
      return remember([{ address, name, wallet, addedAt: Date.now() }]);
    },
    'validators/get': async () => (await ready).validators(),
    'connection/retry': async () => {
      (await ready).retry();
      return null;
    },
  });
}
