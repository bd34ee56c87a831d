/**
 * The popup's state: the background's live view (pushed over a port) plus intents the UI dispatches.
 * Components read from here and call its actions; they never talk to the background themselves.
 */
import { create } from 'zustand';
import { PORT_POPUP, request, subscribe, type PopupView } from '../messaging/protocol';

export interface PopupState {
  view: PopupView | null;
  /** The last request error, for a visible message. */
  error: string | null;
  /** Starts listening; returns the unsubscribe. Idempotent per popup. */
  connect(): () => void;
  addWatch(address: string): Promise<{ ok: true } | { ok: false; error: string }>;
  removeAccount(address: string): Promise<void>;
  select(addresses: string[]): Promise<void>;
  retry(): Promise<void>;
}

export const usePopupStore = create<PopupState>((set) => ({
  view: null,
  error: null,
  connect() {
    // The port's first message is the stored snapshot: first paint needs no chain round trip.
    return subscribe<PopupView>(PORT_POPUP, (view) => set({ view }));
  },
  async addWatch(address) {
    const res = await request({ type: 'accounts/add-watch', address });
    if (!res.ok) return { ok: false, error: res.error };
    return { ok: true };
  },
  async removeAccount(address) {
    const res = await request({ type: 'accounts/remove', address });
    set({ error: res.ok ? null : res.error });
  },
  async select(addresses) {
    const res = await request({ type: 'accounts/select', addresses });
    set({ error: res.ok ? null : res.error });
  },
  async retry() {
    await request({ type: 'connection/retry' });
  },
}));
