/**
 * Staking actions in real Chromium against the devnet: stakes started from the popup and from a badge's card
 * that show in the portfolio, unstake and move, a stake the price ran away from, a three-subnet batch that
 * lands whole or not at all, and a page that posts fake wallet-bridge messages (tests/e2e/hostile-page.e2e.ts has the rest). //Alice's fake wallet (real sr25519) is on every page of the browser, so the
 * pages the extension opens itself have it too.
 *
 * Transactions are sent while block production is paused, and then one block is made: the control's state
 * before and after that block differ by exactly that block (its dividends, reported per position as
 * `lastEmission`, and our transaction). Devnet state touched here is restored in `finally` blocks.
 */
import type { EventRecord } from '@polkadot/types/interfaces';
import type { Page } from 'playwright-core';
import { Keyring } from '@polkadot/keyring';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openChainSession, type ChainSession } from '@/lib/chain/session';
import { formatExact } from '@/lib/units/amount';
import { launchTaoLens, type TaoLensBrowser } from './chromium';
import { devnetControl } from './control';
import { installFakeWallet, type FakeWallet } from '../fixtures/wallet/fake-wallet';
import { alphaOf, emissionOf, journal, openStakePanel, panelReady, type ClosedPanel, type StateJson } from './stake-panel';

const ctx = inject('e2e');
const control = devnetControl(ctx.controlUrl);
const ALICE = ctx.accounts.Alice!;
const RAO = 1_000_000_000n;
/** Per test: each opens pages, waits for quotes and blocks, and the machine is shared. */
const TEST_TIMEOUT = 180_000;
let browser: TaoLensBrowser;
let session: ChainSession;
let wallet: FakeWallet;

beforeAll(async () => {
  [browser, session] = await Promise.all([
    launchTaoLens({ extensionDir: ctx.extensionDir, siteHosts: ctx.siteHosts }),
    openChainSession(ctx.devnetUrl),
  ]);
  wallet = await installFakeWallet(browser.context, { uri: '//Alice', name: 'Alice', registry: () => session.api.registry });
});
afterAll(async () => {
  await control.resume().catch(() => {});
  await session?.close();
  await browser?.close();
});

const state = async () => (await control.state()) as StateJson & { bestHash: string };
const freeOf = (s: StateJson) => BigInt(s.accounts[ALICE]!.free);

/** "1,234.5678 α" or "τ0.25" as shown → rao. The panel truncates (never rounds up), so this is ≤ the exact figure. */
function shownToRao(text: string | null): bigint {
  const m = /(\d[\d,]*)(?:\.(\d+))?/.exec(text ?? '');
  if (!m) throw new Error(`no amount in ${JSON.stringify(text)}`);
  return BigInt(m[1]!.replace(/,/g, '')) * RAO + BigInt((m[2] ?? '').padEnd(9, '0').slice(0, 9) || '0');
}

/**
 * Confirms on the panel with blocks paused, waits until the transaction is in the devnet's pool, runs
 * `beforeBlock` (someone else's trade), then makes one block. Returns the state around that block.
 */
async function confirmIntoOneBlock(panel: ClosedPanel, beforeBlock?: () => Promise<unknown>) {
  await control.pause();
  try {
    const signedBefore = wallet.signed.length;
    await panel.confirmAfterLooking();
    try {
      await expect.poll(() => wallet.signed.length, { timeout: 20_000 }).toBeGreaterThan(signedBefore);
    } catch (err) {
      throw new Error(`${(err as Error).message}\nThe panel shows: ${await panel.text('.panel')}`);
    }
    await expect.poll(async () => (await state()).pool, { timeout: 20_000 }).toBeGreaterThan(0);
    const before = await state();
    await beforeBlock?.();
    await control.produceBlock();
    const after = await state();
    expect(after.pool).toBe(0);
    return { before, after };
  } finally {
    await control.resume();
  }
}

