/**
 * The popup against the devnet in real Chromium: first run, watch addresses (valid, malformed, EVM),
 * totals exactly as the devnet's state implies, the board and subnet view, and the stale banner when the
 * chain goes away and comes back. Devnet state touched here (paused blocks, refused connections) is
 * restored in `finally` blocks: other files share the devnet.
 */
import { encodeAddress, decodeAddress } from '@polkadot/util-crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatAmount, formatExact } from '../../lib/units/amount';
import { launchTaoLens, type TaoLensBrowser } from './chromium';
import { openToolbarPopup } from './toolbar-popup';
import { devnetControl } from './control';

interface StateJson {
  blockNumber: number;
  subnets: { netuid: number; name: string; symbol: string; price: string }[];
  accounts: Record<string, { free: string }>;
  positions: { coldkey: string; hotkey: string; netuid: number; alpha: string; locked: string }[];
}

/** components/popup/PortfolioPanel.tsx: TOTAL_TIMING (the Element Timing name of the portfolio total). */
const TOTAL_TIMING = 'taolens:portfolio-total';
const ctx = inject('e2e');
const control = devnetControl(ctx.controlUrl);
const ALICE = ctx.accounts.Alice!;
let browser: TaoLensBrowser;
let popup: Page;

beforeAll(async () => {
  browser = await launchTaoLens({ extensionDir: ctx.extensionDir, siteHosts: ctx.siteHosts });
  popup = await browser.openPopup(400);
});
afterAll(async () => {
  await browser?.close();
});

const accountAddresses = () => popup.getByTestId('account').evaluateAll((els) => els.map((e) => e.getAttribute('data-address')));

async function addWatch(address: string) {
  await popup.getByTestId('watch-input').fill(address);
  await popup.getByRole('button', { name: 'Add', exact: true }).click();
}

/** The devnet's view of a coldkey: free + Σ floor(alpha × price / 1e9) per position (the rounding lib/portfolio documents). */
function expectedTotals(state: StateJson, coldkey: string) {
  const price = new Map(state.subnets.map((s) => [s.netuid, BigInt(s.price)]));
  const mine = state.positions.filter((p) => p.coldkey === coldkey);
  const staked = mine.reduce((sum, p) => sum + (BigInt(p.alpha) * price.get(p.netuid)!) / 1_000_000_000n, 0n);
  const free = BigInt(state.accounts[coldkey]!.free);
  return { free, staked, total: free + staked, netuids: [...new Set(mine.map((p) => p.netuid))].sort((a, b) => a - b), positions: mine };
}

/** With blocks paused: produces one block and waits until the open popup shows it; returns that block's state. */
async function nextBlockShown(): Promise<StateJson> {
  await control.produceBlock();
  const state = (await control.state()) as StateJson;
  await expect
    .poll(() => popup.getByTestId('snapshot-block').textContent(), { timeout: 20_000 })
    .toContain(`block #${state.blockNumber} `);
  return state;
}

/** A data-exact amount (decimal, 9 places at most) back to its smallest unit. */
function raoOf(exact: string): bigint {
  const [whole, fraction = ''] = exact.split('.');
  return BigInt(whole!) * 1_000_000_000n + BigInt(fraction.padEnd(9, '0'));
}

