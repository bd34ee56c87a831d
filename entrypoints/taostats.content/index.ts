import { startAnnotating } from '@/lib/annotate/engine';
import { taostatsAdapter } from '@/lib/sites/taostats';

export default defineContentScript({
  matches: ['https://taostats.io/*'],
  runAt: 'document_idle',
  main() {
    startAnnotating(taostatsAdapter);
  },
});
