import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchTaoLens, type TaoLensBrowser } from './chromium';

// Revenue, subsidy and coverage as a user sees them, from the fixture revenue API (metagraph.sh and
// Chutes shapes) against the devnet's subsidy. SN64 has revenue there; SN1 is reported as not observed.
let browser: TaoLensBrowser;
const ctx = inject('e2e');

beforeAll(async () => {
  browser = await launchTaoLens({ extensionDir: ctx.extensionDir, siteHosts: ctx.siteHosts });
});
afterAll(async () => {
  await browser?.close();
});

it('the popup board shows revenue, subsidy and coverage with how they were computed, and "not observed" without a figure', async () => {
  const popup = await browser.openPopup(800);
  await popup.getByRole('tab', { name: 'Subnets' }).click();
  const row = (netuid: number) => popup.locator(`[data-testid="board-row"][data-netuid="${netuid}"]`);
  await row(64).waitFor({ timeout: 30_000 });

  const cells64 = row(64).locator('td');
  // columns: SN, price, mkt cap, TAO in pool, subsidy, revenue, coverage, 24 h
  await expect.poll(() => cells64.nth(5).textContent(), { timeout: 30_000 }).toMatch(/^\$[\d.,]+[KMB]? \/7d$/);
  const subsidy = await cells64.nth(4).textContent();
  expect(subsidy).toMatch(/^τ[\d,.]+\$[\d.,]+[KMB]?$/); // TAO and USD
  const coverage = cells64.nth(6).locator('span');
  expect(await coverage.textContent()).toMatch(/^\d+(\.\d+)?%$/);
  const explain = (await coverage.getAttribute('title')) ?? '';
  expect(explain).toMatch(/^Revenue \$[\d,.]+ over 7 d from (metagraph\.sh|Chutes)/);
  expect(explain).toContain('÷ subsidy');
  expect(explain).toContain('per-block snapshot × 7,200');

  const cells1 = row(1).locator('td');
  expect(await cells1.nth(5).textContent()).toBe('not observed');
  expect(await cells1.nth(6).textContent()).toBe('not observed');
  expect(await cells1.nth(6).locator('span').getAttribute('title')).toContain('unknown (not 0)');
  await popup.close();
});
