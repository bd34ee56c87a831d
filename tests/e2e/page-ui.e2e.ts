/**
 * The UI TaoLens puts into pages, in real Chromium: cards that keep what the person is doing across blocks, and
 * an updated (reloaded) extension that leaves nothing behind in open tabs.
 */
import type { CDPSession, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserForFile, deepTexts, findNode, type DomNode } from './chromium';
import { devnetControl } from './control';
import { ClosedPanel, openPanelFromExtension } from './stake-panel';

const taoLens = browserForFile();
const control = devnetControl(inject('e2e').controlUrl);

/** Errors from every world of the page (ours run in an isolated one), collected from the start. */
async function errorsOf(page: Page): Promise<string[]> {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  const cdp = await page.context().newCDPSession(page);
  cdp.on('Runtime.exceptionThrown', (e: { exceptionDetails: { text: string; exception?: { description?: string } } }) =>
    errors.push(e.exceptionDetails.exception?.description ?? e.exceptionDetails.text),
  );
  await cdp.send('Runtime.enable');
  return errors;
}

/** A handle (CDP object id) on an element inside the closed root of the first `host` in the page. */
async function elementInClosedRoot(cdp: CDPSession, host: string, selector: string): Promise<string | null> {
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  const { nodeId: hostId } = (await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: host })) as { nodeId: number };
  const shadow = hostId ? findNode(root, (n) => n.nodeId === hostId)?.shadowRoots?.[0] : undefined;
  if (!shadow) return null;
  const { nodeId } = (await cdp.send('DOM.querySelector', { nodeId: shadow.nodeId, selector })) as { nodeId: number };
  if (!nodeId) return null;
  return ((await cdp.send('DOM.resolveNode', { nodeId })) as { object: { objectId: string } }).object.objectId;
}

async function callOn<T>(cdp: CDPSession, objectId: string, fn: string): Promise<T> {
  const res = (await cdp.send('Runtime.callFunctionOn', { objectId, functionDeclaration: fn, returnByValue: true })) as { result: { value: T } };
  return res.result.value;
}

const blockOf = (asOf: string | undefined) => Number(/block #(\d+)/.exec(asOf ?? '')?.[1] ?? NaN);

describe('cards across blocks', () => {
  it('say revenue and subsidy per day with coverage in words, and keep their buttons, focus and status line while the figures update in place', async () => {
    const page = await taoLens().context.newPage();
    await page.goto('https://taostats.io/subnets');
    const badge = page.locator('taolens-badge[data-netuid="64"]').first();
    await badge.waitFor({ timeout: 20_000 });
    await control.pause();
    try {
      await badge.focus();
      await page.keyboard.press('Enter'); // the card as a dialog, focus on its first button
      await page.locator('taolens-card[data-netuid="64"]').waitFor();
      // Revenue and subsidy side by side per day, and coverage in words on the card (no hover needed).
      const rows = await deepTexts(page, 'tr', 'taolens-card');
      expect(rows.find((r) => r.startsWith('Subsidy per day'))).toMatch(/^Subsidy per dayτ[\d,.]+ · \$[\d,.]+/);
      expect(rows.find((r) => r.startsWith('Revenue (7d)'))).toMatch(/^Revenue \(7d\)\$[\d,.]+ per day\$[\d,.]+ over 7 d ÷ 7 · /);
      expect(rows.find((r) => r.startsWith('Coverage'))).toMatch(/^Coverage[\d.]+%earns [\d.]+% of what the network pays it \(revenue ÷ subsidy over 7 d, USD\)$/);
      const cdp = await page.context().newCDPSession(page);
      const connect = (await elementInClosedRoot(cdp, 'taolens-card', 'button[data-action="connect-wallet"]'))!;
      expect(connect).toBeTruthy();
      await callOn(cdp, connect, 'function () { this.focus(); }');
      await page.keyboard.press('Enter'); // Connect wallet: the fixture page has no wallet, the card says so
      const status = async () => (await deepTexts(page, '[role="status"]', 'taolens-card'))[0] ?? '';
      await expect.poll(status, { timeout: 20_000 }).toMatch(/\S/);
      await expect.poll(status, { timeout: 20_000 }).not.toBe('Asking your wallet…');
      const said = await status();
      const asOf = async () => (await deepTexts(page, '.card > .asof', 'taolens-card'))[0];
      const before = blockOf(await asOf());
      expect(before).toBeGreaterThan(0);

      await control.produceBlock();
      await expect.poll(async () => blockOf(await asOf()), { timeout: 30_000 }).toBeGreaterThan(before);

      // The same button (a click landing now is not lost), still focused; the status line still says its answer.
      expect(await callOn(cdp, connect, 'function () { return this.isConnected && this.getRootNode().activeElement === this; }')).toBe(true);
      expect(await status()).toBe(said);
      expect(await page.locator('taolens-card').count()).toBe(1);
      await cdp.detach();
    } finally {
      await control.resume();
      await page.close();
    }
  });
});

describe('the site registry', () => {
  it('cards offer Stake / Unstake only where the staking panel runs: none on taomarketcap.com, whose card still connects a wallet', async () => {
    const buttons = (page: Page, host: string) =>
      expect.poll(async () => (await deepTexts(page, 'button', host)).join(','), { timeout: 20_000 });
    const market = await taoLens().context.newPage();
    await market.goto('https://taomarketcap.com/subnets/64');
    await buttons(market, 'taolens-summary[data-netuid="64"]').toBe('Connect wallet');
    const stats = await taoLens().context.newPage();
    await stats.goto('https://taostats.io/subnets/64/chart');
    await buttons(stats, 'taolens-summary[data-netuid="64"]').toBe('Stake,Unstake,Connect wallet');
    await Promise.all([market.close(), stats.close()]);
  });
});

describe('an updated extension', () => {
  it('leaves nothing running or shown in open tabs, and no errors', async () => {
    const page = await taoLens().context.newPage();
    const errors = await errorsOf(page);
    await page.goto('https://taostats.io/subnets/64/chart');
    await page.locator('taolens-summary[data-netuid="64"]').waitFor({ timeout: 20_000 });
    await page.locator('taolens-badge').first().waitFor();
    await page.locator('taolens-badge').first().hover();
    await page.locator('taolens-card').waitFor();
    // And an open staking panel (its React half loaded into the page's isolated world).
    await openPanelFromExtension(page, 64, 'stake');
    await (await ClosedPanel.of(page)).waitFor('#amount');
    const ours = () =>
      page.evaluate(() => document.querySelectorAll('taolens-badge, taolens-summary, taolens-card, taolens-watch, taolens-mention, taolens-stake-panel, #taolens-badge-style, #taolens-mention-style').length);
    expect(await ours()).toBeGreaterThan(3);

    // As an update does: the extension reloads itself (from its own page, where chrome.runtime.reload exists).
    const options = await taoLens().context.newPage();
    await options.goto(`chrome-extension://${taoLens().extensionId}/options.html`);
    await options.evaluate(() => setTimeout(() => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload(), 50));

    await expect.poll(ours, { timeout: 20_000 }).toBe(0);
    // Nothing of the old script reacts any more: a new subnet link stays bare, hovering opens nothing.
    await page.evaluate(() => {
      const a = document.createElement('a');
      a.href = '/subnets/1';
      a.textContent = 'SN1 added after the update';
      a.id = 'after-update';
      document.body.append(a);
    });
    await page.locator('#after-update').hover();
    await page.waitForTimeout(1500); // several frames and the old script's 500 ms reconnect delay
    expect(await ours()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