/** Alice's extrinsics in a block: the call, and its own events as `section.method` with their data. */
async function aliceExtrinsicsIn(blockHash: string) {
  const api = session.api;
  const [signed, events] = await Promise.all([
    api.rpc.chain.getBlock(blockHash),
    api.query.system!.events!.at(blockHash) as unknown as Promise<EventRecord[]>,
  ]);
  return signed.block.extrinsics.flatMap((x, index) => {
    if (!x.isSigned || x.signer.toString() !== ALICE) return [];
    const own = events.filter((e) => e.phase.isApplyExtrinsic && e.phase.asApplyExtrinsic.toNumber() === index);
    return [
      {
        extrinsic: x,
        call: `${x.method.section}.${x.method.method}`,
        events: own.map((e) => ({ name: `${e.event.section}.${e.event.method}`, data: e.event.data })),
        fee: own
          .filter((e) => e.event.section === 'transactionPayment' && e.event.method === 'TransactionFeePaid')
          .reduce((sum, e) => sum + BigInt(e.event.data[1]!.toString()), 0n),
      },
    ];
  });
}

const txStatus = (panel: ClosedPanel) => panel.attr('[data-testid="tx-status"]', 'data-status');

/**
 * Stakes τ0.4 on the open panel and checks the chain: at least the quoted minimum alpha arrives, the free
 * balance pays the amount and the fee, and the panel says finalized. Returns the validator and alpha bought.
 */
async function stakeFromPanel(panel: ClosedPanel, netuid: number) {
  await panel.type('#amount', '0.4');
  const call = await panel.expectCall(new RegExp(`^subtensorModule\\.addStakeLimit\\(hotkey: 5\\w+, netuid: ${netuid}, amount_staked: 400000000 rao`));
  const hotkey = /hotkey: (5\w+)/.exec(call)![1]!;
  const minReceived = shownToRao(await panel.quoteRow('Minimum received'));
  expect(minReceived).toBeGreaterThan(0n);

  const { before, after } = await confirmIntoOneBlock(panel);
  const bought = alphaOf(after, ALICE, hotkey, netuid) - alphaOf(before, ALICE, hotkey, netuid) - emissionOf(after, ALICE, hotkey, netuid);
  expect(bought).toBeGreaterThanOrEqual(minReceived);
  const [tx] = await aliceExtrinsicsIn(after.bestHash);
  expect(tx!.call).toBe('subtensorModule.addStakeLimit');
  expect(freeOf(before) - freeOf(after)).toBe(400_000_000n + tx!.fee);
  await expect.poll(() => txStatus(panel), { timeout: 30_000 }).toBe('finalized');
  expect(await panel.text('[data-testid="tx-status"]')).toBe(`Stake τ0.4 on SN${netuid}: finalized in block #${after.blockNumber}`);
  return { hotkey, bought, blockNumber: after.blockNumber };
}

/**
 * The wallet's account is remembered: the popup's portfolio holds the position, to the rao of the chain's
 * state at the block the popup says it shows.
 */
async function expectPortfolioShows(netuid: number, hotkey: string, atLeast: bigint) {
  const view = await browser.openPopup(420);
  await expect.poll(() => view.getByTestId('account').evaluateAll((els) => els.map((e) => e.getAttribute('data-address'))), { timeout: 20_000 }).toContain(ALICE);
  await view.getByRole('tab', { name: 'Portfolio' }).click();
  const dust = view.getByRole('checkbox', { name: /Hide under/ });
  await dust.waitFor({ timeout: 30_000 });
  if (await dust.isChecked()) await dust.uncheck();
  await control.pause();
  try {
    await control.produceBlock();
    const now = await state();
    await expect.poll(() => view.getByTestId('snapshot-block').textContent(), { timeout: 30_000 }).toContain(`block #${now.blockNumber} `);
    const row = view
      .locator(`[data-testid="group"][data-netuid="${netuid}"] [data-testid="validator-row"]`)
      .filter({ has: view.locator(`code[title="validator hotkey ${hotkey}"]`) });
    const held = alphaOf(now, ALICE, hotkey, netuid);
    expect(held).toBeGreaterThanOrEqual(atLeast);
    expect(await row.locator('.amount').first().getAttribute('data-exact')).toBe(formatExact(held));
  } finally {
    await control.resume();
  }
  await view.close();
}

/** The popup's History tab shows the transaction as its newest row, with the chain's block and the plain reason. */
async function expectHistoryShows(expected: { summary: string; status: string; blockNumber: number; reason: string | null }) {
  const view = await browser.openPopup(420);
  await view.getByRole('tab', { name: 'History' }).click();
  const row = view.getByTestId('history-row').first();
  await expect.poll(() => row.getAttribute('data-status'), { timeout: 20_000 }).toBe(expected.status);
  expect(await row.locator('.tx-summary').textContent()).toBe(expected.summary);
  expect(await row.getAttribute('data-block')).toBe(String(expected.blockNumber));
  expect(await row.locator('.tx-reason').count()).toBe(expected.reason === null ? 0 : 1);
  if (expected.reason !== null) expect(await row.locator('.tx-reason').textContent()).toBe(expected.reason);
  await view.close();
}

