// The background's staking path (quote → payload → wallet signature → verify → submit → journal) against the devnet,
// with a keyring-backed signer (//Alice, real sr25519) standing in for the wallet.
import { Keyring } from '@polkadot/keyring';
import type { SignerPayloadJSON } from '@polkadot/types/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStakingService, type SignStep, type StakingService } from '@/lib/background/staking-service';
import { openChainSession, type ChainSession } from '@/lib/chain/session';
import type { TxEntry } from '@/lib/staking/journal';
import type { StakeOrder } from '@/lib/staking/types';
import { createJournalStore } from '@/lib/storage/tx-journal';
import { splitEqually } from '@/lib/staking/batch';
import { startDevnet, type Devnet } from '../devnet/index';

const RAO = 1_000_000_000n;
let devnet: Devnet;
let session: ChainSession;
let alice: ReturnType<Keyring['addFromUri']>;
let bob: ReturnType<Keyring['addFromUri']>;
let stored: TxEntry[] = [];
const memoryItem = { getValue: async () => stored, setValue: async (v: TxEntry[]) => void (stored = v) };
const services: StakingService[] = [];

function service(): StakingService {
  const s = createStakingService({
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

async function waitFor(svc: StakingService, id: string, statuses: TxEntry['status'][], produce = true): Promise<TxEntry> {
  for (let i = 0; i < 60; i++) {
    const e = await svc.get(id);
    if (e && statuses.includes(e.status)) return e;
    if (produce && i % 5 === 0) await devnet.control.produceBlock();
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`entry ${id} never reached ${statuses.join('/')}: ${JSON.stringify(await svc.get(id))}`);
}

function submitted(step: SignStep): TxEntry {
  if (step.status !== 'submitted') throw new Error('expected a submission');
  return step.entry;
}

describe('staking service against the devnet', () => {
  it('quotes from the simulation, builds, verifies the wallet signature, submits add_stake_limit and follows it to finalized', async () => {
    const svc = service();
    const hk = devnet.validators.validator1!;
    const before = position(devnet.accounts.Alice!, hk, 2);
    const order: StakeOrder = { action: 'stake', address: alice.address, legs: [{ netuid: 2, hotkey: hk, amount: 5n * RAO }], slippageBps: 50 };
    const q = await svc.quote(order);
    expect(q.legs[0]!.amountOut).toBeGreaterThan(0n);
    expect(q.legs[0]!.limitPrice!).toBeGreaterThan(q.legs[0]!.spotPrice);
    expect(q.networkFee).toBeGreaterThan(0n);
    expect(q.call.text).toMatch(/^subtensorModule\.addStakeLimit\(hotkey: 5\w+, netuid: 2, amount_staked: 5000000000 rao/);
    expect(q.shielded).toBe(false);

    const built = await svc.build(order);
    if (built.status !== 'sign') throw new Error('expected a payload');
    const entry = submitted(await svc.submitSigned(built.id, walletSign(alice, built.payload)));
    expect(['submitting', 'ready']).toContain(entry.status);
    const done = await waitFor(svc, entry.id, ['finalized', 'failed']);
    expect(done.status).toBe('finalized');
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
    const other = await svc.build({ ...order, legs: [{ ...order.legs[0]!, amount: 2n * RAO }] });
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
    expect(done.error?.message).toMatch(/price moved beyond your slippage limit/);
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

    const second = service();
    await second.resume();
    const done = await waitFor(second, entry.id, ['finalized', 'failed'], false);
    expect(done.status).toBe('finalized');
    expect(done.blockNumber).toBeGreaterThan(0);
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

  it('MEV Shield: a wrapper whose inner stake is dropped (stale key) is a failure, not a success', async () => {
    const svc = service();
    const hk = devnet.validators.validator3!;
    const order: StakeOrder = { action: 'stake', address: alice.address, legs: [{ netuid: 10, hotkey: hk, amount: 2n * RAO }], slippageBps: 50, shield: true };
    const first = await svc.build(order);
    if (first.status !== 'sign') throw new Error('expected a payload');
    const second = await svc.submitSigned(first.id, walletSign(alice, first.payload));
    if (second.status !== 'sign') throw new Error('expected the wrapper payload');
    // The person takes a while in the wallet: the key the inner extrinsic was encrypted to expires.
    for (let i = 0; i < 4; i++) await devnet.control.produceBlock();
    const entry = submitted(await svc.submitSigned(second.id, walletSign(alice, second.payload)));
    const done = await waitFor(svc, entry.id, ['finalized', 'failed', 'dropped']);
    expect(done.status).toBe('failed');
    expect(done.error?.message).toMatch(/stake inside it was not executed/);
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
