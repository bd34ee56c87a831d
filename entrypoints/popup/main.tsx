import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { PopupApp } from '@/components/popup/PopupApp';
import { usePopupStore } from '@/lib/store/popup-store';
import { applyOpenHint } from '@/lib/store/network-store';
import css from '@/assets/popup.css?inline';
import networkCss from '@/assets/network.css?inline';
import { PAGE_TOKENS_CSS } from '@/lib/page-ui/tokens';

performance.mark('taolens:script-start');
// The styles ride in this script: a stylesheet link is one more file to fetch before the first paint.
document.head.append(Object.assign(document.createElement('style'), { textContent: PAGE_TOKENS_CSS + css + networkCss }));
const store = usePopupStore.getState();
const shown = store.showLocalView();
// An alert or the $TAO card asked for a view: the Subnets tab (the network view on top) or one subnet.
void applyOpenHint((view) => (view === 'network' ? store.setTab('board') : (store.setTab('board'), store.openSubnet(view))));
// Rendered in this task, not a scheduled one: the stored view is in the DOM before the browser's next frame.
flushSync(() => createRoot(document.getElementById('root')!).render(<PopupApp />));
// The live view is decoded and rendered on this same thread: let the stored one reach the screen first. A
// toolbar popup stays hidden until the browser has sized and shown it; decoding before that delays its
// first frame by ~55 ms (npm run bench), so wait for it to be visible.
const connectAfterFirstFrame = () => requestAnimationFrame(() => setTimeout(() => store.connect()));
if (!shown) store.connect();
else if (document.visibilityState === 'visible') connectAfterFirstFrame();
else document.addEventListener('visibilitychange', connectAfterFirstFrame, { once: true });
