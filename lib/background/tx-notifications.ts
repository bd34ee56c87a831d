/**
 * A browser notification when a tracked transaction ends (the text comes from lib/staking/notify.ts);
 * clicking it opens the popup on its transaction history, or the popup page in a tab where the browser will not open the popup.
 */
import { browser } from 'wxt/browser';
import type { TxEntry } from '../staking/journal';
import { TX_NOTIFICATION_PREFIX, txNotice } from '../staking/notify';
import { openTxHistoryHintItem } from '../storage/tx-journal';

/** Call on every journal change; ended entries are announced once. */
export function createTxNotifier(): (entry: TxEntry) => void {
  const announced = new Set<string>();
  browser.notifications?.onClicked.addListener((id) => {
    if (!id.startsWith(TX_NOTIFICATION_PREFIX)) return;
    void browser.notifications.clear(id);
    void openTxHistoryHintItem.setValue(true); // the popup opens on its history
    const openPopup = (browser.action as { openPopup?: () => Promise<void> } | undefined)?.openPopup;
    void (openPopup ? openPopup() : Promise.reject(new Error('no openPopup'))).catch(() =>
      browser.tabs.create({ url: browser.runtime.getURL('/popup.html') }),
    );
  });
  return (entry) => {
    const notice = txNotice(entry);
    if (!notice || announced.has(notice.id) || !browser.notifications) return;
    announced.add(notice.id);
    void browser.notifications
      .create(notice.id, { type: 'basic', iconUrl: browser.runtime.getURL('/icon-128.png'), title: notice.title, message: notice.message })
      .catch(() => {});
  };
}