describe('stakes that land and show in the portfolio', () => {
  it('from the popup: routes to the subnet page panel, lands on the devnet, and the portfolio shows the exact alpha the chain holds; History lists it finalized in that block', async () => {
    const netuid = 8;
    const popup = await browser.openPopup(420);
    await popup.getByTestId('connection').filter({ hasText: 'live' }).waitFor({ timeout: 30_000 });
    await popup.getByRole('tab', { name: 'Subnets' }).click();
    await popup.getByTestId('board-search').fill(`SN${netuid}`);
    await popup.locator(`[data-testid="board-row"][data-netuid="${netuid}"] .name`).click();
    await expect.poll(() => popup.getByTestId('subnet-view').getAttribute('data-netuid')).toBe(String(netuid));
    const opened = browser.context.waitForEvent('page', { timeout: 20_000 });
    await popup.getByRole('button', { name: 'Stake', exact: true }).click();
    const page = await opened;
    await page.waitForURL(new RegExp(`taostats\\.io/subnets/${netuid}(#taolens-route=[0-9a-f-]{36})?$`));
    const { hotkey, bought, blockNumber } = await stakeFromPanel(await panelReady(page), netuid);
    await page.close();
    await expectPortfolioShows(netuid, hotkey, bought);
    await expectHistoryShows({ summary: `Stake τ0.4 on SN${netuid}`, status: 'finalized', blockNumber, reason: null });
  }, TEST_TIMEOUT);

  it("from a badge's card on the taostats subnets page: lands on the devnet, and the portfolio shows the exact alpha", async () => {
    const netuid = 64;
    const page = await browser.context.newPage();
    await page.goto('https://taostats.io/subnets');
    const badge = page.locator(`taolens-badge[data-netuid="${netuid}"]`).first();
    await badge.waitFor({ timeout: 20_000 });
    await badge.focus();
    await page.locator(`taolens-card[data-netuid="${netuid}"]`).waitFor();
    await page.keyboard.press('Enter'); // into the card, on its Stake button
    await page.keyboard.press('Enter'); // a real key press on Stake
    const panel = await panelReady(page);
    expect(await panel.call<string>('#netuid', 'function () { return this.value; }')).toBe(String(netuid));
    const { hotkey, bought } = await stakeFromPanel(panel, netuid);
    await page.close();
    await expectPortfolioShows(netuid, hotkey, bought);
  }, TEST_TIMEOUT);
});

