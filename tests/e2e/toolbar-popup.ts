/**
 * The popup as a user opens it: `chrome.action.openPopup()` from the extension's service worker, in the
 * browser's own popup window (not a tab). Playwright does not list that window as a page, so its document
 * is reached through the browser's DevTools protocol: one attached session per evaluation.
 */
import type { CDPSession } from 'playwright-core';
import type { TaoLensBrowser } from './chromium';

export interface ToolbarPopup {
  /** Evaluates an expression (a string: no bundler helpers exist in the popup) and returns its JSON value. */
  evaluate<T>(expression: string): Promise<T>;
  close(): Promise<void>;
}

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

const POLL_MS = 25;
const OPEN_TIMEOUT_MS = 10_000;

export async function openToolbarPopup(browser: TaoLensBrowser, page = 'popup.html'): Promise<ToolbarPopup> {
  const cdp = await browser.context.browser()!.newBrowserCDPSession();
  const url = `chrome-extension://${browser.extensionId}/${page}`;
  // The same page may be open in a tab: the popup is the target that was not there before.
  const before = new Set((await listTargets(cdp)).map((t) => t.targetId));
  // Strings, not functions: the service worker runs the extension's code, not this file's types.
  await browser.serviceWorker.evaluate(`chrome.action.setPopup({ popup: ${JSON.stringify(page)} }).then(() => chrome.action.openPopup())`);
  const target = await waitForTarget(cdp, url, before);
  let nextId = 1;
  return {
    async evaluate<T>(expression: string): Promise<T> {
      const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as {
        sessionId: string;
      };
      const id = nextId++;
      const reply = new Promise<{ result?: { result?: { value?: T }; exceptionDetails?: { text: string } } }>((resolve) => {
        const onMessage = (event: { sessionId: string; message: string }) => {
          const message = JSON.parse(event.message) as { id?: number };
          if (event.sessionId !== sessionId || message.id !== id) return;
          cdp.off('Target.receivedMessageFromTarget', onMessage);
          resolve(message as never);
        };
        cdp.on('Target.receivedMessageFromTarget', onMessage);
      });
      const params = { expression, awaitPromise: true, returnByValue: true };
      await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.evaluate', params }) });
      const { result } = await reply;
      await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
      if (result?.exceptionDetails) throw new Error(`popup: ${result.exceptionDetails.text}`);
      return result?.result?.value as T;
    },
    async close() {
      await cdp.send('Target.closeTarget', { targetId: target.targetId }).catch(() => undefined);
      await browser.serviceWorker.evaluate(`chrome.action.setPopup({ popup: 'popup.html' })`);
      await cdp.detach();
    },
  };
}

async function listTargets(cdp: CDPSession): Promise<TargetInfo[]> {
  return ((await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] }).targetInfos;
}

async function waitForTarget(cdp: CDPSession, url: string, before: Set<string>): Promise<TargetInfo> {
  const deadline = Date.now() + OPEN_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const found = (await listTargets(cdp)).find((t) => t.type === 'page' && t.url === url && !before.has(t.targetId));
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`the toolbar popup ${url} did not open within ${OPEN_TIMEOUT_MS / 1000} s`);
}
