import { runSite } from '@/lib/annotate/run-site';
import { installStakingPanel } from '@/components/staking/mount';
import { site } from '@/lib/sites/registry';
import { taostatsAdapter } from '@/lib/sites/taostats';

export default defineContentScript({
  matches: [...site('taostats').matches],
  runAt: 'document_idle',
  main: (ctx) => (installStakingPanel(ctx), runSite(ctx, taostatsAdapter)),
});
