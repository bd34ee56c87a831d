import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

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

/**
 * Every element matching `selector` in the page, looking inside open shadow roots too
 * (badges and cards render in shadow DOM). Returns their text content.
 */
export async function deepTexts(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const out: string[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll(sel)) out.push(el.textContent ?? '');
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
    };
    visit(document);
    return out;
  }, selector);
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
