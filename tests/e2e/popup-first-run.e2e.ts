/**
 * A new user's first minutes in the popup (issue 19), in real Chromium against the devnet: a watch address is
 * read at once and never shown as τ0 meanwhile; validators by name; the portfolio filter and the dust count by
 * its toggle; what is spendable beside a frozen balance; the gap line with nothing staked; a cut-off address;
 * the status pill over data that stopped coming. Devnet state touched here (paused blocks) is restored in
 * `finally` blocks: other files share the devnet.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatExact } from '../../lib/units/amount';
import { launchTaoLens, type TaoLensBrowser } from './chromium';
import { devnetControl } from './control';
import { cleanName } from '@/lib/chain/text';

interface StateJson {
  blockNumber: number;
  subnets: { netuid: number; price: string }[];
  accounts: Record<string, { free: string; reserved: string; frozen: string }>;
  positions: { coldkey: string; hotkey: string; netuid: number; alpha: string }[];
  validators: { hotkey: string; name?: string }[];
}

const ctx = inject('e2e');
const control = devnetControl(ctx.controlUrl);
const { Alice: ALICE, Ferdie: FERDIE, Eve: EVE } = ctx.accounts as Record<string, string>;
let browser: TaoLensBrowser;
let popup: Page;

beforeAll(async () => {
  browser = await launchTaoLens({ extensionDir: ctx.extensionDir, siteHosts: ctx.siteHosts });
  popup = await browser.openPopup(400);
  await popup.getByTestId('connection').filter({ hasText: /^live$/ }).waitFor({ timeout: 30_000 });
});
afterAll(async () => {
  await browser?.close();
});

const state = async () => (await control.state()) as StateJson;

async function addWatch(address: string) {
  await popup.getByTestId('watch-input').fill(address);
  await popup.getByRole('button', { name: 'Add', exact: true }).click();
}

/** Ticks only `address` in the account list (the portfolio sums the ticked accounts; the last ticked one stays). */
async function selectOnly(address: string) {
  // One click at a time, each confirmed by the background's next view before the next click.
  const target = popup.locator(`[data-testid="account"][data-address="${address}"]`).getByRole('checkbox');
  if (!(await target.isChecked())) await target.click();
  await expect.poll(() => target.isChecked()).toBe(true);
  for (const el of await popup.getByTestId('account').all()) {
    const box = el.getByRole('checkbox');
    if ((await el.getAttribute('data-address')) === address) continue;
    await expect.poll(async () => {
      if (await box.isChecked()) await box.click();
      return box.isChecked();
    }).toBe(false);
  }
  await expect.poll(() => popup.getByTestId('portfolio-source').textContent()).toMatch(/^1 account /);
}

const spotOf = (s: StateJson, p: { netuid: number; alpha: string }) =>
  (BigInt(p.alpha) * BigInt(s.subnets.find((x) => x.netuid === p.netuid)!.price)) / 1_000_000_000n;

