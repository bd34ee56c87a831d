import { runSite } from '@/lib/annotate/run-site';
import { site } from '@/lib/sites/registry';
import { taomarketcapAdapter } from '@/lib/sites/taomarketcap';

export default defineContentScript({
  matches: [...site('taomarketcap').matches],
  runAt: 'document_idle',
  main: (ctx) => runSite(ctx, taomarketcapAdapter),
});
