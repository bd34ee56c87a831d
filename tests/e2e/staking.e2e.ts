// Staking in real Chromium: the panel on the fixture taostats subnet page, a fake wallet (real sr25519 //Alice
// through page.exposeFunction), the background building, verifying and submitting, the devnet holding the stake.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openChainSession, type ChainSession } from '@/lib/chain/session';
import { DEFAULT_SLIPPAGE_BPS } from '@/lib/staking/order-checks';
import { launchTaoLens, type TaoLensBrowser } from './chromium';
import { devnetControl } from './control';
import { installFakeWallet, type FakeWallet } from '../fixtures/wallet/fake-wallet';
import { ClosedPanel, openPanelFromExtension, openStakePanel as openPanel, type StateJson } from './stake-panel';

const ctx = inject('e2e');
const control = devnetControl(ctx.controlUrl);
let browser: TaoLensBrowser;
let session: ChainSession;

beforeAll(async () => {
  [browser, session] = await Promise.all([
    launchTaoLens({ extensionDir: ctx.extensionDir, siteHosts: ctx.siteHosts }),
    openChainSession(ctx.devnetUrl),
  ]);
});
afterAll(async () => {
  await session?.close();
  await browser?.close();
});

/** The subnet's fixture taostats page with //Alice's fake wallet and the stake panel open, her balance loaded. */
async function openStakePanel(netuid: number) {
  let wallet!: FakeWallet;
  const { page, panel } = await openPanel(browser.context, netuid, {
    beforeLoad: async (p) => {
      wallet = await installFakeWallet(p, { uri: '//Alice', name: 'Alice', registry: () => session.api.registry });
    },
  });
  return { page, wallet, panel };
}

describe('staking panel', () => {
  it('stakes from the taostats subnet page: quote, exact call, one wallet signature, verified, in block, on chain', async () => {
    const { page, wallet, panel } = await openStakePanel(2);
    // The page cannot see into the panel.
    expect(await page.evaluate(() => document.querySelector('taolens-stake-panel')?.shadowRoot ?? null)).toBeNull();

    await panel.type('#amount', '0.5');
    await expect.poll(() => panel.text('[data-testid="call"]'), { timeout: 20_000 }).toMatch(
      /^subtensorModule\.addStakeLimit\(hotkey: 5\w+, netuid: 2, amount_staked: 500000000 rao \(τ0\.5\), limit_price: \d+ rao\/α .*allow_partial: false\)$/,
    );
    expect(await panel.text('[data-testid="receive"]')).toMatch(/\d/);
    const quoteText = (await panel.text('[data-testid="quote"]'))!;
    expect(quoteText).toMatch(/Price impact/);
    expect(quoteText).toMatch(/Minimum received/);
    expect(quoteText).toMatch(/Network fee/);
    const hotkey = /hotkey: (5\w+)/.exec((await panel.text('[data-testid="call"]'))!)![1]!;

    // A click that is not a person's (script-dispatched) starts nothing.
    await panel.call('[data-testid="confirm"]', 'function () { this.click(); }');
    await page.waitForTimeout(500);
    expect(wallet.signed).toHaveLength(0);

    const before = (await control.state()) as StateJson;
    const alice = ctx.accounts.Alice!;
    const posBefore = BigInt(before.positions.find((p) => p.coldkey === alice && p.hotkey === hotkey && p.netuid === 2)?.alpha ?? '0');
    await panel.confirmAfterLooking();
    await expect.poll(() => panel.attr('[data-testid="tx-status"]', 'data-status'), { timeout: 30_000 }).toMatch(/^(in-block|finalized)$/);
    await expect.poll(() => panel.attr('[data-testid="tx-status"]', 'data-status'), { timeout: 30_000 }).toBe('finalized');
    expect(await panel.text('[data-testid="tx-status"]')).toMatch(/^Stake τ0\.5 on SN2: finalized in block #\d+$/);
    expect(wallet.signed).toHaveLength(1);
    expect(wallet.signed[0]!.address).toBe(alice);

    const after = (await control.state()) as StateJson;
    const posAfter = BigInt(after.positions.find((p) => p.coldkey === alice && p.hotkey === hotkey && p.netuid === 2)?.alpha ?? '0');
    expect(posAfter).toBeGreaterThan(posBefore);
    expect(BigInt(before.accounts[alice]!.free) - BigInt(after.accounts[alice]!.free)).toBeGreaterThanOrEqual(500_000_000n);
    await page.close();
  });

  it('a wallet signature over other bytes is refused and nothing is sent', async () => {
    const { page, wallet, panel } = await openStakePanel(3);
    await panel.type('#amount', '0.25');
    await expect.poll(() => panel.text('[data-testid="call"]'), { timeout: 20_000 }).toMatch(/amount_staked: 250000000 rao/);
    const free = BigInt(((await control.state()) as StateJson).accounts[ctx.accounts.Alice!]!.free);
    wallet.tamperNext();
    await panel.confirmAfterLooking();
    await expect.poll(() => panel.text('[data-testid="flow-error"]'), { timeout: 20_000 }).toMatch(/does not match this transaction, so nothing was sent/);
    expect(wallet.signed).toHaveLength(1);
    await page.waitForTimeout(2_500); // a couple of blocks
    expect(BigInt(((await control.state()) as StateJson).accounts[ctx.accounts.Alice!]!.free)).toBe(free);
    await page.close();
  });
});

describe('nothing is lost', () => {
  it('closing the page while the transaction is in flight still ends with the transaction finalized, in the journal and on chain', async () => {
    const { page, wallet, panel } = await openStakePanel(4);
    await panel.type('#amount', '0.3');
    await expect.poll(() => panel.text('[data-testid="call"]'), { timeout: 20_000 }).toMatch(/amount_staked: 300000000 rao/);
    const hotkey = /hotkey: (5\w+)/.exec((await panel.text('[data-testid="call"]'))!)![1]!;
    const alice = ctx.accounts.Alice!;
    const alphaOf = (st: StateJson) => BigInt(st.positions.find((p) => p.coldkey === alice && p.hotkey === hotkey && p.netuid === 4)?.alpha ?? '0');
    const before = alphaOf((await control.state()) as StateJson);
    await panel.confirmAfterLooking();
    await expect.poll(() => wallet.signed.length, { timeout: 20_000 }).toBe(1);
    // Close the tab as soon as the background has the signed transaction, before it is in a block.
    await expect.poll(() => panel.attr('[data-testid="tx-status"]', 'data-status'), { timeout: 20_000, interval: 50 }).toMatch(/^(submitting|ready)$/);
    await page.close();

    const popup = await browser.openPopup();
    const latest = () =>
      popup.evaluate(async () => {
        const chromeApi = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value: { summary: string; status: string }[] }> } } }).chrome;
        const res = await chromeApi.runtime.sendMessage({ tag: 'taolens/1', body: { type: 'tx/list' } });
        const entry = res.value.find((e) => e.summary.includes('SN4'));
        return entry ? entry.status : null;
      });
    await expect.poll(latest, { timeout: 30_000 }).toBe('finalized');
    expect(alphaOf((await control.state()) as StateJson)).toBeGreaterThan(before);
    await popup.close();
  });
});

