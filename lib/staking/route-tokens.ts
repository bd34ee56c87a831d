/**
 * The popup's "Stake" route into a new tab, without a hash a page could write: the background keeps the
 * intent under a one-time token bound to the tab it opened, and only that tab's content script can redeem
 * it (the token in the URL names it; the page reading the URL learns nothing it could use). Pure.
 */
import type { PanelIntent } from './types';

const TTL_MS = 2 * 60_000;
export const ROUTE_HASH = /(?:^#|&)taolens-route=([0-9a-f-]{36})(?:&|$)/;

export function createRouteTokens(now: () => number = () => Date.now()) {
  const routes = new Map<string, { intent: PanelIntent; tabId: number | null; expires: number }>();
  const prune = () => {
    for (const [token, r] of routes) if (r.expires <= now()) routes.delete(token);
  };
  return {
    issue(intent: PanelIntent, token: string): string {
      prune();
      routes.set(token, { intent, tabId: null, expires: now() + TTL_MS });
      return token;
    },
    /** The tab the route was opened in; only it may redeem the token. */
    bind(token: string, tabId: number): void {
      const r = routes.get(token);
      if (r && r.tabId === null) r.tabId = tabId;
    },
    /** The intent, once, for the tab it was issued to; null for anything else. */
    redeem(token: string, tabId: number | undefined): PanelIntent | null {
      prune();
      const r = routes.get(token);
      if (!r || tabId === undefined || r.tabId !== tabId) return null;
      routes.delete(token);
      return r.intent;
    },
  };
}
