/**
 * What the staking panel starts on and shows after a stake, in real Chromium against the devnet (issue 19): the
 * account holding the position for an unstake, else the last one used (two wallets on the page, Bob's listed
 * first); the default validator by its stated rule, shown with name, take and stake; and the validator list's
 * stake for that validator once the stake has landed, without reopening the panel.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openChainSession, type ChainSession } from '@/lib/chain/session';
import { launchTaoLens, type TaoLensBrowser } from './chromium';
import { installFakeWallet } from '../fixtures/wallet/fake-wallet';
import { openStakePanel, type ClosedPanel } from './stake-panel';

const ctx = inject('e2e');
const ALICE = ctx.accounts.Alice!;
const BOB = ctx.accounts.Bob!;
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
    const { page, panel } = await openStakePanel(browser.context, 2, { action: 'unstake', beforeLoad: twoWallets });
    expect(await listedAccounts(panel)).toEqual([BOB, ALICE]);
    await expect.poll(() => chosenAccount(panel), { timeout: 20_000 }).toBe(ALICE);
    expect(await panel.text('[data-testid="free"]')).toMatch(/staked here: [\d,.]+ α SN2/);
    await page.close();
  });

  it('the default validator follows the stated rule and is shown with name, take and stake; after a stake its stake is updated in place; the next panel opens on the account last used', async () => {
    const { page, panel } = await openStakePanel(browser.context, 64, { action: 'unstake', beforeLoad: twoWallets });
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
    const next = await openStakePanel(browser.context, 5, { beforeLoad: twoWallets });
    await expect.poll(() => chosenAccount(next.panel), { timeout: 20_000 }).toBe(ALICE);
    await next.page.close();
  });
});