describe('routing from the popup', () => {
  it("'staking/open' from an extension page with no content script opens the subnet's taostats page with the panel", async () => {
    const popup = await browser.openPopup();
    const opened = browser.context.waitForEvent('page', { timeout: 20_000 });
    const answer = await popup.evaluate(() =>
      (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
        tag: 'taolens/1',
        body: { type: 'staking/open', action: 'stake', netuid: 5 },
      }),
    );
    expect(answer).toEqual({ ok: true, value: { opened: 'new-tab' } });
    const page = await opened;
    await page.waitForURL(/taostats\.io\/subnets\/5(#taolens-route=[0-9a-f-]{36})?$/);
    const panel = await ClosedPanel.of(page);
    await panel.waitFor('#amount');
    expect(await panel.attr('[data-mode="stake"]', 'aria-pressed')).toBe('true');
    await page.close();
    await popup.close();
  });
});

describe('MEV protection', () => {
  it('a stake of 1 TAO or more goes shielded by default: stake then envelope signed (sealed again, explained, if the key expired), the inner stake lands', async () => {
    const { page, wallet, panel } = await openStakePanel(11);
    await panel.type('#amount', '1.5');
    await expect.poll(() => panel.text('[data-testid="call"]'), { timeout: 20_000 }).toMatch(/amount_staked: 1500000000 rao/);
    expect(await panel.text('[data-testid="quote"]')).toMatch(/Your wallet will ask you to sign twice/);
    const hotkey = /hotkey: (5\w+)/.exec((await panel.text('[data-testid="call"]'))!)![1]!;
    const alice = ctx.accounts.Alice!;
    const pos = async () =>
      BigInt(((await control.state()) as StateJson).positions.find((p) => p.coldkey === alice && p.hotkey === hotkey && p.netuid === 11)?.alpha ?? '0');
    const before = await pos();
    await panel.confirmAfterLooking();
    await expect.poll(() => panel.attr('[data-testid="tx-status"]', 'data-status'), { timeout: 40_000 }).toBe('finalized');
    // The stake is signed once; then the envelope. On a loaded machine the shield key can expire while the
    // envelope waits: it is sealed again (same signed stake, same envelope nonce) and the panel says why.
    const [inner, ...envelopes] = wallet.signed;
    expect(envelopes.length).toBeGreaterThanOrEqual(1);
    for (const envelope of envelopes) expect(BigInt(envelope.nonce)).toBe(BigInt(inner!.nonce) - 1n);
    if (envelopes.length > 1) expect(await panel.text('[data-testid="flow-note"]')).toMatch(/sealed again with the new key/);
    else expect(await panel.text('[data-testid="flow-note"]')).toBeNull();
    expect(await pos()).toBeGreaterThan(before);
    await page.close();
  });
});

describe('entry from a badge card', () => {
  it("the card's Stake button opens the panel for that subnet; a page's forged intent opens nothing", async () => {
    const page = await browser.context.newPage();
    await installFakeWallet(page, { uri: '//Alice', name: 'Alice', registry: () => session.api.registry });
    await page.goto('https://taostats.io/subnets');
    await page.locator('taolens-badge[data-netuid="64"]').first().waitFor({ timeout: 20_000 });
    await page.evaluate(() =>
      document.dispatchEvent(new CustomEvent('taolens:stake-intent', { detail: { action: 'stake', netuid: 7 }, bubbles: true, composed: true })),
    );
    await page.waitForTimeout(500);
    expect(await page.locator('taolens-stake-panel').count()).toBe(0);

    await page.locator('taolens-badge[data-netuid="64"]').first().focus();
    await page.locator('taolens-card[data-netuid="64"]').waitFor();
    await page.keyboard.press('Enter'); // into the card, on its Stake button
    await page.keyboard.press('Enter'); // a real key press on Stake
    const panel = await ClosedPanel.of(page);
    await panel.waitFor('#amount');
    expect(await panel.call<string>('#netuid', 'function () { return this.value; }')).toBe('64');
    expect(await panel.attr('[data-mode="stake"]', 'aria-pressed')).toBe('true');
    // Price protection shows the settings' default: as the field's value once the account is read, and as
    // the placeholder that says what an emptied field means.
    const defaultPercent = (DEFAULT_SLIPPAGE_BPS / 100).toFixed(2);
    await expect.poll(() => panel.call<string>('#slippage', 'function () { return this.value; }')).toBe(defaultPercent);
    expect(await panel.call<string>('#slippage', 'function () { return this.placeholder; }')).toBe(defaultPercent);
    // Light or dark as the page looks, like the cards: taostats is dark; a page gone light gets a light panel.
    expect(await page.locator('taolens-stake-panel').getAttribute('data-theme')).toBe('dark');
    await page.evaluate(() => {
      document.body.style.background = '#ffffff';
      document.body.style.color = '#0f1419';
    });
    await openPanelFromExtension(page, 64);
    await expect.poll(() => page.locator('taolens-stake-panel').getAttribute('data-theme')).toBe('light');
    await page.close();
  });

  it('when the panel cannot be loaded into the page, Stake says so where the panel would be, and nothing is signed', async () => {
    // A damaged install: the panel's code is missing from the extension.
    const damaged = mkdtempSync(join(tmpdir(), 'taolens-damaged-'));
    cpSync(ctx.extensionDir, damaged, { recursive: true });
    rmSync(join(damaged, 'stake-panel.js'));
    const other = await launchTaoLens({ extensionDir: damaged, siteHosts: ctx.siteHosts });
    try {
      const page = await other.context.newPage();
      const wallet = await installFakeWallet(page, { uri: '//Alice', name: 'Alice', registry: () => session.api.registry });
      await page.goto('https://taostats.io/subnets');
      await page.locator('taolens-badge[data-netuid="64"]').first().waitFor({ timeout: 20_000 });
      await page.locator('taolens-badge[data-netuid="64"]').first().focus();
      await page.locator('taolens-card[data-netuid="64"]').waitFor();
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      const panel = await ClosedPanel.of(page);
      await panel.waitFor('[role="alert"]');
      const said = await panel.call<string>('[role="alert"]', 'function () { return this.textContent; }');
      expect(said).toMatch(/^TaoLens could not open the staking panel: .+[^.]\. Nothing was signed or sent\.Close$/);
      expect(await panel.call('#amount', 'function () { return 1; }')).toBeNull();
      expect(wallet.signed).toEqual([]);
      await panel.click('[role="alert"] button');
      await expect.poll(() => page.locator('taolens-stake-panel').count()).toBe(0);
    } finally {
      await other.close();
      rmSync(damaged, { recursive: true, force: true });
    }
  });
});

// Issue 19: what the panel starts on (the account holding the position for an unstake, else the last one used;
// the default validator by its stated rule) and the validator list's stake after a stake, without reopening.
const ALICE = ctx.accounts.Alice!;
const BOB = ctx.accounts.Bob!;

/** Bob's wallet first, then Alice's: the wallet bridge lists Bob's account first. */
async function twoWallets(page: Page) {
  await installFakeWallet(page, { uri: '//Bob', name: 'Bob', source: 'subwallet-js', registry: () => session.api.registry });
  await installFakeWallet(page, { uri: '//Alice', name: 'Alice', registry: () => session.api.registry });
}

const chosenAccount = (panel: ClosedPanel) => panel.call<string>('#account', 'function () { return this.value; }');
const listedAccounts = (panel: ClosedPanel) => panel.call<string[]>('#account', 'function () { return [...this.options].map((o) => o.value); }');

/** The validator list as shown: each row's hotkey, whether it is chosen, its permit, take (%) and stake (whole alpha). */
function validatorRows(panel: ClosedPanel) {
  return panel.call<{ hotkey: string; pressed: boolean; permit: boolean; take: number; stake: number }[]>(
    '.vlist',
    `function () {
      return [...this.querySelectorAll('button')].map((b) => {
        const [name, figures] = [...b.querySelectorAll('span')].map((s) => s.textContent);
        const m = /take ([\\d.]+) % · ([\\d,.]+)/.exec(figures);
        return { hotkey: b.title, pressed: b.getAttribute('aria-pressed') === 'true', permit: !name.includes('no permit here'), take: Number(m[1]), stake: Number(m[2].replace(/,/g, '')) };
      });
    }`,
  );
}

describe('the staking panel starts where the user is', () => {
  it('an unstake opens on the account that holds the position, not the first one the wallet lists', async () => {
    // Alice holds alpha on SN2; Bob holds none there.
    const { page, panel } = await openPanel(browser.context, 2, { action: 'unstake', beforeLoad: twoWallets });
    expect(await listedAccounts(panel)).toEqual([BOB, ALICE]);
    await expect.poll(() => chosenAccount(panel), { timeout: 20_000 }).toBe(ALICE);
    expect(await panel.text('[data-testid="free"]')).toMatch(/staked here: [\d,.]+ α SN2/);
    await page.close();
  });

  it('the default validator follows the stated rule and is shown with name, take and stake; after a stake its stake is updated in place; the next panel opens on the account last used', async () => {
    const { page, panel } = await openPanel(browser.context, 64, { action: 'unstake', beforeLoad: twoWallets });
    // Alice holds nothing on SN64 and neither does Bob: an unstake falls back to the first listed (no journal entry yet from this browser for them).
    await panel.waitFor('.vlist button[aria-pressed="true"]');
    const rows = (await validatorRows(panel))!;
    const permitted = rows.filter((r) => r.permit);
    const best = [...(permitted.length ? permitted : rows)].sort((a, b) => b.stake - a.stake || a.take - b.take)[0]!;
    expect(rows.find((r) => r.pressed)?.hotkey).toBe(best.hotkey);
    const choice = (await panel.text('[data-testid="validator-choice"]'))!;
    expect(choice).toMatch(/ · take [\d.]+ % · stake [\d,.]+ α SN64 \(default: yours first, then those with a permit here by most stake, then lowest take\)$/);

    // Stake from Alice's account (chosen with the keyboard, as a person would), with the default validator.
    if ((await chosenAccount(panel)) !== ALICE) {
      await panel.call('#account', 'function () { this.focus(); }');
      await page.keyboard.press('ArrowDown');
    }
    await expect.poll(() => chosenAccount(panel)).toBe(ALICE);
    await panel.click('[data-mode="stake"]');
    await panel.waitFor('.vlist button[aria-pressed="true"]');
    const hotkey = (await validatorRows(panel))!.find((r) => r.pressed)!.hotkey;
    const stakeOf = async () => (await validatorRows(panel))!.find((r) => r.hotkey === hotkey)!.stake;
    const before = await stakeOf();
    await panel.type('#amount', '5');
    await panel.expectCall(/^subtensorModule\.addStakeLimit\(hotkey: 5\w+, netuid: 64, amount_staked: 5000000000 rao/);
    await panel.confirmAfterLooking();
    await expect.poll(() => panel.attr('[data-testid="tx-status"]', 'data-status'), { timeout: 60_000 }).toBe('finalized');
    // The same panel, not reopened: the validator's stake now counts the alpha just staked (about 260 α at SN64's price).
    await expect.poll(stakeOf, { timeout: 20_000 }).toBeGreaterThan(before + 100);
    expect(await panel.text('[data-testid="free"]')).toMatch(/staked here: [\d,.]+ α SN64/);
    await page.close();

    // A stake opens on the account the user last sent from, though the wallet lists Bob first.
    const next = await openPanel(browser.context, 5, { beforeLoad: twoWallets });
    await expect.poll(() => chosenAccount(next.panel), { timeout: 20_000 }).toBe(ALICE);
    await next.page.close();
  });
});
