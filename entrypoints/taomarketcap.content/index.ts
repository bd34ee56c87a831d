import { runSite } from '@/lib/annotate/run-site';
import { taomarketcapAdapter } from '@/lib/sites/taomarketcap';

export default defineContentScript({
  matches: ['https://taomarketcap.com/*'],
  runAt: 'document_idle',
  main: () => runSite(taomarketcapAdapter),
});
