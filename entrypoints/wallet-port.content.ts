import { receiveBridgePort } from '@/lib/wallet/port-handoff';
import { SITE_MATCHES } from '@/lib/sites/registry';

// The isolated world's end of the wallet bridge's private port, taken before any page script runs.
export default defineContentScript({
  matches: SITE_MATCHES,
  runAt: 'document_start',
  main: () => receiveBridgePort(),
});
