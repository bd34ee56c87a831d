// The background's staking path (quote → payload → wallet signature → verify → submit → journal) against the devnet,
// with a keyring-backed signer (//Alice, real sr25519) standing in for the wallet.
import { Keyring } from '@polkadot/keyring';
import type { SignerPayloadJSON } from '@polkadot/types/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStakingService, type StakingService } from '@/lib/background/staking-service';
import { openChainSession, type ChainSession } from '@/lib/chain/session';
import type { TxEntry } from '@/lib/staking/journal';
import type { SignStep, StakeOrder } from '@/lib/staking/types';
import { createJournalStore } from '@/lib/storage/tx-journal';
import { splitEqually } from '@/lib/staking/batch';
import type { Validator } from '@/lib/model/types';
import { startDevnet, type Devnet } from '../devnet/index';

const RAO = 1_000_000_000n;
let devnet: Devnet;
let session: ChainSession;
let alice: ReturnType<Keyring['addFromUri']>;
let bob: ReturnType<Keyring['addFromUri']>;
let stored: TxEntry[] = [];
const memoryItem = { getValue: async () => stored, setValue: async (v: TxEntry[]) => void (stored = v) };
const services: StakingService[] = [];

function service(validators?: () => Promise<Validator[]>): StakingService {
  const s = createStakingService({
    validators,
    session: () => session,
    settings: () => ({ slippageBps: 50, mevShieldMinRao: String(10n ** 18n) }),
    journal: createJournalStore(memoryItem),
    pollMs: 100,
  });
  services.push(s);
  return s;
}

beforeAll(async () => {
  await cryptoWaitReady();
  devnet = await startDevnet({ port: 0, scenario: 'default', blockMs: 0 });
  await devnet.control.produceBlock();
  session = await openChainSession(devnet.url);
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  alice = keyring.addFromUri('//Alice');
  bob = keyring.addFromUri('//Bob');
});
afterAll(async () => {
  for (const s of services) s.dispose();
  await session?.close();
  await devnet?.stop();
});

interface StateJson {
  accounts: Record<string, { free: string; nonce: number }>;
  positions: { coldkey: string; hotkey: string; netuid: number; alpha: string }[];
  subnets: { netuid: number; price: string }[];
}
const state = () => devnet.control.state() as unknown as StateJson;
const position = (who: string, hotkey: string, netuid: number) =>
  BigInt(state().positions.find((p) => p.coldkey === who && p.hotkey === hotkey && p.netuid === netuid)?.alpha ?? '0');
const free = (who: string) => BigInt(state().accounts[who]!.free);

/** What a wallet does with `signPayload`: sign the payload bytes (hashed when long) with the key. */
function walletSign(pair: typeof alice, payload: SignerPayloadJSON): string {
  return session.api.registry.createType('ExtrinsicPayload', payload, { version: payload.version }).sign(pair).signature;
}

const entryOf = async (svc: StakingService, id: string) => (await svc.list()).find((e) => e.id === id) ?? null;

async function waitFor(svc: StakingService, id: string, statuses: TxEntry['status'][], produce = true): Promise<TxEntry> {
  for (let i = 0; i < 60; i++) {
    const e = await entryOf(svc, id);
    if (e && statuses.includes(e.status)) return e;
    if (produce && i % 5 === 0) await devnet.control.produceBlock();
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`entry ${id} never reached ${statuses.join('/')}: ${JSON.stringify(await entryOf(svc, id))}`);
}

function submitted(step: SignStep): TxEntry {
  if (step.status !== 'submitted') throw new Error('expected a submission');
  return step.entry;
}

