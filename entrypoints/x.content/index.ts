import { runSite } from '@/lib/annotate/run-site';
import { installStakingPanel } from '@/components/staking/mount';
import { xAdapter } from '@/lib/sites/x';

export default defineContentScript({
  matches: ['https://x.com/*'],
  runAt: 'document_idle',
  main: () => (installStakingPanel(), runSite(xAdapter)),
});
