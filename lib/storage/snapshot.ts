import { storage } from '@wxt-dev/storage';
import type { Snapshot } from '../model/types';
import type { FeedState } from '../background/data-feeds';
import { decodeBigints, encodeBigints } from '../model/serialize';

/** The last snapshot, read first when the worker wakes so the UIs never start empty. */
const snapshotItem = storage.defineItem<unknown>('local:snapshot', { fallback: null });

export async function loadSnapshot(): Promise<Snapshot | null> {
  const raw = await snapshotItem.getValue();
  return raw ? decodeBigints<Snapshot>(raw) : null;
}

export async function saveSnapshot(snapshot: Snapshot): Promise<void> {
  await snapshotItem.setValue(encodeBigints(snapshot));
}

/** The popup's last view, encoded, so a new popup paints before the worker answers. */
export const popupViewItem = storage.defineItem<unknown>('local:popupView', { fallback: null });

/** The price and revenue feeds' last good answers with their ages and each source's health (data-feeds.ts). */
export const feedsItem = storage.defineItem<FeedState | null>('local:feeds', { fallback: null });