describe('popup', () => {
  it('first run explains how to connect a wallet or watch an address', async () => {
    await expect.poll(() => popup.getByTestId('connection').textContent(), { timeout: 20_000 }).toBe('live');
    await expect(popup.getByTestId('first-run').textContent()).resolves.toContain('taostats.io');
    expect(await popup.getByRole('tablist').count()).toBe(1);
    expect(await popup.getByRole('tab', { name: 'Portfolio' }).getAttribute('aria-selected')).toBe('true');
  });

  it('refuses a malformed and an EVM (H160) address with a message, leaving the accounts unchanged', async () => {
    const before = await accountAddresses();
    await addWatch('5NotAnAddress0OIl');
    await expect.poll(() => popup.getByTestId('watch-error').textContent()).toMatch(/not an SS58 address|not a valid SS58/);
    expect(await accountAddresses()).toEqual(before);

    await addWatch('0x52908400098527886E0F7030069857D2E4169EE7');
    await expect.poll(() => popup.getByTestId('watch-error').textContent()).toContain('EVM (H160)');
    expect(await accountAddresses()).toEqual(before);

    // A checksum error (last character changed) is refused too.
    await addWatch(ALICE.slice(0, -1) + (ALICE.endsWith('a') ? 'b' : 'a'));
    await expect.poll(() => popup.getByTestId('watch-error').textContent()).toContain('checksum');
    expect(await accountAddresses()).toEqual(before);
  });

  it('a watch address typed in another SS58 prefix is shown in prefix 42 and its totals match the devnet exactly', async () => {
    const polkadotForm = encodeAddress(decodeAddress(ALICE), 0);
    expect(polkadotForm).not.toBe(ALICE);
    await addWatch(polkadotForm);
    await expect.poll(() => popup.getByTestId('watch-added').textContent()).toContain('prefix 42');
    await expect.poll(accountAddresses).toEqual([ALICE]);

    // Wait until Alice's positions are read, then freeze the chain on a block whose state we can read back.
    await expect.poll(() => popup.getByTestId('group').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await control.pause();
    try {
      const before = (await control.state()) as StateJson;
      const state = await nextBlockShown();
      const want = expectedTotals(state, ALICE);
      expect(want.positions.length).toBeGreaterThan(3);

      const spot = popup.getByTestId('total-spot');
      expect(await spot.getAttribute('data-exact')).toBe(formatExact(want.total));
      expect(await spot.textContent()).toBe(formatAmount(want.total, { unit: 'TAO' }));
      expect(await popup.getByTestId('total-free').getAttribute('data-exact')).toBe(formatExact(want.free));
      expect(await popup.getByTestId('total-staked').getAttribute('data-exact')).toBe(formatExact(want.staked));

      // Every position is listed once dust is shown, grouped by subnet.
      const dust = popup.getByRole('checkbox', { name: /Hide under/ });
      if (await dust.isChecked()) await dust.uncheck();
      const netuids = await popup.getByTestId('group').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-netuid'))));
      expect([...netuids].sort((a, b) => a - b)).toEqual(want.netuids);
      expect(await popup.getByTestId('validator-row').count()).toBe(want.positions.length);
      // Estimated dividends a day: what each position gained in this block × 7,200 (the devnet pays every
      // block), give or take a day of per-block rounding. Root's dividends are paid on other subnets: none shown.
      for (const p of want.positions) {
        const row = popup
          .locator(`[data-testid="group"][data-netuid="${p.netuid}"] [data-testid="validator-row"]`)
          .filter({ has: popup.locator(`code[title="validator hotkey ${p.hotkey}"]`) });
        const shown = row.getByTestId('daily-emission');
        if (p.netuid === 0) {
          expect(await shown.count()).toBe(0);
          continue;
        }
        const was = before.positions.find((b) => b.coldkey === p.coldkey && b.hotkey === p.hotkey && b.netuid === p.netuid)!;
        const expected = (BigInt(p.alpha) - BigInt(was.alpha)) * 7_200n;
        const diff = raoOf((await shown.getAttribute('data-exact'))!) - expected;
        expect(diff < 0n ? -diff : diff).toBeLessThanOrEqual(2n * 7_200n);
      }
      // Alpha is written "α SN1" (README: one unit convention), never τ (root stake is TAO).
      await expect(popup.locator('[data-testid="group"][data-netuid="1"] .group-sub').textContent()).resolves.toMatch(/[\d.,]+ α SN1(?!\d)/);
      await dust.check();

      // Sorting by name puts the groups in name order.
      await popup.getByRole('button', { name: /^Name/ }).click();
      const names = await popup.locator('[data-testid="group"] .group-head .chain-text').allTextContents();
      expect(names.length).toBeGreaterThan(1);
      await popup.getByRole('button', { name: /^Value/ }).click();

      // CSV export: exact amounts and units in the header.
      const [download] = await Promise.all([popup.waitForEvent('download'), popup.getByTestId('export-csv').click()]);
      const stream = await download.createReadStream();
      let csv = '';
      for await (const chunk of stream) csv += String(chunk);
      const [header, ...rows] = csv.trim().split('\r\n');
      expect(header).toContain('spot value (TAO)');
      expect(rows).toHaveLength(want.positions.length);
      const sn1Row = rows.find((r) => r.split(',')[2] === '1')!;
      const pos1 = want.positions.find((p) => p.netuid === 1)!;
      expect(sn1Row.split(',')[5]).toBe(formatExact(BigInt(pos1.alpha)));
    } finally {
      await control.resume();
    }
  });

  it('opened from the toolbar, its first painted frame already shows the last snapshot: the exact totals of the chain block it names', async () => {
    await control.pause();
    try {
      // The background has stored this block's view once the open popup shows it.
      const state = await nextBlockShown();
      const want = expectedTotals(state, ALICE);

      const toolbar = await openToolbarPopup(browser);
      try {
        // Read in the callback of the total's first paint (Element Timing), before anything else could run.
        const first = await toolbar.evaluate<{ exact: string; text: string; block: string }>(`new Promise((resolve) => {
          new PerformanceObserver((list, observer) => {
            if (!list.getEntries().some((e) => e.identifier === ${JSON.stringify(TOTAL_TIMING)})) return;
            observer.disconnect();
            const total = document.querySelector('[data-testid="total-spot"]');
            resolve({ exact: total.dataset.exact, text: total.textContent, block: document.querySelector('[data-testid="snapshot-block"]').textContent });
          }).observe({ type: 'element', buffered: true });
        })`);
        expect(first.exact).toBe(formatExact(want.total));
        expect(first.text).toBe(formatAmount(want.total, { unit: 'TAO' }));
        expect(first.block).toContain(`block #${state.blockNumber} `);
        // Then it goes live on its own.
        await expect
          .poll(() => toolbar.evaluate<string>(`document.querySelector('[data-testid="connection"]').textContent`), { timeout: 20_000 })
          .toBe('live');
      } finally {
        await toolbar.close();
      }
    } finally {
      await control.resume();
    }
  });

  it('the board lists every subnet, searches, sorts by a header and opens a subnet view whose Stake opens the staking panel on the subnet page', async () => {
    const state = (await control.state()) as StateJson;
    await popup.getByRole('tab', { name: 'Subnets' }).click();
    await expect.poll(() => popup.getByTestId('board-row').count()).toBe(state.subnets.length);

    // Hostile on-chain text renders as text: no element injected, nothing executed.
    const hostile = state.subnets.find((s) => s.netuid === 13)!;
    const row13 = popup.locator('[data-testid="board-row"][data-netuid="13"]');
    expect(await row13.locator('script, img, iframe').count()).toBe(0);
    expect((await row13.locator('.subnet-name').textContent())!.length).toBeLessThanOrEqual(121);
    expect(hostile.name.length).toBeGreaterThan(0);

    await popup.getByTestId('board-search').fill('SN42');
    await expect.poll(() => popup.getByTestId('board-row').count()).toBe(1);
    await popup.getByTestId('board-search').fill(state.subnets.find((s) => s.netuid === 1)!.symbol);
    await expect.poll(() => popup.locator('[data-testid="board-row"]').first().getAttribute('data-netuid')).toBe('1');
    await popup.getByTestId('board-search').fill('');

    const priceHeader = popup.locator('th', { has: popup.getByRole('button', { name: /^Price/ }) });
    await priceHeader.getByRole('button').click();
    expect(await priceHeader.getAttribute('aria-sort')).toBe('descending');
    const top = await popup.locator('[data-testid="board-row"]').first().getAttribute('data-netuid');
    const maxPrice = [...state.subnets].sort((a, b) => (BigInt(b.price) > BigInt(a.price) ? 1 : -1))[0]!;
    expect(Number(top)).toBe(maxPrice.netuid);
    await priceHeader.getByRole('button').click();
    expect(await priceHeader.getAttribute('aria-sort')).toBe('ascending');
    // Revenue is unknown, not 0; 24 h change needs a day of history.
    await expect(popup.locator('[data-testid="board-row"][data-netuid="1"]').textContent()).resolves.toContain('not observed');

    await popup.locator('[data-testid="board-row"][data-netuid="1"] .name').click();
    await expect.poll(() => popup.getByTestId('subnet-view').getAttribute('data-netuid')).toBe('1');
    // Stake routes to the subnet's page with the staking panel (wallets only reach web pages), and the
    // popup closes so that page is in front.
    const opened = browser.context.waitForEvent('page', { timeout: 20_000 });
    await popup.getByRole('button', { name: 'Stake', exact: true }).click();
    const page = await opened;
    await page.waitForURL(/taostats\.io\/subnets\/1(#taolens-route=[0-9a-f-]{36})?$/);
    await expect.poll(() => page.locator('taolens-stake-panel').count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => popup.isClosed()).toBe(true);
    await page.close();
    popup = await browser.openPopup(400);
  });

  it('shows the stale banner when the devnet goes away and clears it when it comes back', async () => {
    await expect.poll(() => popup.getByTestId('connection').textContent(), { timeout: 20_000 }).toBe('live');
    expect(await popup.getByTestId('stale-banner').count()).toBe(0);
    const lastBlock = ((await control.state()) as StateJson).blockNumber;
    await control.refuseConnections(true);
    try {
      await control.dropConnections();
      await expect.poll(() => popup.getByTestId('stale-banner').count(), { timeout: 15_000 }).toBe(1);
      const text = (await popup.getByTestId('stale-banner').textContent()) ?? '';
      expect(text).toMatch(/^Stale: last block #\d+, (just now|\d+ (s|min) ago) — /);
      expect(Number(/#(\d+)/.exec(text)![1])).toBeGreaterThanOrEqual(lastBlock - 2);
    } finally {
      await control.refuseConnections(false);
    }
    // Backoff may have grown while refused: press Retry as a user would if it takes a while.
    const deadline = Date.now() + 45_000;
    while ((await popup.getByTestId('stale-banner').count()) > 0 && Date.now() < deadline) {
      await popup.waitForTimeout(3_000);
      const retry = popup.getByTestId('stale-banner').getByRole('button', { name: 'Retry' });
      if (await retry.count()) await retry.click().catch(() => undefined);
    }
    expect(await popup.getByTestId('stale-banner').count()).toBe(0);
    expect(await popup.getByTestId('connection').textContent()).toBe('live');
  });
});
