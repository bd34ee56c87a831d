/**
 * The network service's browser side: storage, Chutes backfill, and alert notifications (plain language, one per
 * rule per day by lib/alerts/rules.ts). Clicking one opens the popup on the view it is about.
 */
import { browser } from 'wxt/browser';
import type { AlertNotice } from '../alerts/rules';
import { chutesPublishedDays } from '../network/backfill';
import type { Settings } from '../storage/settings';
import { alertSettingsItem, alertStateItem, backfillDayItem, openViewHintItem } from '../storage/network';
import { createNetworkHistoryStore } from '../storage/network-history';
import { createNetworkService } from './network-service';
import type { DataFeeds } from './data-feeds';

export const ALERT_NOTIFICATION_PREFIX = 'taolens-alert:';

/** Opens the popup on `view` (or the popup page in a tab where the browser will not open the popup). */
export async function openView(view: 'network' | number): Promise<void> {
  await openViewHintItem.setValue(view);
  const openPopup = (browser.action as { openPopup?: () => Promise<void> } | undefined)?.openPopup;
  await (openPopup ? openPopup() : Promise.reject(new Error('no openPopup'))).catch(() =>
    browser.tabs.create({ url: browser.runtime.getURL('/popup.html') }),
  );
}

export function startNetworkService(opts: { now: () => number; feeds: () => DataFeeds; settings: Settings; onChange: () => void }) {
  const opens = new Map<string, AlertNotice['opens']>();
  browser.notifications?.onClicked.addListener((id) => {
    if (!id.startsWith(ALERT_NOTIFICATION_PREFIX)) return;
    void browser.notifications.clear(id);
    void openView(opens.get(id) ?? 'network');
  });
  // Stored a month per item: a day's point rewrites only the current month (lib/network/history-months.ts).
  const history = createNetworkHistoryStore();
  return createNetworkService({
    now: opts.now,
    revenueFor: (w) => opts.feeds().revenueFor(w),
    publishedDays: () => chutesPublishedDays(opts.settings.chutesApi, (...a) => fetch(...a), opts.now),
    onChange: opts.onChange,
    notify(notice) {
      if (!browser.notifications) return;
      opens.set(notice.id, notice.opens);
      void browser.notifications
        .create(notice.id, { type: 'basic', iconUrl: browser.runtime.getURL('/icon-128.png'), title: notice.title, message: notice.message })
        .catch(() => {});
    },
    store: {
      loadHistory: () => history.load(),
      saveHistory: (h) => history.save(h),
      loadAlerts: async () => ({ settings: await alertSettingsItem.getValue(), state: await alertStateItem.getValue() }),
      saveAlertState: (s) => alertStateItem.setValue(s),
      watchAlertSettings: (cb) => alertSettingsItem.watch((s) => s && cb(s)),
      loadBackfillDay: () => backfillDayItem.getValue(),
      saveBackfillDay: (d) => backfillDayItem.setValue(d),
    },
  });
}
