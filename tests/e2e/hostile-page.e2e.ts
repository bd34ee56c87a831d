/**
 * A hostile taostats.io page against the built extension in real Chromium, with //Alice's test wallet (real
 * sr25519) and the devnet. The attacker is a page script: an inline <script> first in the page's <head> (added
 * to the fixture page's HTML on its way in), so it runs as early as any page script can and no earlier, in the
 * page's main world, seeing every window message, DOM event and attribute.
 */
import { readFileSync } from 'node:fs';
import { Keyring } from '@polkadot/keyring';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openChainSession, type ChainSession } from '@/lib/chain/session';
import { launchTaoLens, type TaoLensBrowser } from './chromium';
import { fixtureFileFor } from '../fixtures/site-server';
import { installFakeWallet, type FakeWallet } from '../fixtures/wallet/fake-wallet';
import { openPanelFromExtension, panelReady, type ClosedPanel } from './stake-panel';

const ctx = inject('e2e');
const RAO = 1_000_000_000n;
const TEST_TIMEOUT = 120_000;
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

/** Planted accounts: the attacker's own keys, one with a right-to-left override in its name, one with a huge name. */
const planted = ['//Planted1', '//Planted2', '//Planted3'].map((uri) => new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri(uri).address);

/**
 * The attacker's page script. Passive: records every window message and every port it can get. Active: on any
 * message that looks like a bridge request it answers with planted accounts, sends its own signing request (a
 * 100 TAO transfer) on the same channel, and rewrites signing requests in flight; it asks for the bridge's port
 * and offers its own; it registers a wallet of its own and tries to replace the user's.
 */
function hostileScript(transferMethod: string): string {
  const attack = (transfer: string, plantedAddresses: string[]) => {
    const w = window as unknown as Record<string, unknown> & { injectedWeb3?: Record<string, unknown> };
    const seen: string[] = [];
    const ports: MessagePort[] = [];
    const ownPorts = new WeakSet<MessagePort>();
    const requestsToUs: unknown[] = [];
    w.__seen = seen;
    w.__ports = ports;
    w.__requestsToUs = requestsToUs;
    const record = (d: unknown) => {
      try {
        seen.push(JSON.stringify(d));
      } catch {
        seen.push(String(d));
      }
    };
    window.addEventListener(
      'message',
      (event) => {
        record(event.data);
        for (const p of event.ports) ports.push(p);
        const d = event.data as Record<string, unknown> | null;
        if (!d || typeof d !== 'object' || typeof d.channel !== 'string' || d.reply || d.forged) return;
        if (d.kind === 'accounts') {
          // Answer first, with accounts of our own.
          const value = plantedAddresses.map((address, i) => ({ address, name: ['My savings \u202Eexe.tnuocca', 'x'.repeat(5000), 'Alice'][i], wallet: 'polkadot-js' }));
          window.postMessage({ tag: d.tag, channel: d.channel, id: d.id, reply: true, ok: true, value }, '*');
        }
        if (d.kind === 'sign' && d.payload) {
          // Rewrite in flight: the bridge gets a transfer instead.
          event.stopImmediatePropagation();
          window.postMessage({ ...d, forged: true, payload: { ...(d.payload as object), method: transfer } }, '*');
          // And a request of our own on the learned channel.
          window.postMessage({ ...d, id: 777_777, forged: true, payload: { ...(d.payload as object), method: transfer } }, '*');
        }
      },
      true,
    );
    // The bridge's hand-over events: take a port if one is offered, ask for one, and offer one of our own.
    for (const type of ['taolens-bridge-port', 'taolens-bridge-ready']) {
      document.addEventListener(type, (e) => {
        for (const p of (e as MessageEvent).ports ?? []) if (!ownPorts.has(p)) ports.push(p);
      }, true);
    }
    const tryPorts = () => {
      document.dispatchEvent(new Event('taolens-bridge-ready', { cancelable: true }));
      const own = new MessageChannel();
      ownPorts.add(own.port2);
      own.port1.onmessage = (e) => {
        requestsToUs.push(e.data);
        const d = e.data as { id?: number; kind?: string };
        if (d.kind === 'accounts') own.port1.postMessage({ id: d.id, ok: true, value: plantedAddresses.map((address) => ({ address, name: 'planted', wallet: 'polkadot-js' })) });
      };
      document.dispatchEvent(new MessageEvent('taolens-bridge-port', { ports: [own.port2], cancelable: true }));
    };
    tryPorts();
    document.addEventListener('DOMContentLoaded', tryPorts);
    setTimeout(tryPorts, 1500);
    // A wallet of our own listing the planted accounts (its "signatures" are junk), and an attempt to swap the user's.
    const fakeInjected = {
      accounts: { get: async () => plantedAddresses.map((address, i) => ({ address, name: ['My savings \u202Eexe.tnuocca', 'x'.repeat(5000), 'Alice'][i] })) },
      signer: {
        signPayload: async () => ({ id: 1, signature: '0x' + '11'.repeat(64) }),
        signRaw: async () => ({ id: 1, signature: '0x' + '22'.repeat(64) }),
      },
    };
    w.injectedWeb3 = w.injectedWeb3 || {};
    w.injectedWeb3['evil-wallet'] = { version: '1.0.0', enable: async () => fakeInjected };
    const swap = () => {
      try {
        w.injectedWeb3!['polkadot-js'] = { version: '0.63.1', enable: async () => fakeInjected };
      } catch {
        // refused
      }
    };
    swap();
    document.addEventListener('DOMContentLoaded', swap);
  };
  return `(${attack.toString()})(${JSON.stringify(transferMethod)}, ${JSON.stringify(planted)});`;
}

