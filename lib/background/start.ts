/** Wires the background services together and answers the UIs' requests. */
import { normalizeAddress } from '../accounts/address';
import { serveRequests } from '../messaging/protocol';
import { mergeAccounts } from '../storage/accounts';
import { startChainService } from './chain-service';
import { openView } from './network-wiring';
import { loadStakePanel } from './stake-panel-loader';
import { stakingHandlers } from './staking-service';

export function startBackground(): void {
  const ready = startChainService();

  serveRequests({
    ...stakingHandlers(ready),
    'staking/load-panel': async (_req, sender) => loadStakePanel(sender),
    'popup/get': async () => (await ready).popupView(),
    'summaries/get': async () => (await ready).summariesView(),
    'history/get': async ({ netuid }) => (await ready).history(netuid),
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
    'accounts/from-wallet': async ({ accounts }) => {
      const chain = await ready;
      const valid = accounts.flatMap((a) => {
        const checked = normalizeAddress(a.address);
        return checked.ok ? [{ address: checked.address, name: a.name, wallet: a.wallet, addedAt: Date.now() }] : [];
      });
      return chain.setAccounts(mergeAccounts(chain.accounts(), valid));
    },
    'validators/get': async () => (await ready).validators(),
    'connection/retry': async () => {
      (await ready).retry();
      return null;
    },
  });
}