describe('staking service against the devnet', () => {
  it("the panel's validator list shows each validator's stake as of the block read, though the validator list itself is cached (issue 19)", async () => {
    // As the chain service does: the list (names, takes, permits) read once and reused for ten minutes.
    const cached = await session.reader.readValidators((await session.api.rpc.chain.getHeader()).hash.toHex());
    const svc = service(async () => cached);
    const hk = devnet.validators.validator4!;
    const stakeOf = async () => (await svc.context(alice.address, 64)).validators.find((v) => v.hotkey === hk)!.stake;
    const before = await stakeOf();
    const order: StakeOrder = { action: 'stake', address: alice.address, legs: [{ netuid: 64, hotkey: hk, amount: 3n * RAO }], slippageBps: 50 };
    const built = await svc.build(order);
    if (built.status !== 'sign') throw new Error('expected a payload');
    const done = await waitFor(svc, submitted(await svc.submitSigned(built.id, walletSign(alice, built.payload))).id, ['finalized', 'failed']);
    expect(done.status).toBe('finalized');
    const gained = position(devnet.accounts.Alice!, hk, 64);
    expect(gained).toBeGreaterThan(0n);
    expect((await stakeOf()) - before).toBe(gained);
  });

  it('names the accounts that hold stake on a subnet, the largest first', async () => {
    const svc = service();
    const charlie = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Charlie').address;
    expect(await svc.holders([bob.address, charlie, alice.address], 1)).toEqual([
      { address: alice.address, alpha: position(devnet.accounts.Alice!, devnet.validators.validator1!, 1) },
      { address: bob.address, alpha: position(devnet.accounts.Bob!, devnet.validators.validator1!, 1) },
    ]);
    expect(await svc.holders([charlie], 1)).toEqual([]);
  });

  it('quotes from the simulation, builds, verifies the wallet signature, submits add_stake_limit and follows it to finalized', async () => {
    const svc = service();
    const hk = devnet.validators.validator1!;
    const before = position(devnet.accounts.Alice!, hk, 2);
    const order: StakeOrder = { action: 'stake', address: alice.address, legs: [{ netuid: 2, hotkey: hk, amount: 5_123_456_789n }], slippageBps: 50 };
    const q = await svc.quote(order);
    expect(q.legs[0]!.amountOut).toBeGreaterThan(0n);
    expect(q.legs[0]!.limitPrice!).toBeGreaterThan(q.legs[0]!.spotPrice);
    expect(q.networkFee).toBeGreaterThan(0n);
    expect(q.call.text).toMatch(/^subtensorModule\.addStakeLimit\(hotkey: 5\w+, netuid: 2, amount_staked: 5123456789 rao/);
    expect(q.shielded).toBe(false);

    const built = await svc.build(order);
    if (built.status !== 'sign') throw new Error('expected a payload');
    const entry = submitted(await svc.submitSigned(built.id, walletSign(alice, built.payload)));
    expect(['submitting', 'ready']).toContain(entry.status);
    const done = await waitFor(svc, entry.id, ['finalized', 'failed']);
    expect(done.status).toBe('finalized');
    expect(done.summary).toBe('Stake τ5.123456789 on SN2'); // History shows the amount to the rao
    const gained = position(devnet.accounts.Alice!, hk, 2) - before;
    expect(gained).toBeGreaterThanOrEqual(q.legs[0]!.minReceived);
  });

  it('refuses a signature over different bytes before anything is sent', async () => {
    const svc = service();
    const order: StakeOrder = { action: 'stake', address: alice.address, legs: [{ netuid: 3, hotkey: devnet.validators.validator1!, amount: RAO }], slippageBps: 50 };
    const built = await svc.build(order);
    if (built.status !== 'sign') throw new Error('expected a payload');
    const poolBefore = (devnet.control.state() as unknown as { pool: number }).pool;
    // The wallet (or a page) signed something else: a different amount in the same shape.
    // (built by another service instance: a newer build in this one would replace the draft under test)
    const other = await service().build({ ...order, legs: [{ ...order.legs[0]!, amount: 2n * RAO }] });
    if (other.status !== 'sign') throw new Error('expected a payload');
    await expect(svc.submitSigned(built.id, walletSign(alice, other.payload))).rejects.toThrow(/does not match/);
    // Bob's signature over the right bytes is refused too.
    await expect(svc.submitSigned(built.id, walletSign(bob, { ...built.payload }))).rejects.toThrow(/does not match/);
    expect((devnet.control.state() as unknown as { pool: number }).pool).toBe(poolBefore);
    expect((await svc.list()).some((e) => e.id === built.id)).toBe(false);
  });

  it('a price moved past the limit fails with SlippageTooHigh in plain language; only the fee is paid', async () => {
    const svc = service();
    const hk = devnet.validators.validator1!;
    const order: StakeOrder = { action: 'stake', address: alice.address, legs: [{ netuid: 4, hotkey: hk, amount: 2n * RAO }], slippageBps: 50 };
    const built = await svc.build(order);
    if (built.status !== 'sign') throw new Error('expected a payload');
    const q = built.quote;
    // Someone buys ahead of us: the price moves ~ several % up.
    devnet.control.trade(4, { taoIn: 2_000n * RAO });
    await devnet.control.produceBlock();
    const freeBefore = free(devnet.accounts.Alice!);
    const posBefore = position(devnet.accounts.Alice!, hk, 4);
    const entry = submitted(await svc.submitSigned(built.id, walletSign(alice, built.payload)));
    const done = await waitFor(svc, entry.id, ['failed', 'finalized']);
    expect(done.status).toBe('failed');
    expect(done.error?.name).toBe('SubtensorModule.SlippageTooHigh');
    expect(done.error?.message).toBe('The price moved past your limit. Nothing was bought; only the network fee was spent.');
    expect(position(devnet.accounts.Alice!, hk, 4)).toBe(posBefore);
    expect(freeBefore - free(devnet.accounts.Alice!)).toBe(q.networkFee);
  });

  it('batch_all of 3 add_stake_limit legs lands all together, or not at all', async () => {
    const svc = service();
    const hk = devnet.validators.validator2!;
    const who = devnet.accounts.Alice!;
    const legs = splitEqually(3n * RAO + 1n, [5, 6, 7]).map((l) => ({ ...l, hotkey: hk }));
    const order: StakeOrder = { action: 'stake', address: alice.address, legs, slippageBps: 50 };
    const before = [5, 6, 7].map((n) => position(who, hk, n));
    const built = await svc.build(order);
    if (built.status !== 'sign') throw new Error('expected a payload');
    expect(built.quote.legs).toHaveLength(3);
    expect(built.quote.totalIn).toBe(3n * RAO + 1n);
    expect(built.quote.call.text).toMatch(/^utility\.batchAll\(\[/);
    const ok = await waitFor(svc, submitted(await svc.submitSigned(built.id, walletSign(alice, built.payload))).id, ['finalized', 'failed']);
    expect(ok.status).toBe('finalized');
    [5, 6, 7].forEach((n, i) => expect(position(who, hk, n)).toBeGreaterThan(before[i]!));

    // Again, but one leg's price is pushed past its limit: nothing of the batch lands.
    const built2 = await svc.build(order);
    if (built2.status !== 'sign') throw new Error('expected a payload');
    devnet.control.trade(6, { taoIn: 2_000n * RAO });
    await devnet.control.produceBlock();
    const freeBefore = free(who);
    const failed = await waitFor(svc, submitted(await svc.submitSigned(built2.id, walletSign(alice, built2.payload))).id, ['finalized', 'failed']);
    expect(failed.status).toBe('failed');
    expect(failed.error?.name).toBe('SubtensorModule.SlippageTooHigh');
    // No leg landed: only the fee left the free balance (positions grow by emissions alone).
    expect(freeBefore - free(who)).toBe(built2.quote.networkFee);
  });

  it('the journal survives a restart: a new service resolves the entry the old one sent', async () => {
    const first = service();
    const hk = devnet.validators.validator1!;
    const order: StakeOrder = { action: 'stake', address: alice.address, legs: [{ netuid: 8, hotkey: hk, amount: RAO }], slippageBps: 50 };
    const built = await first.build(order);
    if (built.status !== 'sign') throw new Error('expected a payload');
    const entry = submitted(await first.submitSigned(built.id, walletSign(alice, built.payload)));
    first.dispose(); // the worker stops before the block
    await devnet.control.produceBlock();
    expect(stored.find((e) => e.id === entry.id)!.status).not.toBe('finalized');

    // And one written but never sent, whose era has long passed.
    stored = [...stored, { ...entry, id: 'never-sent', hash: '0x' + '11'.repeat(32), createdAt: 0, eraBirth: 1, eraPeriod: 1 }];

    const second = service();
    await second.resume();
    const done = await waitFor(second, entry.id, ['finalized', 'failed'], false);
    expect(done.status).toBe('finalized');
    expect(done.blockNumber).toBeGreaterThan(0);
    const lost = await waitFor(second, 'never-sent', ['dropped', 'finalized', 'failed'], false);
    expect(lost.status).toBe('dropped');
    expect(lost.error?.message).toMatch(/expired without being included/);
  });

  it('MEV Shield: the wallet signs twice (inner, then wrapper); success is read from the inner extrinsic in the block', async () => {
    const svc = service();
    const hk = devnet.validators.validator3!;
    const who = devnet.accounts.Alice!;
    const order: StakeOrder = { action: 'stake', address: alice.address, legs: [{ netuid: 9, hotkey: hk, amount: 2n * RAO }], slippageBps: 50, shield: true };
    const before = position(who, hk, 9);
    const first = await svc.build(order);
    if (first.status !== 'sign') throw new Error('expected a payload');
    expect(first.quote.shielded).toBe(true);
    expect([first.step, first.of]).toEqual([1, 2]);
    expect(first.note).toMatch(/sign twice/);
    const second = await svc.submitSigned(first.id, walletSign(alice, first.payload));
    if (second.status !== 'sign') throw new Error('expected the wrapper payload');
    expect(second.step).toBe(2);
    expect(BigInt(second.payload.nonce)).toBe(BigInt(first.payload.nonce) - 1n); // wrapper N, inner N + 1
    const entry = submitted(await svc.submitSigned(second.id, walletSign(alice, second.payload)));
    expect(entry.shielded).toBe(true);
    expect(entry.innerHash).toMatch(/^0x[0-9a-f]{64}$/);
    const done = await waitFor(svc, entry.id, ['finalized', 'failed', 'dropped']);
    expect(done.status).toBe('finalized');
    expect(position(who, hk, 9) - before).toBeGreaterThanOrEqual(first.quote.legs[0]!.minReceived);
  });

  it('MEV Shield Max: the quote counts the envelope fee too; the whole Max lands and the fees charged are exactly the quote', async () => {
    const svc = service();
    const hk = devnet.validators.validator3!;
    // A fresh account holding 3 TAO, funded by //Alice.
    const maxer = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//TaoLensMaxShield');
    await new Promise<void>((resolve, reject) => {
      let produced = false;
      session.api.tx.balances!.transferKeepAlive!(maxer.address, 3n * RAO)
        .signAndSend(alice, (r) => {
          if (r.status.isReady && !produced) { produced = true; void devnet.control.produceBlock(); }
          if (r.status.isInBlock || r.status.isFinalized) resolve();
          if (r.isError) reject(new Error(r.status.type));
        })
        .catch(reject);
    });
    const freeBefore = free(maxer.address);
    expect(freeBefore).toBe(3n * RAO);
    const probe: StakeOrder = { action: 'stake', address: maxer.address, legs: [{ netuid: 9, hotkey: hk, amount: RAO / 500n }], slippageBps: 50, shield: true };
    const probed = await svc.quote(probe);
    expect(probed.shielded).toBe(true);
    const plainFee = (await svc.quote({ ...probe, shield: false })).networkFee;
    expect(probed.networkFee).toBeGreaterThan(plainFee); // the envelope pays too
    const first = await svc.build({ ...probe, legs: [{ ...probe.legs[0]!, amount: probed.maxAmount }] });
    if (first.status !== 'sign') throw new Error('expected a payload');
    expect(first.quote.networkFee).toBe(probed.networkFee);
    const second = await svc.submitSigned(first.id, walletSign(maxer, first.payload));
    if (second.status !== 'sign') throw new Error('expected the wrapper payload');
    const entry = submitted(await svc.submitSigned(second.id, walletSign(maxer, second.payload)));
    const done = await waitFor(svc, entry.id, ['finalized', 'failed', 'dropped']);
    expect(done.error).toBeNull();
    expect(done.status).toBe('finalized');
    expect(position(maxer.address, hk, 9)).toBeGreaterThan(0n);
    // Spent = the stake + both fees, to the rao; what is left is the existential deposit.
    const spent = freeBefore - free(maxer.address);
    expect(spent - probed.maxAmount).toBe(first.quote.networkFee);
  });

  /** Signs the stake, then the envelope; returns the envelope step the service answered the first one with. */
  async function shieldedFirstSignature(svc: StakingService, netuid: number) {
    const order: StakeOrder = { action: 'stake', address: alice.address, legs: [{ netuid, hotkey: devnet.validators.validator3!, amount: 2n * RAO }], slippageBps: 50, shield: true };
    const first = await svc.build(order);
    if (first.status !== 'sign') throw new Error('expected a payload');
    const envelope = await svc.submitSigned(first.id, walletSign(alice, first.payload));
    if (envelope.status !== 'sign') throw new Error('expected the wrapper payload');
    return { first, envelope };
  }

  it('MEV Shield: the key is rotated while the user signs the envelope — the same signed stake is sealed again, explained, and lands', async () => {
    const svc = service();
    const who = devnet.accounts.Alice!;
    const hk = devnet.validators.validator3!;
    const before = position(who, hk, 10);
    const nonceBefore = state().accounts[who]!.nonce;
    const { first, envelope } = await shieldedFirstSignature(svc, 10);
    // The chain retires the key the stake was sealed for before the envelope's signature comes back.
    devnet.control.rotateShieldKey();
    await devnet.control.produceBlock();
    const again = await svc.submitSigned(envelope.id, walletSign(alice, envelope.payload));
    if (again.status !== 'sign') throw new Error(`expected a new envelope to sign, got ${again.status}`);
    expect(again.resealed).toBe(true);
    expect([again.step, again.of]).toEqual([2, 2]); // only the envelope is signed again, not the stake
    expect(again.note).toMatch(/key changed .* sealed again .* stake itself does not need signing again/);
    expect(again.payload.method).not.toBe(envelope.payload.method);
    expect(again.payload.nonce).toBe(envelope.payload.nonce);
    // The envelope signed for the retired key was never sent.
    expect((devnet.control.state() as unknown as { pool: number }).pool).toBe(0);
    await expect(svc.submitSigned(envelope.id, walletSign(alice, envelope.payload))).rejects.toThrow(/no longer waiting/);

    const entry = submitted(await svc.submitSigned(again.id, walletSign(alice, again.payload)));
    const done = await waitFor(svc, entry.id, ['finalized', 'failed', 'dropped']);
    expect(done.status).toBe('finalized');
    expect(position(who, hk, 10) - before).toBeGreaterThanOrEqual(first.quote.legs[0]!.minReceived);
    expect(state().accounts[who]!.nonce).toBe(nonceBefore + 2); // one envelope and one stake, nothing more
  });

  it('MEV Shield: blocks pass while the user signs the envelope and its key expires — sealed again and lands', async () => {
    const svc = service();
    const who = devnet.accounts.Alice!;
    const hk = devnet.validators.validator3!;
    const before = position(who, hk, 11);
    const { first, envelope } = await shieldedFirstSignature(svc, 11);
    for (let i = 0; i < 4; i++) await devnet.control.produceBlock();
    const again = await svc.submitSigned(envelope.id, walletSign(alice, envelope.payload));
    if (again.status !== 'sign') throw new Error('expected a new envelope to sign');
    expect(again.resealed).toBe(true);
    const done = await waitFor(svc, submitted(await svc.submitSigned(again.id, walletSign(alice, again.payload))).id, ['finalized', 'failed', 'dropped']);
    expect(done.status).toBe('finalized');
    expect(position(who, hk, 11) - before).toBeGreaterThanOrEqual(first.quote.legs[0]!.minReceived);
  });

  it('MEV Shield: blocks pass while a busy worker writes the envelope to the journal — it is not sent, the stake is sealed again and lands', async () => {
    const who = devnet.accounts.Alice!;
    const hk = devnet.validators.validator3!;
    // A journal whose first write of a protected envelope takes three blocks.
    let stalled = false;
    const slowItem = {
      getValue: memoryItem.getValue,
      setValue: async (v: TxEntry[]) => {
        if (!stalled && v.some((e) => e.shielded && e.status === 'submitting')) {
          stalled = true;
          for (let i = 0; i < 3; i++) await devnet.control.produceBlock();
        }
        await memoryItem.setValue(v);
      },
    };
    const svc = createStakingService({ session: () => session, settings: () => ({ slippageBps: 50, mevShieldMinRao: String(10n ** 18n) }), journal: createJournalStore(slowItem), pollMs: 100 });
    services.push(svc);
    const before = position(who, hk, 18);
    const nonceBefore = state().accounts[who]!.nonce;
    const { first, envelope } = await shieldedFirstSignature(svc, 18);
    const again = await svc.submitSigned(envelope.id, walletSign(alice, envelope.payload));
    if (again.status !== 'sign') throw new Error(`expected a new envelope to sign, got ${again.status}`);
    expect(again.resealed).toBe(true);
    const dropped = (await svc.list()).filter((e) => e.status === 'dropped' && e.summary.includes('SN18'));
    expect(dropped).toHaveLength(1);
    expect(dropped[0]!.error?.message).toMatch(/not sent and nothing was charged/);
    const done = await waitFor(svc, submitted(await svc.submitSigned(again.id, walletSign(alice, again.payload))).id, ['finalized', 'failed', 'dropped']);
    expect(done.status).toBe('finalized');
    expect(position(who, hk, 18) - before).toBeGreaterThanOrEqual(first.quote.legs[0]!.minReceived);
    expect(state().accounts[who]!.nonce).toBe(nonceBefore + 2);
  });

  it('MEV Shield: a key retired after the envelope was sent — the envelope lands, its stake does not, and that is a failure', async () => {
    const svc = service();
    const who = devnet.accounts.Alice!;
    const hk = devnet.validators.validator3!;
    const before = position(who, hk, 14);
    const { envelope } = await shieldedFirstSignature(svc, 14);
    const entry = submitted(await svc.submitSigned(envelope.id, walletSign(alice, envelope.payload)));
    devnet.control.rotateShieldKey(); // while the envelope waits in the pool
    const done = await waitFor(svc, entry.id, ['finalized', 'failed', 'dropped']);
    expect(done.status).toBe('failed');
    expect(done.error?.message).toMatch(/stake inside it was not executed/);
    expect(position(who, hk, 14)).toBe(before);
  });

  it('re-checks every order against the chain: locked alpha, more than the spendable balance (never trusting the panel)', async () => {
    const svc = service();
    const ferdie = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Ferdie');
    const v1 = devnet.validators.validator1!;
    const held = state().positions.find((p) => p.coldkey === ferdie.address && p.hotkey === v1 && p.netuid === 3)!;
    const unlocked = BigInt(held.alpha) - BigInt((held as unknown as { locked: string }).locked);
    expect(unlocked).toBeGreaterThan(0n);
    expect(unlocked).toBeLessThan(BigInt(held.alpha));
    const unstake: StakeOrder = { action: 'unstake', address: ferdie.address, legs: [{ netuid: 3, hotkey: v1, amount: unlocked + 1n }], slippageBps: 50 };
    const q = await svc.quote(unstake);
    expect(q.maxAmount).toBe(unlocked);
    expect(q.problem).toMatch(/of this stake is unlocked; the rest cannot be unstaked or moved yet/);
    await expect(svc.build(unstake)).rejects.toThrow(/is unlocked/);
    await expect(svc.build({ ...unstake, action: 'unstake-all' })).rejects.toThrow(/unstake that amount instead of everything/);
    expect((await svc.quote({ ...unstake, legs: [{ ...unstake.legs[0]!, amount: unlocked }] })).problem).toBeNull();

    // Ferdie has 2,000 τ of which 1,500 τ are frozen: 600 τ is more than can be staked.
    const acct = state().accounts[ferdie.address]! as unknown as { free: string; frozen: string };
    const spendable = BigInt(acct.free) - BigInt(acct.frozen);
    const stake: StakeOrder = { action: 'stake', address: ferdie.address, legs: [{ netuid: 3, hotkey: v1, amount: spendable }], slippageBps: 50 };
    const sq = await svc.quote(stake);
    expect(sq.maxAmount).toBeLessThan(spendable);
    expect(sq.problem).toMatch(/more than you can stake/);
    await expect(svc.build(stake)).rejects.toThrow(/more than you can stake/);
    await expect(svc.build({ ...stake, legs: [{ ...stake.legs[0]!, amount: 1_999_999n }] })).rejects.toThrow(/minimum stake/);
    expect((await svc.quote({ ...stake, legs: [{ ...stake.legs[0]!, amount: sq.maxAmount }] })).problem).toBeNull();
    expect((await svc.list()).some((e) => e.address === ferdie.address)).toBe(false);
  });

  it('a double click never submits twice: a second build replaces the first, whose signature is then refused', async () => {
    const svc = service();
    const who = devnet.accounts.Alice!;
    const order: StakeOrder = { action: 'stake', address: alice.address, legs: [{ netuid: 15, hotkey: devnet.validators.validator2!, amount: RAO }], slippageBps: 50 };
    const nonceBefore = state().accounts[who]!.nonce;
    const entriesBefore = (await svc.list()).length;
    const [one, two] = await Promise.all([svc.build(order), svc.build(order)]);
    if (one.status !== 'sign' || two.status !== 'sign') throw new Error('expected payloads');
    const results = await Promise.allSettled([
      svc.submitSigned(one.id, walletSign(alice, one.payload)),
      svc.submitSigned(two.id, walletSign(alice, two.payload)),
      svc.submitSigned(two.id, walletSign(alice, two.payload)),
    ]);
    const sent = results.filter((r): r is PromiseFulfilledResult<SignStep> => r.status === 'fulfilled');
    expect(sent).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual(
      expect.arrayContaining([expect.stringMatching(/no longer waiting/)]),
    );
    const done = await waitFor(svc, submitted(sent[0]!.value).id, ['finalized', 'failed']);
    expect(done.status).toBe('finalized');
    expect((await svc.list()).length).toBe(entriesBefore + 1);
    expect(state().accounts[who]!.nonce).toBe(nonceBefore + 1);
  });

  it('a batch with a leg on a subnet whose trading has not started changes nothing but the fee', async () => {
    const svc = service();
    const who = devnet.accounts.Alice!;
    const hk = devnet.validators.validator3!;
    const legs = [16, 17, 127].map((netuid) => ({ netuid, hotkey: hk, amount: RAO }));
    const built = await svc.build({ action: 'stake', address: alice.address, legs, slippageBps: 100 });
    if (built.status !== 'sign') throw new Error('expected a payload');
    const before = legs.map((l) => position(who, hk, l.netuid));
    const freeBefore = free(who);
    const done = await waitFor(svc, submitted(await svc.submitSigned(built.id, walletSign(alice, built.payload))).id, ['finalized', 'failed']);
    expect(done.status).toBe('failed');
    expect(done.error?.name).toBe('SubtensorModule.SubtokenDisabled');
    expect(done.error?.message).toMatch(/Trading has not started on this subnet/);
    expect(freeBefore - free(who)).toBe(built.quote.networkFee);
    // Only emissions move positions (Alice held none of these with validator3).
    expect(legs.map((l) => position(who, hk, l.netuid))).toEqual(before);
  });

  it('unstake part, move to another subnet, change validator and unstake all land with their own calls', async () => {
    const svc = service();
    const who = devnet.accounts.Alice!;
    const v1 = devnet.validators.validator1!;
    const v4 = devnet.validators.validator4!;
    // Alice holds SN1 through validator1 in the default scenario.
    const run = async (order: StakeOrder, method: RegExp) => {
      const built = await svc.build(order);
      if (built.status !== 'sign') throw new Error('expected a payload');
      expect(built.quote.call.text).toMatch(method);
      const done = await waitFor(svc, submitted(await svc.submitSigned(built.id, walletSign(alice, built.payload))).id, ['finalized', 'failed']);
      expect(done.error).toBeNull();
      expect(done.status).toBe('finalized');
      return built.quote;
    };
    const held1 = position(who, v1, 1);
    expect(held1).toBeGreaterThan(10n * RAO);
    const freeBefore = free(who);
    const q = await run({ action: 'unstake', address: alice.address, legs: [{ netuid: 1, hotkey: v1, amount: 5n * RAO }], slippageBps: 50 }, /^subtensorModule\.removeStakeLimit\(/);
    expect(free(who) - freeBefore).toBeGreaterThanOrEqual(q.legs[0]!.minReceived - q.networkFee);

    const before12 = position(who, v1, 12);
    await run({ action: 'move', address: alice.address, legs: [{ netuid: 1, hotkey: v1, amount: 2n * RAO }], destNetuid: 12, slippageBps: 50 }, /^subtensorModule\.swapStakeLimit\(/);
    expect(position(who, v1, 12)).toBeGreaterThan(before12);

    const before4 = position(who, v4, 1);
    await run({ action: 'change-validator', address: alice.address, legs: [{ netuid: 1, hotkey: v1, amount: RAO }], destHotkey: v4, slippageBps: 50 }, /^subtensorModule\.moveStake\(/);
    expect(position(who, v4, 1) - before4).toBeGreaterThanOrEqual(RAO);

    await run({ action: 'unstake-all', address: alice.address, legs: [{ netuid: 12, hotkey: v1, amount: 0n }], slippageBps: 50 }, /^subtensorModule\.removeStakeFullLimit\(/);
    expect(position(who, v1, 12)).toBeLessThan(RAO / 100n); // only what emissions paid since
  });
});
