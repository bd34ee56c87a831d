import { runSite } from '@/lib/annotate/run-site';
import { taostatsAdapter } from '@/lib/sites/taostats';

export default defineContentScript({
  matches: ['https://taostats.io/*'],
  runAt: 'document_idle',
  main: () => runSite(taostatsAdapter),
});
