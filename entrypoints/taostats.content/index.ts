import { runSite } from '@/lib/annotate/run-site';
import { installStakingPanel } from '@/components/staking/mount';
import { taostatsAdapter } from '@/lib/sites/taostats';

export default defineContentScript({
  matches: ['https://taostats.io/*'],
  runAt: 'document_idle',
  main: () => (installStakingPanel(), runSite(taostatsAdapter)),
});