/** A taostats page with //Alice's wallet and the attacker's script first in its <head>. */
async function hostilePage(path: string, walletUri = '//Alice'): Promise<{ page: Page; wallet: FakeWallet; transfer: string }> {
  const transfer = session.api.tx.balances!.transferKeepAlive!(ctx.accounts.Bob!, 100n * RAO).method.toHex();
  const page = await browser.context.newPage();
  const wallet = await installFakeWallet(page, { uri: walletUri, name: walletUri.slice(2), registry: () => session.api.registry });
  // The fixture page as the fixture server would serve it, with the attacker's script first in <head>.
  await page.route('https://taostats.io/**', async (route) => {
    const url = new URL(route.request().url());
    const hit = route.request().resourceType() === 'document' ? fixtureFileFor('taostats.io', url.pathname) : null;
    if (!hit) return route.continue();
    const html = readFileSync(hit.file, 'utf8')
      .replaceAll('{{param}}', hit.params[0] ?? '')
      .replace(/<head([^>]*)>/i, (m) => `${m}<script>var __name = (fn) => fn;\n${hostileScript(transfer)}</script>`);
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
  });
  await page.goto(`https://taostats.io${path}`);
  await page.waitForFunction(() => Array.isArray((window as unknown as { __seen?: unknown }).__seen));
  return { page, wallet, transfer };
}

/** A fee as the panel shows it (τ and up to 9 decimals, trailing zeros dropped) → rao, exact. */
function rao(shown: string): bigint {
  const [whole, fraction = ''] = shown.slice(1).replaceAll(',', '').split('.'); // τ0.000259 → 259000n
  return BigInt(whole!) * RAO + BigInt(fraction.padEnd(9, '0'));
}

const seenByPage = (page: Page) => page.evaluate(() => (window as unknown as { __seen: string[] }).__seen.join('\n'));

async function stakePanel(page: Page, netuid: number): Promise<ClosedPanel> {
  await openPanelFromExtension(page, netuid);
  return panelReady(page);
}

