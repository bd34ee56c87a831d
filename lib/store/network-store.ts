/**
 * The network view's own UI state: the revenue window, the chart range, and the daily points fetched on demand
 * (never before the first frame: the popup paints from its stored view, the chart fills in after).
 */
import { create } from 'zustand';
import type { ChartRange } from '../network/chart';
import type { NetworkDayPoint, SubnetDayPoint } from '../network/history';
import { request } from '../messaging/protocol';
import type { RevenueWindow } from '../revenue/types';
import { openViewHintItem } from '../storage/network';

export type DailyEntry<P> = { status: 'loading' | 'ready' | 'error'; points: P[]; error?: string };

interface NetworkState {
  window: RevenueWindow;
  range: ChartRange;
  network: DailyEntry<NetworkDayPoint> | null;
  subnets: Record<number, DailyEntry<SubnetDayPoint>>;
  setWindow(w: RevenueWindow): void;
  setRange(r: ChartRange): void;
  loadNetwork(): Promise<void>;
  loadSubnet(netuid: number): Promise<void>;
}

export const useNetworkStore = create<NetworkState>((set, get) => ({
  window: '7d',
  range: 30,
  network: null,
  subnets: {},
  setWindow: (window) => set({ window }),
  setRange: (range) => set({ range }),
  async loadNetwork() {
    set({ network: { status: 'loading', points: get().network?.points ?? [] } });
    const res = await request({ type: 'network/history', of: 'network' });
    set({ network: res.ok ? { status: 'ready', points: res.value.network } : { status: 'error', points: get().network?.points ?? [], error: res.error } });
  },
  async loadSubnet(netuid) {
    const prev = get().subnets[netuid];
    set({ subnets: { ...get().subnets, [netuid]: { status: 'loading', points: prev?.points ?? [] } } });
    const res = await request({ type: 'network/history', of: netuid });
    set({
      subnets: {
        ...get().subnets,
        [netuid]: res.ok ? { status: 'ready', points: res.value.subnet } : { status: 'error', points: prev?.points ?? [], error: res.error },
      },
    });
  },
}));

/**
 * An alert or the $TAO card asked for a view: open it (the Subnets tab, or a subnet). `#network` or `#subnet=N` in
 * the popup page's address does the same where the popup was opened in a tab.
 */
export async function applyOpenHint(open: (view: 'network' | number) => void): Promise<void> {
  const fromHash = /^#(?:network|subnet=(\d{1,5}))$/.exec(location.hash);
  if (fromHash) open(fromHash[1] ? Number(fromHash[1]) : 'network');
  const hint = await openViewHintItem.getValue().catch(() => null);
  if (hint === null) return;
  await openViewHintItem.removeValue();
  open(hint);
}