describe('popup: first minutes', () => {
  it('a new watch address is read at once (no new block needed) and shows as loading meanwhile, never as τ0 or "No stake"', async () => {
    await control.pause();
    try {
      const s = await state();
      await expect.poll(() => popup.getByTestId('snapshot-block').textContent(), { timeout: 15_000 }).toContain(`block #${s.blockNumber} `);
      // Everything the user sees from the click on: a zero total, "0 accounts" or "No stake" would be a lie.
      await popup.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { seen: string[] }).seen = seen;
        const check = () => {
          if (!document.querySelector('[data-testid="account"]')) return;
          const spot = document.querySelector('[data-testid="total-spot"]');
          if (spot?.getAttribute('data-exact') === '0') seen.push('total τ0');
          if (document.querySelector('[data-testid="no-positions"]')) seen.push('no stake');
          if (/^0 accounts/.test(document.querySelector('[data-testid="portfolio-source"]')?.textContent ?? '')) seen.push('0 accounts');
        };
        new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      });
      await addWatch(ALICE!);
      const want = BigInt(s.accounts[ALICE!]!.free) + s.positions.filter((p) => p.coldkey === ALICE).reduce((sum, p) => sum + spotOf(s, p), 0n);
      await expect.poll(() => popup.getByTestId('total-spot').getAttribute('data-exact'), { timeout: 15_000 }).toBe(formatExact(want));
      // Read from the block already on screen: no block was produced meanwhile.
      expect((await state()).blockNumber).toBe(s.blockNumber);
      expect(await popup.getByTestId('snapshot-block').textContent()).toContain(`block #${s.blockNumber} `);
      expect(await popup.evaluate(() => (window as unknown as { seen: string[] }).seen)).toEqual([]);
    } finally {
      await control.resume();
    }
  });

  it('validators show their on-chain names with the hotkey prefix beside and the whole hotkey on hover', async () => {
    const s = await state();
    const rows = popup.getByTestId('validator-row');
    await expect.poll(() => rows.count()).toBe(s.positions.filter((p) => p.coldkey === ALICE).length);
    for (const p of s.positions.filter((x) => x.coldkey === ALICE)) {
      // As the reader cleans it (the scenario has zero-width and fullwidth look-alike names).
      const name = cleanName(s.validators.find((v) => v.hotkey === p.hotkey)!.name)!;
      expect(name.length).toBeGreaterThan(0);
      const row = popup.locator(`[data-testid="group"][data-netuid="${p.netuid}"] [data-testid="validator-row"]`).filter({
        has: popup.locator(`code[title="validator hotkey ${p.hotkey}"]`),
      });
      await expect(row.locator('.validator-name').textContent()).resolves.toBe(name);
      await expect(row.locator('.validator-name').getAttribute('title')).resolves.toContain(p.hotkey);
      await expect(row.locator('code.address').textContent()).resolves.toBe(`${p.hotkey.slice(0, 6)}…`);
    }
  });

  it('filters the portfolio by SN number, subnet or validator name, and says when nothing matches', async () => {
    const s = await state();
    const netuids = () => popup.getByTestId('group').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-netuid'))));
    const search = popup.getByTestId('portfolio-search');
    await search.fill('sn42');
    await expect.poll(netuids).toEqual([42]);
    await expect(popup.getByTestId('portfolio-count').textContent()).resolves.toMatch(/^1 of \d+ subnets$/);
    // A validator Alice stakes through whose name no other validator shares.
    const aliceHotkeys = new Set(s.positions.filter((p) => p.coldkey === ALICE).map((p) => p.hotkey));
    const v = s.validators.find((x) => aliceHotkeys.has(x.hotkey) && /^Test Validator \d+$/.test(x.name ?? ''))!;
    const viaV = s.positions.filter((p) => p.coldkey === ALICE && p.hotkey === v.hotkey).map((p) => p.netuid);
    expect(viaV.length).toBeGreaterThan(0);
    await search.fill(v.name!.toLowerCase());
    await expect.poll(async () => [...(await netuids())].sort((a, b) => a - b)).toEqual([...viaV].sort((a, b) => a - b));
    await expect.poll(() => popup.locator('[data-testid="validator-row"] .validator-name').allTextContents()).toEqual(viaV.map(() => v.name));
    await search.fill('no such subnet');
    await expect.poll(() => popup.getByTestId('no-match').textContent()).toContain('No position matches');
    expect(await popup.getByTestId('group').count()).toBe(0);
    await search.fill('');
    await expect.poll(async () => (await netuids()).length).toBe(new Set(s.positions.filter((p) => p.coldkey === ALICE).map((p) => p.netuid)).size);
  });

  it('beside a frozen balance it shows what is spendable: free − max(frozen − reserved, existential deposit)', async () => {
    const before = await popup.getByTestId('account').count();
    await addWatch(FERDIE!);
    await expect.poll(() => popup.getByTestId('account').count()).toBe(before + 1);
    await selectOnly(FERDIE!);
    const s = await state();
    const { free, reserved, frozen } = s.accounts[FERDIE!]!;
    // Ferdie: τ2,000 free, τ1,500 frozen, nothing reserved; the freeze is far above the existential deposit.
    expect(BigInt(frozen)).toBeGreaterThan(1_000_000n);
    await expect.poll(() => popup.getByTestId('total-free').getAttribute('data-exact')).toBe(formatExact(BigInt(free)));
    expect(await popup.getByTestId('total-spendable').getAttribute('data-exact')).toBe(formatExact(BigInt(free) - (BigInt(frozen) - BigInt(reserved))));
    await expect(popup.getByTestId('total-spendable').textContent()).resolves.toBe('τ500');
  });

  it('with nothing staked the gap line says so (no "not observed of staked")', async () => {
    const before = await popup.getByTestId('account').count();
    await addWatch(EVE!);
    await expect.poll(() => popup.getByTestId('account').count()).toBe(before + 1);
    await selectOnly(EVE!);
    await expect.poll(() => popup.getByTestId('no-positions').count()).toBe(1);
    const gap = (await popup.getByTestId('total-gap').textContent())!;
    expect(gap).toBe('none: nothing staked');
  });

  it('a cut-off address is refused as too short, not as a checksum mismatch, and changes nothing', async () => {
    const before = await popup.getByTestId('account').count();
    await addWatch(ALICE!.slice(0, -4));
    const error = popup.getByTestId('watch-error');
    await expect.poll(() => error.textContent()).toContain('too short');
    expect(await error.textContent()).not.toContain('checksum');
    expect(await popup.getByTestId('account').count()).toBe(before);
  });

  it('the count of positions hidden under the dust limit sits in the toggle\'s own label', async () => {
    // A dust limit of τ100, set where a user sets it: the options page.
    const options = await browser.context.newPage();
    try {
      await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
      await options.getByLabel('Hide positions worth less than (τ)').fill('100');
      await options.getByRole('button', { name: 'Save', exact: true }).click();
      await expect.poll(() => options.getByRole('status').textContent()).toMatch(/saved/i);
    } finally {
      await options.close();
    }
    await popup.close();
    popup = await browser.openPopup(400);
    await expect.poll(() => popup.getByTestId('connection').textContent(), { timeout: 30_000 }).toBe('live');
    if (!(await popup.locator(`[data-testid="account"][data-address="${ALICE}"]`).count())) await addWatch(ALICE!);
    await selectOnly(ALICE!);
    const s = await state();
    const small = s.positions.filter((p) => p.coldkey === ALICE && spotOf(s, p) < 100_000_000_000n).length;
    expect(small).toBeGreaterThan(0);
    const toggle = popup.locator('label.check', { has: popup.getByRole('checkbox', { name: /Hide under/ }) });
    await expect.poll(() => toggle.textContent()).toBe(`Hide under τ100 (${small} hidden)`);
    await toggle.getByRole('checkbox').uncheck();
    await expect.poll(() => toggle.textContent()).toBe('Hide under τ100');
    await toggle.getByRole('checkbox').check();
  });

  it('the status pill turns from live to stale, with the data\'s age, when blocks stop, and back to live when they resume', async () => {
    const pill = popup.getByTestId('connection');
    await expect.poll(() => pill.textContent(), { timeout: 20_000 }).toBe('live');
    await control.pause();
    try {
      await expect.poll(() => pill.textContent(), { timeout: 50_000, interval: 1_000 }).toMatch(/^stale · \d+ s ago$/);
      const age = Number(/(\d+) s ago/.exec((await pill.textContent())!)![1]);
      expect(age).toBeGreaterThanOrEqual(30);
    } finally {
      await control.resume();
    }
    await expect.poll(() => pill.textContent(), { timeout: 45_000, interval: 1_000 }).toBe('live');
  });
});
