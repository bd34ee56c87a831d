import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { EXTENSION_ID, deepTexts, launchTaoLens, type TaoLensBrowser } from './chromium';

let browser: TaoLensBrowser;
const { extensionDir, siteHosts } = inject('e2e');

beforeAll(async () => {
  browser = await launchTaoLens({ extensionDir, siteHosts });
});
afterAll(async () => {
  await browser?.close();
});

it('loads with the fixed extension id and opens the popup', async () => {
  expect(browser.extensionId).toBe(EXTENSION_ID);
  const popup = await browser.openPopup();
  await expect(popup.getByRole('heading', { name: 'TaoLens' }).textContent()).resolves.toBe('TaoLens');
  await popup.close();
});

it('puts a badge in every subnet row of the taostats.io subnets table', async () => {
  const page = await browser.context.newPage();
  await page.goto('https://taostats.io/subnets');
  await page.waitForSelector('#taostats-table taolens-badge');
  const rowCount = await page.locator('#taostats-table tbody tr:not(.skeleton)').count();
  await expect.poll(() => page.locator('#taostats-table taolens-badge').count()).toBe(rowCount);
  const badge = page.locator('#trending a[href="/subnets/64/chart"] + taolens-badge').first();
  await expect(badge.getAttribute('data-netuid')).resolves.toBe('64');
  expect((await deepTexts(page, '.badge')).some((t) => t.startsWith('SN64'))).toBe(true);
  await page.close();
});

it('the options page links to the privacy text shipped inside the extension', async () => {
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  const [privacy] = await Promise.all([
    browser.context.waitForEvent('page'),
    options.getByRole('link', { name: /^Privacy/ }).click(),
  ]);
  await privacy.waitForLoadState();
  const text = await privacy.locator('body').innerText();
  expect(text).toContain('# TaoLens privacy');
  expect(text).toContain('wss://entrypoint-finney.opentensor.ai:443');
  await Promise.all([privacy.close(), options.close()]);
});
