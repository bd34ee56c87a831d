/**
 * Shared by the real-Chromium staking tests: the staking panel seen through the DevTools protocol (it lives
 * in a closed shadow root), the devnet's state read-back, and the extension's transaction journal.
 */
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { expect } from 'vitest';
import { STABLE_MS } from '@/lib/staking/visibility-guard';
import { findNode, type DomNode, type TaoLensBrowser } from './chromium';

/** The parts of the devnet control's `GET /state` the staking tests read. */
export interface StateJson {
  blockNumber: number;
  pool: number;
  subnets: { netuid: number; price: string; subtokenEnabled: boolean }[];
  accounts: Record<string, { free: string; nonce: number }>;
  positions: { coldkey: string; hotkey: string; netuid: number; alpha: string; lastEmission?: string }[];
}

/** Alpha (rao) the coldkey holds with the hotkey on the subnet; 0 when there is no position. */
export function alphaOf(state: StateJson, coldkey: string, hotkey: string, netuid: number): bigint {
  return BigInt(state.positions.find((p) => p.coldkey === coldkey && p.hotkey === hotkey && p.netuid === netuid)?.alpha ?? '0');
}

/** Dividends the position was credited at the start of the latest block (before that block's transactions). */
export function emissionOf(state: StateJson, coldkey: string, hotkey: string, netuid: number): bigint {
  return BigInt(state.positions.find((p) => p.coldkey === coldkey && p.hotkey === hotkey && p.netuid === netuid)?.lastEmission ?? '0');
}

/**
 * The panel lives in a closed shadow root: neither page scripts nor Playwright selectors reach it. The test
 * finds its elements through the DevTools protocol (as a person's eyes would) and clicks with real input events.
 * Cards, summaries and badges are closed too: `host` (a selector in the page's document) picks another host.
 */
export class ClosedPanel {
  constructor(
    private readonly page: Page,
    private readonly cdp: CDPSession,
    private readonly host = 'taolens-stake-panel',
  ) {}

  static async of(page: Page, host?: string) {
    return new ClosedPanel(page, await page.context().newCDPSession(page), host);
  }

  private async node(selector: string): Promise<number | null> {
    const { root } = (await this.cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const { nodeId: hostId } = (await this.cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: this.host })) as { nodeId: number };
    const host = hostId ? findNode(root, (n) => n.nodeId === hostId) : null;
    const shadow = host?.shadowRoots?.[0];
    if (!shadow) return null;
    const { nodeId } = (await this.cdp.send('DOM.querySelector', { nodeId: shadow.nodeId, selector })) as { nodeId: number };
    return nodeId || null;
  }

  async call<T>(selector: string, fn: string): Promise<T | null> {
    const nodeId = await this.node(selector);
    if (!nodeId) return null;
    const { object } = (await this.cdp.send('DOM.resolveNode', { nodeId })) as { object: { objectId: string } };
    const res = (await this.cdp.send('Runtime.callFunctionOn', { objectId: object.objectId, functionDeclaration: fn, returnByValue: true })) as {
      result: { value: T };
    };
    return res.result.value;
  }

  text(selector: string) {
    return this.call<string>(selector, 'function () { return this.textContent; }');
  }

  attr(selector: string, name: string) {
    return this.call<string | null>(selector, `function () { return this.getAttribute(${JSON.stringify(name)}); }`);
  }

  async waitFor(selector: string, timeout = 20_000) {
    await expect.poll(() => this.node(selector), { timeout }).not.toBeNull();
  }

  /** The element's content box on screen, once it has stopped moving (a form that just changed mode may still
   * be laying out: a click aimed at where a field was lands in the one that took its place). */
  private async settledBox(selector: string): Promise<number[]> {
    let last = '';
    for (let attempt = 1; ; attempt++) {
      try {
        const nodeId = (await this.node(selector))!;
        await this.cdp.send('DOM.scrollIntoViewIfNeeded', { nodeId });
        const q = ((await this.cdp.send('DOM.getBoxModel', { nodeId })) as { model: { content: number[] } }).model.content;
        if (q.join() === last || attempt >= 20) return q; // still moving after a second: aim where it is now
        last = q.join();
        await new Promise((resolve) => setTimeout(resolve, 50));
      } catch (err) {
        // A card re-renders with each block's figures: a node found a moment ago may be gone; find it again.
        if (attempt >= 8 || !/Could not find node/.test(String(err))) throw err;
      }
    }
  }

  /** A real (trusted) click in the middle of the element. */
  async click(selector: string) {
    await this.waitFor(selector);
    const q = await this.settledBox(selector);
    await this.page.mouse.click((q[0]! + q[2]! + q[4]! + q[6]!) / 4, (q[1]! + q[3]! + q[5]! + q[7]!) / 4);
  }

  /**
   * Confirms as a person does: the panel on screen, unchanged, for a moment first. A sooner click is what a
   * clickjacking page would get, and the panel refuses it (lib/staking/visibility-guard.ts).
   */
  async confirmAfterLooking() {
    await new Promise((resolve) => setTimeout(resolve, STABLE_MS + 200));
    await this.click('[data-testid="confirm"]');
  }

  async type(selector: string, text: string) {
    const focused = () => this.call<boolean>(selector, 'function () { return this.getRootNode().activeElement === this; }');
    // The form may move under the pointer between aiming and clicking (a field appears above): aim again.
    for (let attempt = 1; ; attempt++) {
      await this.click(selector);
      if (await focused()) break;
      if (attempt >= 3) throw new Error(`three clicks on ${selector} did not focus it: typing would go elsewhere`);
    }
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.type(text);
  }

  /** Waits for the exact call the panel will have signed; on timeout the error carries all the panel says. */
  async expectCall(pattern: RegExp, timeout = 20_000): Promise<string> {
    try {
      await expect.poll(() => this.text('[data-testid="call"]'), { timeout }).toMatch(pattern);
    } catch (err) {
      throw new Error(`${(err as Error).message}\nThe panel shows: ${await this.text('.panel')}`);
    }
    return (await this.text('[data-testid="call"]'))!;
  }

  /** The quote's row `label` (a <dt>) → the text of its <dd>. */
  quoteRow(label: string) {
    return this.call<string | null>(
      '[data-testid="quote"] dl',
      `function () {
        const dt = [...this.querySelectorAll('dt')].find((d) => d.textContent === ${JSON.stringify(label)});
        return dt && dt.nextElementSibling ? dt.nextElementSibling.textContent : null;
      }`,
    );
  }
}

