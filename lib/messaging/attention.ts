/**
 * Which UIs are on screen, as the port hub (./protocol.ts) hears it: the cadence's "someone is looking"
 * (lib/background/attention.ts decides what that means for reading the chain).
 */
/**
 * Which UIs are visible. Each UI reports its page visibility over its port; a port that closes (tab closed,
 * navigated away, popup shut) stops counting, and one that has not reported yet does not count.
 */
export function createAttention<K>() {
  const visible = new Set<K>();
  const listeners = new Set<(looking: boolean) => void>();
  const set = (ui: K, on: boolean) => {
    const before = visible.size > 0;
    if (on) visible.add(ui);
    else visible.delete(ui);
    const after = visible.size > 0;
    if (after !== before) for (const cb of listeners) cb(after);
  };
  return {
    report: (ui: K, isVisible: boolean) => set(ui, isVisible),
    gone: (ui: K) => set(ui, false),
    looking: () => visible.size > 0,
    /** Called when the answer to looking() changes. */
    onChange(cb: (looking: boolean) => void) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
  };
}
