/**
 * `npm run demo`: TaoLens for real on an embedded default — the local devnet, fixture taostats.io and
 * x.com pages, the extension built against them, in Chromium. Headed where a display exists; otherwise
 * headless, writing screenshots to demo-output/.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { makeCertificate } from '../e2e/cert';
import { findChromium, launchTaoLens, watchThroughPopup } from '../e2e/chromium';
import { FIXTURE_HOSTS, startSiteServer } from '../fixtures/site-server';
import { buildExtension, REPO_ROOT } from '../support/build-extension';
import { startLocalWorld } from '../support/local-world';

const OUT = resolve(REPO_ROOT, 'demo-output');
const headed = !!process.env.DISPLAY && process.env.TAOLENS_DEMO_HEADLESS !== '1';

async function main() {
  findChromium(); // before starting anything: one line naming what to install
  const world = await startLocalWorld({ blockMs: 12_000 });
  await world.devnet.control.produceBlock(); // a first block now, not in 12 s
  console.log(`devnet: ${world.devnet.url} (control ${world.devnet.controlUrl})`);
  console.log(`fixture price/revenue API: ${world.api.url}`);
  const sites = await startSiteServer(makeCertificate(FIXTURE_HOSTS));
  console.log(`fixture sites: ${FIXTURE_HOSTS.map((h) => `https://${h}`).join(', ')} → 127.0.0.1:${sites.port}`);
  const extensionDir = buildExtension({ outDir: '.output/demo', env: world.buildEnv });
  console.log(`extension built against the devnet: ${extensionDir}`);
  const browser = await launchTaoLens({
    extensionDir,
    siteHosts: Object.fromEntries(FIXTURE_HOSTS.map((h) => [h, sites.port])),
    headless: !headed,
  });

  const stop = async () => {
    await browser.close().catch(() => {});
    await sites.stop();
    await world.stop();
  };

  // Watch //Alice, as a newcomer would by typing an address, so the portfolio has something to show.
  await watchThroughPopup(browser, world.devnet.accounts.Alice!);
  console.log(`watching //Alice (${world.devnet.accounts.Alice}) in the portfolio`);

  if (headed) {
    const page = await browser.context.newPage();
    await page.goto('https://taostats.io/subnets');
    await browser.openPopup();
    console.log('Chromium is open with TaoLens. Ctrl-C stops everything.');
    process.on('SIGINT', () => void stop().then(() => process.exit(0)));
    return;
  }

  mkdirSync(OUT, { recursive: true });
  const shots: string[] = [];
  const shoot = async (name: string, url: string, width = 1200, hover?: string, then?: (page: Page) => Promise<void>) => {
    const page = url.startsWith('popup') ? await browser.openPopup(width) : await browser.context.newPage();
    if (!url.startsWith('popup')) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(url);
    }
    await page.waitForTimeout(1500); // let badges and cards settle
    if (hover) {
      await page.locator(hover).first().hover();
      await page.locator('taolens-card').waitFor({ timeout: 10_000 });
    }
    await then?.(page);
    const file = resolve(OUT, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    shots.push(file);
    await page.close();
  };
  await shoot('popup', 'popup', 420);
  await shoot('taostats-subnets', 'https://taostats.io/subnets', 1280, '#taostats-table taolens-badge');
  await shoot('taostats-subnet-64', 'https://taostats.io/subnets/64/chart', 1280);
  await shoot('taostats-subnet-64-390', 'https://taostats.io/subnets/64/chart', 390);
  // The staking panel as the popup's Stake opens it in the active tab (no wallet extension in this browser: it says so).
  await shoot('taostats-stake-64', 'https://taostats.io/subnets/64/chart', 1280, undefined, async (page) => {
    await browser.serviceWorker.evaluate(async (url) => {
      const chromeApi = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]>; sendMessage(id: number, m: unknown): Promise<unknown> } } }).chrome;
      const tab = (await chromeApi.tabs.query({})).find((t) => t.url === url);
      if (tab?.id !== undefined) await chromeApi.tabs.sendMessage(tab.id, { tag: 'taolens/stake-open', action: 'stake', netuid: 64 });
    }, page.url());
    await page.waitForTimeout(2_000);
  });
  await shoot('x-home', 'https://x.com/home', 700, 'taolens-mention[data-netuid="64"]');
  console.log(`No display: ran headless. Screenshots:\n${shots.map((s) => `  ${s}`).join('\n')}`);
  await stop();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
