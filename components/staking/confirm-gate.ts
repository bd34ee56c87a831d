/**
 * The one door to signing in the panel: only a trusted user gesture (a real click, not a page script's
 * `dispatchEvent`/`click()`) opens it, and it stays shut until the flow it started has ended, so a
 * double click never starts two flows. Held outside React state: two clicks can arrive before a re-render.
 */
export interface ConfirmGate {
  /** True when this event may start a signing flow; the gate is then held until `release()`. */
  tryOpen(event: { isTrusted: boolean }): boolean;
  release(): void;
  readonly busy: boolean;
}

export function createConfirmGate(): ConfirmGate {
  let busy = false;
  return {
    tryOpen(event) {
      if (!event.isTrusted || busy) return false;
      busy = true;
      return true;
    },
    release() {
      busy = false;
    },
    get busy() {
      return busy;
    },
  };
}