describe('unstake and move from the panel', () => {
  it('unstakes part: the alpha asked leaves the position, at least the minimum TAO arrives, the journal says finalized', async () => {
    const netuid = 1;
    const { page, panel } = await openStakePanel(browser.context, netuid, { action: 'unstake' });
    expect(await panel.attr('[data-mode="unstake"]', 'aria-pressed')).toBe('true');
    await panel.type('#amount', '2');
    await panel.expectCall(
      new RegExp(`^subtensorModule\\.removeStakeLimit\\(hotkey: 5\\w+, netuid: ${netuid}, amount_unstaked: 2000000000 `),
    );
    const hotkey = /hotkey: (5\w+)/.exec((await panel.text('[data-testid="call"]'))!)![1]!;
    const minTao = shownToRao(await panel.quoteRow('Minimum received'));
    expect(minTao).toBeGreaterThan(0n);

    const { before, after } = await confirmIntoOneBlock(panel);
    expect(alphaOf(before, ALICE, hotkey, netuid)).toBeGreaterThan(2n * RAO);
    expect(alphaOf(after, ALICE, hotkey, netuid)).toBe(alphaOf(before, ALICE, hotkey, netuid) + emissionOf(after, ALICE, hotkey, netuid) - 2n * RAO);
    const txs = await aliceExtrinsicsIn(after.bestHash);
    const fees = txs.reduce((sum, t) => sum + t.fee, 0n);
    const received = freeOf(after) - freeOf(before) + fees;
    expect(received).toBeGreaterThanOrEqual(minTao);
    expect(txs.flatMap((t) => t.events.map((e) => e.name))).toContain('subtensorModule.StakeRemoved');

    await expect.poll(() => txStatus(panel), { timeout: 30_000 }).toBe('finalized');
    const entry = (await journal(browser)).find((e) => e.blockHash === after.bestHash);
    expect(entry).toMatchObject({ status: 'finalized', blockNumber: after.blockNumber });
    expect(await panel.text('[data-testid="tx-status"]')).toMatch(new RegExp(`^Unstake 2 .*: finalized in block #${after.blockNumber}$`));
    await page.close();
  }, TEST_TIMEOUT);

  it('moves to another subnet (swap_stake_limit): the origin loses the alpha asked, the destination gains at least the minimum', async () => {
    const from = 42;
    const to = 9;
    const { page, panel } = await openStakePanel(browser.context, from, { action: 'move' });
    await panel.type('#dest-netuid', String(to));
    await panel.type('#amount', '2');
    await panel.expectCall(
      new RegExp(`^subtensorModule\\.swapStakeLimit\\(hotkey: 5\\w+, origin_netuid: ${from}, destination_netuid: ${to}, alpha_amount: 2000000000 `),
    );
    const hotkey = /hotkey: (5\w+)/.exec((await panel.text('[data-testid="call"]'))!)![1]!;
    const minAlpha = shownToRao(await panel.quoteRow('Minimum received'));
    expect(minAlpha).toBeGreaterThan(0n);

    const { before, after } = await confirmIntoOneBlock(panel);
    expect(alphaOf(after, ALICE, hotkey, from)).toBe(alphaOf(before, ALICE, hotkey, from) + emissionOf(after, ALICE, hotkey, from) - 2n * RAO);
    const gained = alphaOf(after, ALICE, hotkey, to) - alphaOf(before, ALICE, hotkey, to) - emissionOf(after, ALICE, hotkey, to);
    expect(gained).toBeGreaterThanOrEqual(minAlpha);
    const txs = await aliceExtrinsicsIn(after.bestHash);
    expect(txs.flatMap((t) => t.events.map((e) => e.name))).toContain('subtensorModule.StakeSwapped');
    // No TAO came out to the free balance: only the fees left it.
    expect(freeOf(before) - freeOf(after)).toBe(txs.reduce((sum, t) => sum + t.fee, 0n));

    await expect.poll(() => txStatus(panel), { timeout: 30_000 }).toBe('finalized');
    expect(await panel.text('[data-testid="tx-status"]')).toMatch(new RegExp(`^Move .* to SN${to}: finalized in block #${after.blockNumber}$`));
    await page.close();
  }, TEST_TIMEOUT);
});

describe('price protection', () => {
  it('after someone else moves the price, the stake fails with the plain SlippageTooHigh message, only the fee is spent, and History says why', async () => {
    const netuid = 10;
    const { page, panel } = await openStakePanel(browser.context, netuid);
    await panel.type('#amount', '0.3');
    await panel.expectCall(/amount_staked: 300000000 rao/);
    const hotkey = /hotkey: (5\w+)/.exec((await panel.text('[data-testid="call"]'))!)![1]!;
    const quotedFee = shownToRao(await panel.quoteRow('Network fee')); // shown to all 9 decimals

    // Someone buys 2,000 τ of the subnet's alpha after we signed, in the block ours lands in.
    const { before, after } = await confirmIntoOneBlock(panel, () => control.trade(netuid, { taoIn: String(2_000n * RAO) }));
    await expect.poll(() => txStatus(panel), { timeout: 30_000 }).toBe('failed');
    expect(await panel.text('[data-testid="tx-status"]')).toBe(
      `Stake τ0.3 on SN${netuid}: failed: The price moved past your limit. Nothing was bought; only the network fee was spent.`,
    );

    const [tx, ...others] = await aliceExtrinsicsIn(after.bestHash);
    expect(others).toHaveLength(0);
    expect(tx!.events.map((e) => e.name)).toContain('system.ExtrinsicFailed');
    expect(tx!.events.map((e) => e.name)).not.toContain('subtensorModule.StakeAdded');
    // The fee the chain charged (its own event) is what payment_queryInfo says for these bytes at the parent
    // block, and what the panel quoted as the network fee.
    const header = await session.api.rpc.chain.getHeader(after.bestHash);
    const info = await session.send<{ partialFee: string }>('payment_queryInfo', [tx!.extrinsic.toHex(), header.parentHash.toHex()]);
    expect(tx!.fee).toBe(BigInt(info.partialFee));
    expect(tx!.fee).toBe(quotedFee);
    expect(freeOf(before) - freeOf(after)).toBe(tx!.fee);
    expect(alphaOf(after, ALICE, hotkey, netuid)).toBe(alphaOf(before, ALICE, hotkey, netuid) + emissionOf(after, ALICE, hotkey, netuid));
    const entry = (await journal(browser)).find((e) => e.blockHash === after.bestHash);
    expect(entry).toMatchObject({ status: 'failed', error: { name: 'SubtensorModule.SlippageTooHigh' } });
    await page.close();
    await expectHistoryShows({
      summary: `Stake τ0.3 on SN${netuid}`,
      status: 'failed',
      blockNumber: after.blockNumber,
      reason: 'The price moved past your limit. Nothing was bought; only the network fee was spent.',
    });
  }, TEST_TIMEOUT);
});

