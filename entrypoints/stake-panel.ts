import { registerStakePanel } from '@/components/staking/register';

// Injected by the background into a page's isolated world on its first staking action (not a content script).
export default defineUnlistedScript(() => registerStakePanel());
