/**
 * The isolated-world end of the hand-over (see ./protocol.ts): runs at `document_start`
 * (entrypoints/wallet-port.content.ts), takes the bridge's port once and keeps it where only this
 * extension's isolated world can see it (the site's content script, which runs later, picks it up).
 */
import { BRIDGE_PORT_EVENT, BRIDGE_READY_EVENT } from './protocol';

const PORT_KEY = Symbol.for('taolens.wallet-bridge.port');
type WithPort = { [PORT_KEY]?: MessagePort };

export function receiveBridgePort(): void {
  const onPort = (event: Event) => {
    const port = (event as MessageEvent).ports?.[0];
    if (!port || (globalThis as WithPort)[PORT_KEY]) return;
    event.preventDefault(); // tells the bridge the port was taken
    (globalThis as WithPort)[PORT_KEY] = port;
    stopWaiting();
  };
  // As on the bridge's side: only until the parser adds the first node, before any page script can run.
  const firstNode = new MutationObserver(() => stopWaiting());
  const stopWaiting = () => {
    document.removeEventListener(BRIDGE_PORT_EVENT, onPort, true);
    firstNode.disconnect();
  };
  document.addEventListener(BRIDGE_PORT_EVENT, onPort, true);
  firstNode.observe(document, { childList: true, subtree: true });
  // If the bridge ran first it is waiting for this; it answers with the port before dispatchEvent returns.
  document.dispatchEvent(new Event(BRIDGE_READY_EVENT, { cancelable: true }));
}

/** The bridge's port, once handed over (null where the bridge did not run). */
export function bridgePort(): MessagePort | null {
  return (globalThis as WithPort)[PORT_KEY] ?? null;
}
