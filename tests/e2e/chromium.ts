import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';

export const EXTENSION_ID = 'mlnjcekcjccemhiioemmoigbkcojkdio';
const MISSING =
  "No Chromium found: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome for Testing (branded Google Chrome 137+ ignores --load-extension)";

/** Debian's Chromium (or CHROMIUM_PATH); fails with one clear line when there is none. */
export function findChromium(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((p): p is string => !!p && existsSync(p));
  if (!found) throw new Error(MISSING);
  return found;
}

export interface LaunchOptions {
  extensionDir: string;
  /** Host → local HTTPS port for fixture sites served as the real hosts. */
  siteHosts?: Record<string, number>;
  headless?: boolean;
  colorScheme?: 'light' | 'dark';
}

export interface TaoLensBrowser {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  /** Opens the popup as a tab (same document the toolbar popup shows). */
  openPopup(width?: number): Promise<Page>;
  close(): Promise<void>;
}

/** Chromium flags for this offline machine: no background networking, no sync, no first-run UI. */
export function chromiumArgs(opts: LaunchOptions): string[] {
  const rules = Object.entries(opts.siteHosts ?? {})
    .map(([host, port]) => `MAP ${host}:443 127.0.0.1:${port}`)
    .join(', ');
  return [
    `--disable-extensions-except=${opts.extensionDir}`,
    `--load-extension=${opts.extensionDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    ...(rules ? [`--host-resolver-rules=${rules}`, '--ignore-certificate-errors'] : []),
  ];
}

export async function launchTaoLens(opts: LaunchOptions): Promise<TaoLensBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'taolens-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless: opts.headless ?? true,
    args: chromiumArgs(opts),
    colorScheme: opts.colorScheme ?? 'light',
    ignoreHTTPSErrors: true,
    viewport: { width: 1200, height: 900 },
  });
  const serviceWorker =
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(serviceWorker.url()).host;
  return {
    context,
    extensionId,
    serviceWorker,
    async openPopup(width = 400) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 600 });
      await page.goto(`chrome-extension://${extensionId}/popup.html`);
      return page;
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** A node of the DevTools protocol's DOM tree (`DOM.getDocument` with `pierce`: closed shadow roots included). */
export interface DomNode {
  nodeId: number;
  nodeName: string;
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
}

export function findNode(n: DomNode, pred: (n: DomNode) => boolean): DomNode | null {
  if (pred(n)) return n;
  for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) {
    const hit = findNode(c, pred);
    if (hit) return hit;
  }
  return null;
}

/**
 * Every element matching `selector` in the page, looking inside shadow roots too, closed ones included (badges
 * and cards render in closed shadow DOM, which page scripts cannot read): the test reads them through the
 * DevTools protocol, as a person's eyes would. Returns their text content.
 */
export async function deepTexts(page: Page, selector: string, host?: string): Promise<string[]> {
  // The page may change between two protocol calls (a card re-rendered with new figures): read again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await deepTextsOnce(page, selector, host);
    } catch (err) {
      if (attempt >= 5 || !/Could not find node|No node with given id/.test(String(err))) throw err;
    }
  }
}

async function deepTextsOnce(page: Page, selector: string, host?: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    // With `host` (a selector in the document): only inside the first such element's shadow root.
    const hostId = host ? ((await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: host })) as { nodeId: number }).nodeId : 0;
    const start = host ? findNode(root, (n) => n.nodeId === hostId) : root;
    const scopes: number[] = host ? [] : [root.nodeId];
    const walk = (n: DomNode) => {
      for (const s of n.shadowRoots ?? []) scopes.push(s.nodeId);
      for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) walk(c);
    };
    if (start) walk(start);
    const out: string[] = [];
    for (const nodeId of scopes) {
      const { nodeIds } = (await cdp.send('DOM.querySelectorAll', { nodeId, selector })) as { nodeIds: number[] };
      for (const id of nodeIds) {
        const { object } = (await cdp.send('DOM.resolveNode', { nodeId: id })) as { object: { objectId: string } };
        const res = (await cdp.send('Runtime.callFunctionOn', {
          objectId: object.objectId,
          functionDeclaration: 'function () { return this.textContent; }',
          returnByValue: true,
        })) as { result: { value: string | null } };
        out.push(res.result.value ?? '');
      }
    }
    return out;
  } finally {
    await cdp.detach();
  }
}

/**
 * Watches `address` the way a person does: types it into the popup once the chain is live, and waits
 * until its positions are on screen.
 */
export async function watchThroughPopup(browser: TaoLensBrowser, address: string, width = 420): Promise<void> {
  const popup = await browser.openPopup(width);
  await popup.getByTestId('connection').filter({ hasText: 'live' }).waitFor({ timeout: 30_000 });
  await popup.getByTestId('watch-input').fill(address);
  await popup.getByRole('button', { name: 'Add', exact: true }).click();
  await popup.getByTestId('group').first().waitFor({ timeout: 30_000 });
  await popup.close();
}

/** Switches "Show my positions in page cards" in the options page, as a person does, and saves. */
export async function setPositionsInCards(browser: TaoLensBrowser, on: boolean): Promise<void> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await page.getByTestId('positions-in-cards').setChecked(on);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  await page.close();
}

/**
 * The extension built for this run, launched once for a test file (before its first test, closed after its last).
 * Returns a getter: the browser exists only once `beforeAll` ran.
 */
export function browserForFile(opts: Partial<LaunchOptions> = {}): () => TaoLensBrowser {
  const e2e = inject('e2e');
  let browser: TaoLensBrowser | undefined;
  beforeAll(async () => {
    browser = await launchTaoLens({ extensionDir: e2e.extensionDir, siteHosts: e2e.siteHosts, ...opts });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => browser!;
}