describe('a hostile page', () => {
  it('1. opens no panel with a hash, a route token of its own, a message or a DOM event', async () => {
    const { page, wallet } = await hostilePage('/subnets/13');
    await page.evaluate(() => {
      location.hash = '#taolens-stake=stake&netuid=13';
    });
    await page.waitForTimeout(2_000);
    expect(await page.locator('taolens-stake-panel').count()).toBe(0);
    await page.evaluate(() => {
      location.hash = '#taolens-route=0b6c1e2a-4f3d-4c8e-9a1b-2c3d4e5f6a7b';
      window.postMessage({ tag: 'taolens/stake-open', action: 'stake', netuid: 13 }, '*');
      document.dispatchEvent(new CustomEvent('taolens:stake-intent', { detail: { action: 'stake', netuid: 13 }, bubbles: true, composed: true }));
    });
    await page.reload();
    await page.waitForTimeout(2_000);
    expect(await page.locator('taolens-stake-panel').count()).toBe(0);
    expect(wallet.signed).toEqual([]);
    await page.close();
  }, TEST_TIMEOUT);

  it('2 and 3. sees no request, payload, signature or account list, cannot send or rewrite one; the wallet signs exactly what the panel shows', async () => {
    const { page, wallet, transfer } = await hostilePage('/subnets/13');
    const panel = await stakePanel(page, 13);
    // The accounts the panel offers are the wallet's, not the page's.
    // (the page's own wallet is listed too, under its own name: the page can always register one; its accounts
    // cannot sign for the user's, and stay watch-only, see test 5)
    const options = await panel.call<string[]>('#account', 'function () { return [...this.options].map((o) => o.value); }');
    expect(options![0]).toBe(wallet.address);
    expect(await panel.call<string>('#account', 'function () { return this.value; }')).toBe(wallet.address);
    await panel.type('#amount', '0.2');
    await panel.expectCall(/amount_staked: 200000000 rao/);
    await page.waitForTimeout(1_200); // the panel unchanged for a second before the click
    const release = wallet.holdNext();
    await panel.click('[data-testid="confirm"]');
    await expect.poll(() => wallet.signed.length, { timeout: 20_000 }).toBe(1);
    // While the wallet's window is open, the panel shows the exact payload's fingerprint to compare.
    const payload = wallet.signed[0]!;
    const fingerprint = (await panel.text('[data-testid="fingerprint"]'))!;
    expect(fingerprint).toContain(`nonce ${Number(BigInt(payload.nonce))}`);
    expect(fingerprint).toContain(payload.method.slice(0, 10));
    expect(fingerprint).toContain(payload.method.slice(-8));
    expect(fingerprint).toMatch(/subtensorModule\.addStakeLimit · τ0\.2 ·/);
    release();
    await expect.poll(() => panel.attr('[data-testid="tx-status"]', 'data-status'), { timeout: 40_000 }).toMatch(/^(in-block|finalized)$/);
    await page.waitForTimeout(2_000); // whatever the page was going to try, it has tried
    // Only our stake was signed: no transfer, no request of the page's.
    expect(wallet.signed.map((p) => p.method)).toEqual([payload.method]);
    expect(payload.method).not.toBe(transfer);
    const seen = await seenByPage(page);
    expect(seen).not.toContain(payload.method.slice(2, 40));
    expect(seen).not.toContain(wallet.address);
    expect(await page.evaluate(() => (window as unknown as { __ports: unknown[] }).__ports.length)).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __requestsToUs: unknown[] }).__requestsToUs.length)).toBe(0);
    await page.close();
  }, TEST_TIMEOUT);

  it('3. a signature over other bytes: nothing is sent, and the panel says plainly what the page may have done and what to do', async () => {
    const { page, wallet } = await hostilePage('/subnets/13');
    const panel = await stakePanel(page, 13);
    await panel.type('#amount', '0.15');
    await panel.expectCall(/amount_staked: 150000000 rao/);
    await page.waitForTimeout(1_200);
    wallet.tamperNext();
    await panel.click('[data-testid="confirm"]');
    await expect.poll(() => panel.text('[data-testid="flow-error"]'), { timeout: 20_000 }).toMatch(/does not match this transaction, so nothing was sent/);
    const said = (await panel.text('[data-testid="flow-error"]'))!;
    expect(said).toMatch(/The page may have made your wallet sign something else/);
    expect(said).toMatch(/the page itself could send a signature/);
    expect(said).toMatch(/revoke this site's access in your wallet/);
    await page.close();
  }, TEST_TIMEOUT);

  it('4. cannot hide, fade or cover the panel under a decoy; Max needs a second click', async () => {
    const { page, wallet } = await hostilePage('/subnets/13');
    await page.addStyleTag({
      content: 'taolens-stake-panel { opacity: 0 !important; visibility: hidden !important; transform: translateX(-5000px) !important; clip-path: inset(50%) !important; }',
    });
    const panel = await stakePanel(page, 13);
    const hostStyle = () =>
      page.evaluate(() => {
        const s = getComputedStyle(document.querySelector('taolens-stake-panel')!);
        return { opacity: s.opacity, visibility: s.visibility, transform: s.transform, clipPath: s.clipPath };
      });
    expect(await hostStyle()).toEqual({ opacity: '1', visibility: 'visible', transform: 'none', clipPath: 'none' });
    await page.evaluate(() => {
      const host = document.querySelector('taolens-stake-panel') as HTMLElement;
      host.style.setProperty('opacity', '0', 'important');
    });
    expect((await hostStyle()).opacity).toBe('1');

    await panel.type('#amount', '0.1');
    await panel.expectCall(/amount_staked: 100000000 rao/);
    // A decoy over the panel that lets clicks through to it.
    await page.evaluate(() => {
      const decoy = document.createElement('div');
      decoy.id = 'decoy';
      decoy.textContent = 'Click twice to claim your airdrop';
      decoy.style.cssText = 'position:fixed;inset:0;background:#fff;z-index:2147483647;pointer-events:none;font-size:40px';
      document.documentElement.append(decoy);
    });
    await page.waitForTimeout(1_500);
    await panel.click('[data-testid="confirm"]');
    await expect.poll(() => panel.text('[data-testid="flow-error"]'), { timeout: 10_000 }).toMatch(/^That click did not count: .*Nothing was signed/);
    expect(wallet.signed).toEqual([]);

    // The decoy gone, Max: the first click on Stake only asks to confirm; nothing goes to the wallet.
    await page.evaluate(() => document.getElementById('decoy')!.remove());
    await panel.click('.row .narrow'); // Max
    await expect.poll(() => panel.call<string>('#amount', 'function () { return this.value; }'), { timeout: 20_000 }).not.toBe('0.1');
    await panel.expectCall(/addStakeLimit/);
    await expect.poll(() => panel.text('[data-testid="quote"]'), { timeout: 20_000 }).toMatch(/Network fee/);
    await page.waitForTimeout(1_200);
    await panel.click('[data-testid="confirm"]');
    await expect.poll(() => panel.text('[data-testid="max-confirm"]'), { timeout: 10_000 }).toMatch(/^This is everything this account can stake \(τ[\d,.]+\), fees already counted\. Click Stake again/);
    await page.waitForTimeout(1_000);
    expect(wallet.signed).toEqual([]);
    await page.close();
  }, TEST_TIMEOUT);

  it("5. a card's Connect wallet keeps accounts the wallet did not sign for watch-only, without the names they came with", async () => {
    const { page, wallet } = await hostilePage('/subnets');
    const badge = page.locator('taolens-badge[data-netuid="64"]').first();
    await badge.waitFor({ timeout: 20_000 });
    await badge.focus();
    await page.locator('taolens-card[data-netuid="64"]').waitFor();
    await page.keyboard.press('Enter'); // into the card, on its Stake button
    await page.keyboard.press('Tab'); // Unstake
    await page.keyboard.press('Tab'); // Connect wallet
    await page.keyboard.press('Enter'); // a real key press
    // The card says how it went (until its next refresh); the popup is where it stays.
    await expect.poll(() => wallet.signedRaw.length, { timeout: 30_000 }).toBe(1);
    // The wallet signed the one-time check (text only), not a transaction.
    expect(wallet.signed).toEqual([]);
    expect(wallet.signedRaw[0]).toMatch(/^<Bytes>TaoLens: prove you control this account for TaoLens on taostats\.io\. This is not a transaction\. Nonce [0-9a-f]{32}<\/Bytes>$/);

    const popup = await browser.openPopup(420);
    const rows = popup.getByTestId('account');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(4);
    const mine = popup.locator(`[data-testid="account"][data-address="${wallet.address}"]`);
    expect(await mine.textContent()).toContain('polkadot-js');
    for (const address of planted) {
      const row = popup.locator(`[data-testid="account"][data-address="${address}"]`);
      const text = (await row.textContent())!;
      expect(text).toContain('watch');
      expect(text).not.toMatch(/savings|xxxx|Alice|evil/);
    }
    await popup.close();
    await page.close();
  }, TEST_TIMEOUT);

  it('8. MEV Shield is told honestly, its stake short-lived; the quote counts the envelope fee', async () => {
    const { page, wallet } = await hostilePage('/subnets/13');
    const panel = await stakePanel(page, 13);
    await panel.type('#amount', '1.2');
    await panel.expectCall(/amount_staked: 1200000000 rao/);
    const scope = (await panel.text('[data-testid="shield-scope"]'))!;
    expect(scope).toMatch(/out of the public mempool/);
    expect(scope).toMatch(/does not hide it from scripts on this page/);
    const fee = () => panel.quoteRow('Network fee').then((t) => (t && /^τ[\d.]+$/.test(t) ? t : null));
    await expect.poll(fee, { timeout: 20_000 }).not.toBeNull();
    const shieldedFee = (await fee())!;
    await panel.click('input[type="checkbox"]'); // protection off for this order
    await expect.poll(async () => { const f = await fee(); return f !== null && f !== shieldedFee; }, { timeout: 20_000 }).toBe(true);
    const plainFee = (await fee())!;
    expect(rao(shieldedFee)).toBeGreaterThan(rao(plainFee));
    expect(await panel.text('[data-testid="shield-scope"]')).toBeNull();
    await panel.click('input[type="checkbox"]'); // back on
    await expect.poll(fee, { timeout: 20_000 }).toBe(shieldedFee);
    await page.waitForTimeout(1_200);
    await panel.click('[data-testid="confirm"]');
    await expect.poll(() => wallet.signed.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    // The stake inside the envelope is mortal for 16 blocks at most (era: low 4 bits = log2(period) - 1).
    const era = session.api.registry.createType('ExtrinsicEra', wallet.signed[0]!.era);
    expect(era.isMortalEra).toBe(true);
    expect(era.asMortalEra.period.toNumber()).toBeLessThanOrEqual(16);
    await expect.poll(() => panel.attr('[data-testid="tx-status"]', 'data-status'), { timeout: 60_000 }).toBe('finalized');
    await page.close();
  }, TEST_TIMEOUT);

  it('the Max bug: under MEV Shield, Max lands, and the account is charged exactly the network fee the panel quoted', async () => {
    // A fresh account holding 3 TAO (from //Alice): Max is then above the shield's 1 TAO threshold.
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    const maxer = keyring.addFromUri('//TaoLensMaxShieldE2e');
    const free = async () => (await session.api.query.system!.account!(maxer.address) as unknown as { data: { free: { toBigInt(): bigint } } }).data.free.toBigInt();
    await new Promise<void>((resolve, reject) => {
      session.api.tx.balances!.transferKeepAlive!(maxer.address, 3n * RAO)
        .signAndSend(keyring.addFromUri('//Alice'), (r) => {
          if (r.status.isInBlock || r.status.isFinalized) resolve();
          if (r.isError) reject(new Error(r.status.type));
        })
        .catch(reject);
    });
    await expect.poll(free, { timeout: 20_000 }).toBe(3n * RAO);

    const { page, wallet } = await hostilePage('/subnets/13', '//TaoLensMaxShieldE2e');
    const panel = await stakePanel(page, 13);
    await panel.click('.row .narrow'); // Max
    const call = await panel.expectCall(/addStakeLimit/);
    const staked = BigInt(/amount_staked: (\d+) rao/.exec(call)![1]!);
    expect(staked).toBeGreaterThan(RAO); // shielded by default
    expect(await panel.text('[data-testid="shield-scope"]')).toMatch(/out of the public mempool/);
    await expect.poll(() => panel.quoteRow('Network fee'), { timeout: 20_000 }).toMatch(/^τ[\d,]+(\.\d{1,9})?$/);
    const quotedFee = rao((await panel.quoteRow('Network fee'))!);
    await page.waitForTimeout(1_200);
    await panel.click('[data-testid="confirm"]');
    await expect.poll(() => panel.text('[data-testid="max-confirm"]'), { timeout: 10_000 }).toMatch(/^This is everything this account can stake/);
    await page.waitForTimeout(1_200);
    await panel.click('[data-testid="confirm"]');
    await expect.poll(() => panel.attr('[data-testid="tx-status"]', 'data-status'), { timeout: 60_000 }).toBe('finalized');
    expect(wallet.signed.length).toBeGreaterThanOrEqual(2); // the stake, then its envelope
    // On chain: the stake and both fees left the account, to the rao; the quote named exactly those fees.
    const spent = 3n * RAO - (await free());
    expect(spent - staked).toBe(quotedFee);
    await page.close();
  }, TEST_TIMEOUT);
});
