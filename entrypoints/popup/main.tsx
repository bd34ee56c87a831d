import { createRoot } from 'react-dom/client';
import { PopupApp } from '@/components/popup/PopupApp';
import { usePopupStore } from '@/lib/store/popup-store';
import '@/assets/popup.css';

performance.mark('taolens:script-start');
// Open the port before the first render: the stored snapshot is on its way while React mounts.
usePopupStore.getState().connect();
createRoot(document.getElementById('root')!).render(<PopupApp />);
