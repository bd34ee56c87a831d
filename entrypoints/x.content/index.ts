import { runSite } from '@/lib/annotate/run-site';
import { installStakingPanel } from '@/components/staking/mount';
import { site } from '@/lib/sites/registry';
import { xAdapter } from '@/lib/sites/x';

export default defineContentScript({
  matches: [...site('x').matches],
  runAt: 'document_idle',
  main: (ctx) => (installStakingPanel(ctx), runSite(ctx, xAdapter)),
});