describe('several subnets at once', () => {
  it('a three-subnet batch lands as one utility.batchAll in one block with three positions; one whose third leg cannot fill changes nothing but the fee', async () => {
    const netuids = [5, 6, 7];
    const { page, panel } = await openStakePanel(browser.context, netuids[0]!);
    await panel.click('[data-mode="batch"]');
    await panel.type('#batch-netuids', netuids.join(', '));
    await panel.type('#amount', '0.6');
    await panel.expectCall(/^utility\.batchAll\(\[/);
    const legs = [...(await panel.text('[data-testid="call"]'))!.matchAll(/hotkey: (5\w+), netuid: (\d+), amount_staked: (\d+) rao/g)].map((m) => ({
      hotkey: m[1]!,
      netuid: Number(m[2]),
      amount: BigInt(m[3]!),
    }));
    expect(legs.map((l) => l.netuid)).toEqual(netuids);
    expect(legs.every((l) => l.amount === 200_000_000n)).toBe(true);

    const ok = await confirmIntoOneBlock(panel);
    const txs = await aliceExtrinsicsIn(ok.after.bestHash);
    expect(txs).toHaveLength(1);
    expect(txs[0]!.call).toBe('utility.batchAll');
    const inner = (txs[0]!.extrinsic.method.args[0] as unknown as { section: string; method: string }[]).map((c) => `${c.section}.${c.method}`);
    expect(inner).toEqual(['subtensorModule.addStakeLimit', 'subtensorModule.addStakeLimit', 'subtensorModule.addStakeLimit']);
    const names = txs[0]!.events.map((e) => e.name);
    expect(names.filter((n) => n === 'subtensorModule.StakeAdded')).toHaveLength(3);
    expect(names).toContain('utility.BatchCompleted');
    for (const l of legs) {
      const added = alphaOf(ok.after, ALICE, l.hotkey, l.netuid) - alphaOf(ok.before, ALICE, l.hotkey, l.netuid) - emissionOf(ok.after, ALICE, l.hotkey, l.netuid);
      expect(added, `SN${l.netuid}`).toBeGreaterThan(0n);
    }
    expect(freeOf(ok.before) - freeOf(ok.after)).toBe(600_000_000n + txs[0]!.fee);
    await expect.poll(() => txStatus(panel), { timeout: 30_000 }).toBe('finalized');

    // Again; this time someone buys ahead of the third leg, so it cannot fill under its limit.
    await panel.type('#amount', '0.9');
    await panel.expectCall(/amount_staked: 300000000 rao.*amount_staked: 300000000 rao.*amount_staked: 300000000 rao/s);
    const third = netuids[2]!;
    const bad = await confirmIntoOneBlock(panel, () => control.trade(third, { taoIn: String(2_000n * RAO) }));
    await expect.poll(() => txStatus(panel), { timeout: 30_000 }).toBe('failed');
    const [failed, ...others] = await aliceExtrinsicsIn(bad.after.bestHash);
    expect(others).toHaveLength(0);
    expect(failed!.call).toBe('utility.batchAll');
    expect(failed!.events.map((e) => e.name)).toContain('system.ExtrinsicFailed');
    expect(failed!.events.map((e) => e.name)).not.toContain('subtensorModule.StakeAdded');
    for (const l of legs) {
      expect(alphaOf(bad.after, ALICE, l.hotkey, l.netuid), `SN${l.netuid}`).toBe(
        alphaOf(bad.before, ALICE, l.hotkey, l.netuid) + emissionOf(bad.after, ALICE, l.hotkey, l.netuid),
      );
    }
    expect(freeOf(bad.before) - freeOf(bad.after)).toBe(failed!.fee);
    await page.close();
  }, TEST_TIMEOUT);
});

describe('a hostile page', () => {
  it('posting fake wallet-bridge messages (fake accounts, signatures, requests and confirms) changes nothing', async () => {
    const mallory = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Mallory').address;
    const journalBefore = (await journal(browser)).length;
    const start = await state();
    const signedBefore = wallet.signed.length;

    const { page, panel } = await openStakePanel(browser.context, 12, {
      beforeLoad: async (p: Page) => {
        await p.addInitScript((fake: string) => {
          // Listens to everything on the window; answers every request it sees before the real bridge can,
          // pretends to be the content script, and sends "confirm"s.
          const TAG = 'taolens-wallet-bridge/1';
          const seen = new Set<string>();
          const hostile = (w: Window) => {
            w.addEventListener('message', (event) => {
              const d = event.data as { tag?: string; channel?: string; id?: number; kind?: string; reply?: boolean } | null;
              if (!d || d.tag !== TAG || d.reply || typeof d.channel !== 'string') return;
              const channel = d.channel;
              const account = { address: fake, name: 'Your wallet', wallet: 'polkadot-js' };
              if (d.kind === 'accounts') w.postMessage({ tag: TAG, channel, id: d.id, reply: true, ok: true, value: [account] }, '*');
              if (d.kind === 'sign') w.postMessage({ tag: TAG, channel, id: d.id, reply: true, ok: true, value: `0x${'11'.repeat(64)}` }, '*');
              if (seen.has(channel)) return;
              seen.add(channel);
              (w as unknown as { hostileSawChannels: number }).hostileSawChannels = seen.size;
              for (let id = 1; id < 20; id++) {
                w.postMessage({ tag: TAG, channel, id, reply: true, ok: true, value: `0x${'22'.repeat(64)}` }, '*');
                w.postMessage({ tag: TAG, channel, id, reply: true, ok: true, value: [account] }, '*');
              }
              w.postMessage({ tag: TAG, channel, id: 99, kind: 'confirm' }, '*');
              w.postMessage({ tag: TAG, channel, id: 100, kind: 'sign', payload: { address: fake, method: '0x0000' } }, '*');
              w.postMessage({ type: 'stake/submit-signed', id: 'x', signature: `0x${'33'.repeat(64)}` }, '*');
            });
          };
          hostile(window);
        }, mallory);
      },
    });
    await panel.type('#amount', '0.2');
    // A script-made click on the confirm button (the page cannot reach it; Playwright can) does nothing either.
    await panel.call('[data-testid="confirm"]', 'function () { this.click(); }');
    await page.evaluate(() => {
      document.querySelector('taolens-stake-panel')?.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      document.dispatchEvent(new CustomEvent('taolens:stake-confirm', { bubbles: true, composed: true }));
    });

    // The bridge's requests travel on a private port: the page never saw a channel to put its fakes on.
    expect(await page.evaluate(() => (window as unknown as { hostileSawChannels?: number }).hostileSawChannels ?? 0)).toBe(0);

    // A few blocks later: nothing was sent, journaled or remembered.
    await expect.poll(async () => (await state()).blockNumber, { timeout: 30_000 }).toBeGreaterThanOrEqual(start.blockNumber + 3);
    const end = await state();
    expect(end.accounts[ALICE]!.nonce).toBe(start.accounts[ALICE]!.nonce);
    expect(end.accounts[mallory]?.nonce ?? 0).toBe(start.accounts[mallory]?.nonce ?? 0);
    expect((await journal(browser)).length).toBe(journalBefore);
    expect(wallet.signed.slice(signedBefore).filter((p) => p.address === ALICE)).toHaveLength(0);
    const popup = await browser.openPopup(420);
    await popup.getByTestId('connection').filter({ hasText: 'live' }).waitFor({ timeout: 30_000 });
    const stored = await popup.evaluate(async () => {
      const chromeApi = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ value: { accounts: { address: string }[] } }> } } }).chrome;
      return (await chromeApi.runtime.sendMessage({ tag: 'taolens/1', body: { type: 'popup/get' } })).value.accounts.map((a) => a.address);
    });
    expect(stored).not.toContain(mallory);
    const shown = await popup.getByTestId('account').evaluateAll((els) => els.map((e) => e.getAttribute('data-address')));
    expect(shown).not.toContain(mallory);
    await popup.close();
    await page.close();
  }, TEST_TIMEOUT);
});
