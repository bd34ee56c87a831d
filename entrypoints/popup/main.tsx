import { createRoot } from 'react-dom/client';
import { PopupApp } from '@/components/popup/PopupApp';
import { usePopupStore } from '@/lib/store/popup-store';
import { popupStakingHandler } from '@/lib/staking/popup-route';
import '@/assets/popup.css';

performance.mark('taolens:script-start');
// Open the port before the first render: the stored snapshot is on its way while React mounts.
usePopupStore.getState().connect();
// Stake / Unstake / Move route to a page's staking panel (extension pages cannot reach wallets).
usePopupStore.getState().setStakingHandler(popupStakingHandler());
createRoot(document.getElementById('root')!).render(<PopupApp />);
