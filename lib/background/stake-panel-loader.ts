/**
 * The staking panel (React and the panel, most of a content script's weight) is not in the content scripts:
 * most page views never stake. On a page's first Stake, its content script asks, and the worker injects
 * `stake-panel.js` into that frame's isolated world, the content script's own, where it registers its renderer.
 */
import { browser } from 'wxt/browser';
import type { RequestSender } from '../messaging/protocol';

export const STAKE_PANEL_FILE = '/stake-panel.js';

export async function loadStakePanel(sender: RequestSender): Promise<{ loaded: true }> {
  const tabId = sender.tab?.id;
  // Only this extension's content scripts ask, from a frame of a web page.
  if (sender.id !== browser.runtime.id || tabId === undefined) throw new Error('the staking panel opens only in a web page');
  await browser.scripting.executeScript({ target: { tabId, frameIds: [sender.frameId ?? 0] }, files: [STAKE_PANEL_FILE] });
  return { loaded: true };
}
