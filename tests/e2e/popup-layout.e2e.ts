/**
 * The popup at the narrowest and widest popup sizes (360 and 800 px), by keyboard alone, and as a screen
 * reader names it: no sideways scrolling of the page, every control reachable and named, tabs and sort
 * headers work from the keyboard. A watch address holding the scenario's positions fills the portfolio.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchTaoLens, watchThroughPopup, type TaoLensBrowser } from './chromium';

const ctx = inject('e2e');
let browser: TaoLensBrowser;

beforeAll(async () => {
  browser = await launchTaoLens({ extensionDir: ctx.extensionDir, siteHosts: ctx.siteHosts });
  await watchThroughPopup(browser, ctx.accounts.Alice!, 400);
});
afterAll(async () => {
  await browser?.close();
});

/** How far the page itself scrolls sideways (the board's table scrolls inside its own box). */
const pageOverflow = (popup: Page) => popup.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Controls a screen reader would announce without a name: no text, label, aria-label or title. */
const unnamedControls = (popup: Page) =>
  popup.evaluate(() =>
    [...document.querySelectorAll('button, input, select, textarea, a[href], [role="tab"]')]
      .filter((el) => {
        const labelled = (el as HTMLInputElement).labels?.length || el.getAttribute('aria-labelledby');
        const text = (el.textContent ?? '').trim() || el.getAttribute('aria-label') || el.getAttribute('title');
        return !labelled && !text;
      })
      .map((el) => el.outerHTML.slice(0, 120)),
  );

async function openWithData(width: number): Promise<Page> {
  const popup = await browser.openPopup(width);
  await popup.getByTestId('group').first().waitFor({ timeout: 30_000 });
  return popup;
}

describe('popup layout and keyboard', () => {
  for (const width of [360, 800]) {
    it(`fits ${width} px: portfolio, board, subnet view and history without sideways scrolling, every control named`, async () => {
      const popup = await openWithData(width);
      try {
        expect(await pageOverflow(popup)).toBe(0);
        expect(await unnamedControls(popup)).toEqual([]);
        await popup.getByRole('tab', { name: 'Subnets' }).click();
        await popup.getByTestId('board-row').first().waitFor();
        expect(await pageOverflow(popup)).toBe(0);
        expect(await unnamedControls(popup)).toEqual([]);
        // The product's question is in view without scrolling: revenue, subsidy and coverage start inside the box.
        const wrapRight = await popup.locator('.table-wrap').evaluate((el) => el.getBoundingClientRect().right);
        for (const header of ['Revenue', 'Subsidy/d', 'Coverage']) {
          const box = (await popup.locator('.board thead th', { hasText: header }).boundingBox())!;
          expect(box.x, header).toBeLessThan(wrapRight - 20);
        }
        // Scrolled to its far end, the table still shows which subnet each row is.
        await popup.locator('.table-wrap').evaluate((el) => (el.scrollLeft = el.scrollWidth));
        const wrapLeft = await popup.locator('.table-wrap').evaluate((el) => el.getBoundingClientRect().left);
        const name = (await popup.locator('[data-testid="board-row"]').first().locator('.name-cell').boundingBox())!;
        expect(name.x).toBeGreaterThanOrEqual(wrapLeft);
        await popup.locator('.table-wrap').evaluate((el) => (el.scrollLeft = 0));
        await popup.locator('[data-testid="board-row"][data-netuid="1"] .name').click();
        await popup.getByTestId('subnet-view').waitFor();
        expect(await pageOverflow(popup)).toBe(0);
        expect(await unnamedControls(popup)).toEqual([]);
        await popup.getByRole('tab', { name: 'History' }).click();
        await popup.getByTestId('history-empty').waitFor();
        expect(await pageOverflow(popup)).toBe(0);
        expect(await unnamedControls(popup)).toEqual([]);
      } finally {
        await popup.close();
      }
    });
  }

  it('works by keyboard: Tab reaches the tabs, arrows switch them, Enter sorts the board and opens a subnet', async () => {
    const popup = await openWithData(400);
    try {
      const focusedTab = () => popup.evaluate(() => (document.activeElement?.getAttribute('role') === 'tab' ? document.activeElement.textContent : null));
      for (let i = 0; i < 40 && (await focusedTab()) === null; i++) await popup.keyboard.press('Tab');
      expect(await focusedTab()).toBe('Portfolio');
      await popup.keyboard.press('End');
      expect(await focusedTab()).toBe('History');
      await popup.keyboard.press('Home');
      await popup.keyboard.press('ArrowRight');
      expect(await focusedTab()).toBe('Subnets');
      await expect.poll(() => popup.getByTestId('board-row').count()).toBeGreaterThan(0);

      // Past the network view's controls (window, top subnets, chart range) into the board: the search field,
      // then the first sort header.
      const focusedName = () => popup.evaluate(() => document.activeElement?.textContent?.trim() || document.activeElement?.getAttribute('data-testid'));
      for (let i = 0; i < 40 && !/^Price/.test((await focusedName()) ?? ''); i++) await popup.keyboard.press('Tab');
      expect(await focusedName()).toMatch(/^Price/);
      await popup.keyboard.press('Enter');
      const priceHeader = popup.locator('th', { has: popup.getByRole('button', { name: /^Price/ }) });
      expect(await priceHeader.getAttribute('aria-sort')).toBe('descending');

      // A subnet's name is a button: focus it and press Enter.
      const top = popup.locator('[data-testid="board-row"]').first();
      const netuid = await top.getAttribute('data-netuid');
      await top.locator('.name').focus();
      await popup.keyboard.press('Enter');
      await expect.poll(() => popup.getByTestId('subnet-view').getAttribute('data-netuid')).toBe(netuid);
      // Back returns to the board by keyboard too.
      await popup.getByRole('button', { name: '← Back' }).focus();
      await popup.keyboard.press('Enter');
      await expect.poll(() => popup.getByTestId('board-row').count()).toBeGreaterThan(0);
    } finally {
      await popup.close();
    }
  });
});
