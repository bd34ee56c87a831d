// The staking path end to end against the devnet: plan → quote → signing payload → a wallet-like
// keyring signer → verify → submit and watch → outcome from the block's events; journal resume.
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { SignerPayloadJSON } from '@polkadot/types/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openChainSession, type ChainSession } from '@/lib/chain/session';
import { explainModuleError } from '@/lib/staking/errors';
import { memoryJournalStore, newEntry, resumePending, sendJournaled } from '@/lib/staking/journal-resume';
import type { TxEntry } from '@/lib/staking/journal';
import { planBatchStake, planStake, type ChainFacts, type PlannedCall, type StakeIntent } from '@/lib/staking/plan';
import { networkFee, simQuote, SPOT } from '@/lib/staking/sim-quote';
import {
  SignatureRefused,
  attachSignature,
  buildSigningPayload,
  submitAndWatch,
  type SigningRequest,
} from '@/lib/staking/transaction';
import { startDevnet, type Devnet } from '../devnet/index';

const RAO = 1_000_000_000n;
let devnet: Devnet;
let session: ChainSession;
let alice: KeyringPair;
let ed: bigint;

beforeAll(async () => {
  await cryptoWaitReady();
  devnet = await startDevnet({ port: 0, scenario: 'default', blockMs: 0 });
  await devnet.control.produceBlock();
  session = await openChainSession(devnet.url);
  alice = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Alice');
  ed = (session.api.consts.balances!.existentialDeposit as unknown as { toBigInt(): bigint }).toBigInt();
});
afterAll(async () => {
  await session?.close();
  await devnet?.stop();
});

const v = (n: number) => devnet.validators[`validator${n}`]!;
const account = () => devnet.control.state().accounts[alice.address]!;
const freeOf = () => BigInt(account().free);
const alphaOf = (hotkey: string, netuid: number) =>
  BigInt(devnet.control.state().positions.find((p) => p.coldkey === alice.address && p.hotkey === hotkey && p.netuid === netuid)?.alpha ?? '0');
const spot = async (netuid: number) => ((await session.reader.apis.call(SPOT, [netuid])) as unknown as { toBigInt(): bigint }).toBigInt();

/** What a wallet does with a SignerPayloadJSON. */
function walletSign(payload: SignerPayloadJSON, pair: KeyringPair = alice): string {
  return session.api.registry.createType('ExtrinsicPayload', payload, { version: payload.version }).sign(pair).signature;
}

async function facts(hotkey: string, netuid: number, call?: PlannedCall): Promise<ChainFacts> {
  const price = await spot(netuid);
  // fee of the call shape with a placeholder amount (the fee depends only on the length)
  const fee = await networkFee(session.api, alice.address, call ?? { pallet: 'subtensorModule', method: 'addStakeLimit', args: [hotkey, netuid, RAO, price, false] });
  return { priceRao: price, freeRao: freeOf(), positionAlpha: alphaOf(hotkey, netuid), feeRao: fee, existentialDeposit: ed };
}

async function buildSigned(call: PlannedCall): Promise<{ req: SigningRequest; signed: ReturnType<typeof attachSignature> }> {
  const req = await buildSigningPayload(session.api, alice.address, call);
  const signed = attachSignature(session.api, req, walletSign(req.payload));
  return { req, signed };
}

/** Produce a block as soon as the pool has it (blockMs 0: no timer). */
const produceOnReady = (s: { type: string }) => {
  if (s.type === 'ready') void devnet.control.produceBlock();
};

