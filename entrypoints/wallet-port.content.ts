import { receiveBridgePort } from '@/lib/wallet/port-handoff';
import { STAKING_SITE_MATCHES } from '@/lib/wallet/sites';

// The isolated world's end of the wallet bridge's private port, taken before any page script runs.
export default defineContentScript({
  matches: STAKING_SITE_MATCHES,
  runAt: 'document_start',
  main: () => receiveBridgePort(),
});