/** Waits until the panel on `page` shows the amount field and the account's free balance. */
export async function panelReady(page: Page): Promise<ClosedPanel> {
  const panel = await ClosedPanel.of(page);
  await panel.waitFor('#amount');
  await expect.poll(() => panel.text('[data-testid="free"]'), { timeout: 30_000 }).toMatch(/^Free: τ/);
  return panel;
}

/**
 * Opens the panel in `page` the way the popup's Stake does when that page is the active tab: the background
 * messages the tab's content script (nothing a page can send opens it).
 */
export async function openPanelFromExtension(page: Page, netuid: number, action: 'stake' | 'unstake' | 'move' = 'stake'): Promise<void> {
  const worker = page.context().serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  if (!worker) throw new Error('the extension has no service worker');
  const url = page.url();
  await expect
    .poll(
      () =>
        worker.evaluate(
          async ({ url, netuid, action }) => {
            const chromeApi = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]>; sendMessage(id: number, m: unknown): Promise<unknown> } } }).chrome;
            // The newest tab at that address (an earlier test's page may still be open).
            const tab = (await chromeApi.tabs.query({})).filter((t) => t.url === url).sort((a, b) => (b.id ?? 0) - (a.id ?? 0))[0];
            if (tab?.id === undefined) return false;
            const answer = (await chromeApi.tabs.sendMessage(tab.id, { tag: 'taolens/stake-open', action, netuid }).catch(() => null)) as { ok?: boolean } | null;
            return !!answer?.ok;
          },
          { url, netuid, action },
        ),
      { timeout: 20_000 },
    )
    .toBe(true);
}

/**
 * The subnet's fixture taostats page with the stake panel open for `action`; `beforeLoad` runs before the
 * page loads (e.g. to install a wallet on it).
 */
export async function openStakePanel(
  context: BrowserContext,
  netuid: number,
  opts: { action?: 'stake' | 'unstake' | 'move'; beforeLoad?: (page: Page) => Promise<void> } = {},
): Promise<{ page: Page; panel: ClosedPanel }> {
  const page = await context.newPage();
  await opts.beforeLoad?.(page);
  await page.goto(`https://taostats.io/subnets/${netuid}`);
  await openPanelFromExtension(page, netuid, opts.action ?? 'stake');
  return { page, panel: await panelReady(page) };
}

/** A journal entry as `tx/list` returns it (the fields tests read). */
export interface JournalEntry {
  id: string;
  summary: string;
  status: string;
  hash: string;
  blockHash: string | null;
  blockNumber: number | null;
  error: { name: string | null; message: string } | null;
}

/** The extension's transaction journal, asked from one of its own pages (as the popup's history does). */
export async function journal(browser: TaoLensBrowser): Promise<JournalEntry[]> {
  const page = await browser.openPopup();
  try {
    return await page.evaluate(async () => {
      const chromeApi = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value: unknown }> } } }).chrome;
      const res = await chromeApi.runtime.sendMessage({ tag: 'taolens/1', body: { type: 'tx/list' } });
      return res.value as JournalEntry[];
    });
  } finally {
    await page.close();
  }
}