describe('staking against the devnet', () => {
  it('(a) addStakeLimit: build → wallet signs → verify → submit lands and is finalized', async () => {
    const netuid = 10;
    const hotkey = v(5); // Alice has nothing with validator5 on 10: no dividends muddle the fill
    const intent: StakeIntent = { action: 'stake', coldkey: alice.address, hotkey, netuid, amountText: '1', slippageBps: 50 };
    const f = await facts(hotkey, netuid);
    const plan = planStake(intent, f);
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.describe).toBe(`subtensorModule.addStakeLimit(${hotkey}, 10, 1.000000000 τ, limit ${plan.limitPrice! / RAO}.${String(plan.limitPrice! % RAO).padStart(9, '0').replace(/0+$/, '')} τ/α, allow_partial=false)`);

    const quote = await simQuote(session, { direction: 'buy', netuid, amount: plan.amount, slippageBps: 50 });
    expect(quote.amountOut).toBeGreaterThan(0n);
    expect(quote.spotPrice).toBe(f.priceRao);
    expect(quote.limitPrice).toBe(plan.limitPrice);

    const { req, signed } = await buildSigned(plan.call);
    expect(req.payload.era).not.toBe('0x00'); // mortal
    expect(req.eraPeriod).toBe(32);
    const fee = await networkFee(session.api, alice.address, signed);
    const free0 = freeOf();
    const alpha0 = alphaOf(hotkey, netuid);
    const seen: string[] = [];
    const result = await submitAndWatch(session.api, signed, (s) => {
      seen.push(s.type);
      produceOnReady(s);
    });
    expect(seen).toEqual(['ready', 'in-block', 'finalized']);
    expect(result.status).toBe('finalized');
    expect(result.outcome?.ok).toBe(true);
    expect(result.outcome?.events).toContain('subtensorModule.StakeAdded');
    expect(freeOf()).toBe(free0 - RAO - fee);
    const gained = alphaOf(hotkey, netuid) - alpha0;
    // the fill is close to the quote (this block's emission ran before the extrinsic)
    expect(alpha0).toBe(0n);
    expect(gained).toBeGreaterThan((quote.amountOut * 999n) / 1000n);
    expect(gained).toBeLessThan((quote.amountOut * 1001n) / 1000n);
    expect(gained).toBeGreaterThanOrEqual(quote.minReceived);
  });

  it('(b) a signature over different bytes is refused before anything is sent', async () => {
    const hotkey = v(1);
    const plan = planStake({ action: 'stake', coldkey: alice.address, hotkey, netuid: 1, amountText: '2', slippageBps: 50 }, await facts(hotkey, 1));
    if (!plan.ok) throw new Error(plan.error);
    const req = await buildSigningPayload(session.api, alice.address, plan.call);
    // a wallet (or a page in between) signs something else: same call, another nonce
    const tampered = { ...req.payload, nonce: session.api.registry.createType('Compact<u32>', req.nonce + 1).toHex() };
    const badSig = walletSign(tampered);
    // and a different account signing the right bytes
    const bob = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Bob');
    const before = account();
    expect(() => attachSignature(session.api, req, badSig)).toThrow(SignatureRefused);
    expect(() => attachSignature(session.api, req, walletSign(req.payload, bob))).toThrow(SignatureRefused);
    expect(() => attachSignature(session.api, req, '0x1234')).toThrow(SignatureRefused);
    expect(req.extrinsic.isSigned).toBe(false);
    await devnet.control.produceBlock();
    const after = account();
    expect(after.nonce).toBe(before.nonce);
    expect(after.free).toBe(before.free);
    expect(devnet.control.state().pool).toBe(0);
  });

  it('(c) the price moves beyond the limit: SlippageTooHigh in plain language, only the fee charged', async () => {
    const netuid = 2;
    const hotkey = v(1);
    const plan = planStake({ action: 'stake', coldkey: alice.address, hotkey, netuid, amountText: '5', slippageBps: 50 }, await facts(hotkey, netuid));
    if (!plan.ok) throw new Error(plan.error);
    const { signed } = await buildSigned(plan.call);
    const fee = await networkFee(session.api, alice.address, signed);
    const free0 = freeOf();
    const alpha0 = alphaOf(hotkey, netuid);
    devnet.control.trade(netuid, { taoIn: 500n * RAO }); // someone front-runs
    const result = await submitAndWatch(session.api, signed, produceOnReady);
    expect(result.status).toBe('failed');
    expect(result.error?.name).toBe('SlippageTooHigh');
    expect(result.error?.message).toBe(explainModuleError({ section: 'subtensorModule', name: 'SlippageTooHigh' }));
    expect(result.error?.message).toMatch(/price moved beyond your slippage limit/);
    expect(freeOf()).toBe(free0 - fee);
    expect(alphaOf(hotkey, netuid)).toBe(alpha0); // Alice holds nothing with validator1 on 2 before or after
  });

  it('(d) batchAll of 3 legs lands all; a batch with a leg on subnet 127 changes nothing but the fee', async () => {
    const hotkey = v(2);
    const legs = await Promise.all([4, 5, 6].map(async (netuid, i) => ({ hotkey, netuid, weight: [50, 30, 20][i]!, priceRao: await spot(netuid) })));
    const fee0 = await networkFee(session.api, alice.address, {
      pallet: 'utility',
      method: 'batchAll',
      args: [legs.map((l) => ({ pallet: 'subtensorModule', method: 'addStakeLimit', args: [l.hotkey, l.netuid, RAO, l.priceRao, false] }))],
    });
    const plan = planBatchStake({ coldkey: alice.address, amountText: '3.000000001', slippageBps: 100, legs }, { freeRao: freeOf(), feeRao: fee0, existentialDeposit: ed });
    if (!plan.ok) throw new Error(plan.error);
    expect(plan.legs.map((l) => l.amount)).toEqual([1_500_000_000n, 900_000_000n, 600_000_001n]);
    const before = legs.map((l) => alphaOf(l.hotkey, l.netuid));
    const { signed } = await buildSigned(plan.call);
    const fee = await networkFee(session.api, alice.address, signed);
    const free0 = freeOf();
    const ok = await submitAndWatch(session.api, signed, produceOnReady);
    expect(ok.status).toBe('finalized');
    expect(ok.outcome?.events.filter((e) => e === 'subtensorModule.StakeAdded')).toHaveLength(3);
    legs.forEach((l, i) => expect(alphaOf(l.hotkey, l.netuid)).toBeGreaterThan(before[i]!));
    expect(freeOf()).toBe(free0 - 3_000_000_001n - fee);

    // one leg on a subnet whose token is disabled: batch_all fails as a whole
    const hotkey3 = v(3);
    const badLegs = await Promise.all([8, 9, 127].map(async (netuid) => ({ hotkey: hotkey3, netuid, weight: 1, priceRao: await spot(netuid) })));
    const bad = planBatchStake({ coldkey: alice.address, amountText: '3', slippageBps: 100, legs: badLegs }, { freeRao: freeOf(), feeRao: fee0, existentialDeposit: ed });
    if (!bad.ok) throw new Error(bad.error);
    const badBefore = badLegs.map((l) => alphaOf(l.hotkey, l.netuid));
    const { signed: badSigned } = await buildSigned(bad.call);
    const badFee = await networkFee(session.api, alice.address, badSigned);
    const free1 = freeOf();
    const failed = await submitAndWatch(session.api, badSigned, produceOnReady);
    expect(failed.status).toBe('failed');
    expect(failed.error?.name).toBe('SubtokenDisabled');
    expect(failed.error?.message).toMatch(/Trading has not started/);
    expect(freeOf()).toBe(free1 - badFee);
    expect(badLegs.map((l) => alphaOf(l.hotkey, l.netuid))).toEqual(badBefore);
  });

  it('(e) the journal survives a restart: a fresh store over the same storage resolves what was sent before', async () => {
    const storage = { value: [] as TxEntry[] };
    const hotkey = v(4);
    const netuid = 7;
    const plan = planStake({ action: 'stake', coldkey: alice.address, hotkey, netuid, amountText: '0.5', slippageBps: 50 }, await facts(hotkey, netuid));
    if (!plan.ok) throw new Error(plan.error);
    const meta = { action: 'stake' as const, netuids: [netuid], summary: 'Stake τ0.5 on SN7', call: plan.describe };

    // worker 1: journals, sends, and dies before seeing any status
    const first = memoryJournalStore(storage);
    const { req, signed } = await buildSigned(plan.call);
    const entry = newEntry(req, signed, meta);
    await first.put(entry);
    expect(storage.value[0]?.status).toBe('submitting');
    await session.api.rpc.author.submitExtrinsic(signed);
    await devnet.control.produceBlock();

    // an entry written but never sent, whose era has long passed
    const stale = { ...newEntry(req, signed, meta), id: 'stale', hash: '0x' + '11'.repeat(32), eraBirth: 0, eraPeriod: 1 };
    await first.put(stale);

    // worker 2: new store over the same storage
    const second = memoryJournalStore(storage);
    const changed = await resumePending(session.api, second);
    expect(changed).toHaveLength(2);
    const list = await second.list();
    const resolved = list.find((e) => e.id === entry.id)!;
    expect(resolved.status).toBe('finalized');
    expect(resolved.blockHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(resolved.blockNumber).toBe(devnet.control.state().blockNumber);
    expect(list.find((e) => e.id === 'stale')?.status).toBe('dropped');
    expect(await resumePending(session.api, second)).toEqual([]); // nothing pending any more

    // journaled send from the start: written before submission, followed to finalized
    const plan2 = planStake({ action: 'unstake', coldkey: alice.address, hotkey, netuid, amountText: 'max', slippageBps: 100 }, await facts(hotkey, netuid));
    if (!plan2.ok) throw new Error(plan2.error);
    const built = await buildSigned(plan2.call);
    const e2 = newEntry(built.req, built.signed, { ...meta, action: 'unstake', call: plan2.describe });
    const statuses: string[] = [];
    const { result, entry: final } = await sendJournaled(session.api, second, e2, built.signed, (s, e) => {
      statuses.push(e.status);
      produceOnReady(s);
    });
    expect(result.status).toBe('finalized');
    expect(statuses).toEqual(['ready', 'in-block', 'finalized']);
    expect(final.status).toBe('finalized');
    expect((await second.list()).find((x) => x.id === e2.id)?.status).toBe('finalized');
  });
});
