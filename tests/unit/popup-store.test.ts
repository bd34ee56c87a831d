/**
 * The popup store's first paint and its hand-over to the live port: which view the user sees, in which
 * order. Below the store: WXT's fake browser (storage), a Map-backed localStorage and a hand-driven port.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PopupView } from '@/lib/messaging/protocol';
import { encodeBigints } from '@/lib/model/serialize';
import { popupViewItem } from '@/lib/storage/snapshot';

/** A view at `block` holding one amount past 2^53, so any float on the way would show. */
function viewAt(block: number, status: 'live' | 'offline' = 'live'): PopupView {
  return {
    snapshot: { block: { number: block, hash: `0x${block}` }, fetchedAt: 1_000 * block, endpoint: 'ws://node', subnets: [], portfolios: [{ coldkey: '5A', freeRao: 123_456_789_012_345_678_901n, positions: [] }], taoUsd: null },
    connection: { status, endpoint: 'ws://node' },
    accounts: [{ address: '5A' }],
    selected: [],
    change24h: {},
    economics: {},
    totals: {},
  } as unknown as PopupView;
}

const local = new Map<string, string>();
let portListener: ((msg: unknown) => void) | null = null;

async function freshStore() {
  vi.resetModules();
  return (await import('@/lib/store/popup-store')).usePopupStore;
}

beforeEach(() => {
  fakeBrowser.reset();
  local.clear();
  portListener = null;
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => local.get(k) ?? null,
    setItem: (k: string, v: string) => void local.set(k, v),
  });
  fakeBrowser.runtime.connect = (() => ({
    onMessage: { addListener: (l: (msg: unknown) => void) => (portListener = l) },
    onDisconnect: { addListener: () => undefined },
    disconnect: () => undefined,
  })) as unknown as typeof fakeBrowser.runtime.connect;
});

describe('popup store', () => {
  it('has nothing to paint synchronously on a first open', async () => {
    const store = await freshStore();
    expect(store.getState().showLocalView()).toBe(false);
    expect(store.getState().view).toBeNull();
  });

  it("paints the page's own copy synchronously, amounts exact, and says it is connecting until the port answers", async () => {
    local.set('taolens:popupView', JSON.stringify(encodeBigints(viewAt(7))));
    const store = await freshStore();
    expect(store.getState().showLocalView()).toBe(true);
    const shown = store.getState().view!;
    expect(shown.snapshot!.block.number).toBe(7);
    expect(shown.snapshot!.portfolios[0]!.freeRao).toBe(123_456_789_012_345_678_901n);
    expect(shown.connection.status).toBe('connecting');

    store.getState().connect();
    portListener!(encodeBigints(viewAt(8)));
    expect(store.getState().view!.snapshot!.block.number).toBe(8);
    expect(store.getState().view!.connection.status).toBe('live');
  });

  it("without a copy of its own, shows the background's stored view, but never over a live one that came first", async () => {
    await popupViewItem.setValue(encodeBigints(viewAt(5)));
    const first = await freshStore();
    first.getState().connect();
    await vi.waitFor(() => expect(first.getState().view?.snapshot?.block.number).toBe(5));
    expect(first.getState().view!.connection.status).toBe('connecting');

    const second = await freshStore();
    second.getState().connect();
    portListener!(encodeBigints(viewAt(9)));
    await popupViewItem.getValue(); // the store's read of the stored view has resolved by now
    await Promise.resolve();
    expect(second.getState().view!.snapshot!.block.number).toBe(9);
  });

  it("a background that just woke with an older snapshot does not take the popup back in time: it keeps its figures and takes the connection state", async () => {
    local.set('taolens:popupView', JSON.stringify(encodeBigints(viewAt(12))));
    const store = await freshStore();
    store.getState().showLocalView();
    store.getState().connect();
    portListener!(encodeBigints(viewAt(10, 'offline')));
    expect(store.getState().view!.snapshot!.block.number).toBe(12);
    expect(store.getState().view!.connection.status).toBe('offline');
    // A worker with no snapshot at all does not blank it either.
    portListener!(encodeBigints({ ...viewAt(1, 'offline'), snapshot: null }));
    expect(store.getState().view!.snapshot!.block.number).toBe(12);
    // A newer read replaces it.
    portListener!(encodeBigints(viewAt(13)));
    expect(store.getState().view!.snapshot!.block.number).toBe(13);
    expect(store.getState().view!.connection.status).toBe('live');
  });

  it('keeps a copy of the live view for the next open', async () => {
    const store = await freshStore();
    store.getState().connect();
    portListener!(encodeBigints(viewAt(11)));
    const saved = JSON.parse(local.get('taolens:popupView')!) as { snapshot: { block: { number: number } } };
    expect(saved.snapshot.block.number).toBe(11);
  });
});
