// End-to-end: a plain @polkadot/api client over WebSocket against the devnet.
// The chain's pallets and runtime APIs are not in @polkadot/api's augmentation, hence the loose accessors.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { ApiPromise, WsProvider } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { EventRecord } from '@polkadot/types/interfaces';
import type { ISubmittableResult } from '@polkadot/types/types';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ACCOUNTS, encryptForShield, startDevnet, type Devnet } from './index';
import { readScenarioFile } from './scenario';

const RAO = 1_000_000_000n;
let devnet: Devnet;
let api: ApiPromise;
let alice: KeyringPair;
let validator1: string;

const noop = { extrinsic: {}, payload: {} };
const signedExtensions = { SudoTransactionExtension: noop, CheckShieldedTxValidity: noop, SubtensorTransactionExtension: noop, DrandPriority: noop };

beforeAll(async () => {
  await cryptoWaitReady();
  devnet = await startDevnet({ port: 0, scenario: 'default', blockMs: 0 });
  await devnet.control.produceBlock();
  api = await ApiPromise.create({ provider: new WsProvider(devnet.url), noInitWarn: true, signedExtensions });
  alice = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Alice');
  validator1 = devnet.validators.validator1!;
});
afterAll(async () => {
  await api?.disconnect();
  await devnet?.stop();
});

/** Submit, wait until the devnet's pool has it, produce a block, resolve at inBlock. */
async function submitAndBlock(xt: SubmittableExtrinsic<'promise'>, signer: KeyringPair, opts: Record<string, unknown> = {}): Promise<ISubmittableResult> {
  return new Promise((resolve, reject) => {
    let produced = false;
    xt.signAndSend(signer, opts, (r) => {
      if (r.status.isReady && !produced) { produced = true; void devnet.control.produceBlock(); }
      if (r.status.isInBlock || r.status.isFinalized) resolve(r);
      if (r.isError) reject(new Error(r.status.type));
    }).catch(reject);
  });
}

const call = (): any => api.call;
const txs = (): any => api.tx;
const query = (): any => api.query;
const inBlockHash = (r: ISubmittableResult) => (r.status.isInBlock ? r.status.asInBlock : r.status.asFinalized);
const free = async (who: string) => (await query().system.account(who)).data.free.toBigInt();
const eventNames = (events: EventRecord[]) => events.map((e: EventRecord) => `${e.event.section}.${e.event.method}`);
const price = async (netuid: number) => (await call().swapRuntimeApi.currentAlphaPrice(netuid)).toBigInt();
const stakeOf = async (coldkey: string, hotkey: string, netuid: number) => {
  const si = await call().stakeInfoRuntimeApi.getStakeInfoForHotkeyColdkeyNetuid(hotkey, coldkey, netuid);
  return si.isSome ? si.unwrap().stake.toBigInt() : 0n;
};
function dispatchErrorName(r: ISubmittableResult): string | undefined {
  const failed = r.events.find((e) => (api.events as any).system.ExtrinsicFailed.is(e.event));
  if (!failed) return undefined;
  const err = (failed.event.data as unknown as { dispatchError: { isModule: boolean; asModule: never; type: string } }).dispatchError;
  if (!err.isModule) return err.type;
  const meta = api.registry.findMetaError(err.asModule);
  return `${meta.section}.${meta.name}`;
}

describe('reads', () => {
  it('serves all dynamic info and prices matching the scenario', async () => {
    const file = readScenarioFile('default');
    const infos = await call().subnetInfoRuntimeApi.getAllDynamicInfo();
    expect(infos.length).toBe(128);
    const prices = await call().swapRuntimeApi.currentAlphaPriceAll();
    expect(prices.length).toBe(128);
    const state = devnet.control.state();
    for (const s of file.subnets) {
      const info = infos[s.netuid]!.unwrap();
      const live = state.subnets.find((x: any) => x.netuid === s.netuid)!;
      expect(new TextDecoder().decode(new Uint8Array(info.subnetName.map((b: any) => b.toNumber())))).toBe(s.name);
      expect(new TextDecoder().decode(new Uint8Array(info.tokenSymbol.map((b: any) => b.toNumber())))).toBe(s.symbol);
      expect(info.taoInEmission.toBigInt()).toBe(BigInt(s.taoInEmission));
      expect(info.alphaOutEmission.toBigInt()).toBe(BigInt(s.alphaOutEmission));
      // one block of emissions has been applied since genesis
      expect(info.taoIn.toBigInt()).toBe(BigInt(live.taoIn));
      expect(info.alphaIn.toBigInt()).toBe(BigInt(live.alphaIn));
      const p = prices.find((x: any) => x.netuid.toNumber() === s.netuid)!;
      expect(p.price.toBigInt()).toBe(BigInt(live.price));
      // price = ((1-q)/q) · tao / alpha for the weighted pool
      if (s.mechanism === 1) {
        const q = BigInt(s.quote);
        expect(p.price.toBigInt()).toBe(((10n ** 18n - q) * info.taoIn.toBigInt() * RAO) / (q * info.alphaIn.toBigInt()));
      } else expect(p.price.toBigInt()).toBe(RAO);
    }
    const hostile = infos[13]!.unwrap();
    expect(hostile.subnetIdentity.unwrap().description.length).toBe(10 * 1024);
    // storage agrees with the runtime API, keys hashed per the metadata
    expect((await query().subtensorModule.subnetTAO(5)).toBigInt()).toBe(infos[5]!.unwrap().taoIn.toBigInt());
    expect((await query().swap.feeRate(5)).toNumber()).toBe(file.subnets[5]!.feeRate);
    expect((await query().subtensorModule.subnetTAO.entries()).length).toBe(128);
  });

  it('serves positions and balances of the dev accounts', async () => {
    expect(devnet.accounts.Alice).toBe(DEV_ACCOUNTS.Alice);
    const si = await call().stakeInfoRuntimeApi.getStakeInfoForColdkeys([DEV_ACCOUNTS.Alice!, DEV_ACCOUNTS.Bob!]);
    expect(si[0]![1].length).toBeGreaterThanOrEqual(6);
    expect(new Set(si[0]![1].map((p: any) => p.netuid.toNumber())).size).toBeGreaterThanOrEqual(5);
    expect(await free(DEV_ACCOUNTS.Alice!)).toBe(10_000n * RAO);
  });

  it('sim_swap quotes equal what a swap applies (control trade)', async () => {
    const q = await call().swapRuntimeApi.simSwapTaoForAlpha(9, 5n * RAO);
    const before = devnet.control.state().subnets.find((s) => s.netuid === 9)!;
    devnet.control.trade(9, { taoIn: 5n * RAO });
    const after = devnet.control.state().subnets.find((s) => s.netuid === 9)!;
    expect(BigInt(before.alphaIn) - BigInt(after.alphaIn)).toBe(q.alphaAmount.toBigInt());
    expect(q.taoFee.toBigInt()).toBe((5n * RAO * BigInt(before.feeRate)) / 65535n);
  });
});

describe('signed extrinsics', () => {
  it('add_stake_limit fills: StakeAdded, balance down by amount + fee, position up by the quote', async () => {
    const netuid = 1;
    const amount = 10n * RAO;
    const p = await price(netuid);
    const quote = await call().swapRuntimeApi.simSwapTaoForAlpha(netuid, amount);
    const tx = txs().subtensorModule.addStakeLimit(validator1, netuid, amount, (p * 1005n) / 1000n, false);
    const fee = (await tx.paymentInfo(alice)).partialFee.toBigInt();
    const free0 = await free(alice.address);
    const stake0 = await stakeOf(alice.address, validator1, netuid);
    const r = await submitAndBlock(tx, alice);
    expect(eventNames(r.events)).toEqual(['balances.Withdraw', 'subtensorModule.StakeAdded', 'transactionPayment.TransactionFeePaid', 'system.ExtrinsicSuccess']);
    const added = r.events.find((e) => e.event.method === 'StakeAdded')!.event.data;
    const got = (added[3] as unknown as { toBigInt(): bigint }).toBigInt();
    // the block's emission runs before the extrinsic, so the fill is close to (not equal to) the quote
    const q = quote.alphaAmount.toBigInt();
    expect(got > (q * 999n) / 1000n && got < (q * 1001n) / 1000n).toBe(true);
    expect(await free(alice.address)).toBe(free0 - amount - fee);
    // position grows by the fill plus this block's dividend on the existing stake
    const grown = (await stakeOf(alice.address, validator1, netuid)) - stake0;
    const dividendCap = BigInt(devnet.control.state().subnets.find((s) => s.netuid === netuid)!.alphaOutEmission);
    expect(grown >= got && grown <= got + dividendCap).toBe(true);
  });

  it('add_stake_limit fails with SlippageTooHigh after someone else moves the price; only the fee is charged', async () => {
    const netuid = 2;
    const p = await price(netuid);
    const tx = txs().subtensorModule.addStakeLimit(validator1, netuid, 5n * RAO, (p * 1005n) / 1000n, false);
    const fee = (await tx.paymentInfo(alice)).partialFee.toBigInt();
    const free0 = await free(alice.address);
    const stake0 = await stakeOf(alice.address, validator1, netuid);
    devnet.control.trade(netuid, { taoIn: 500n * RAO }); // front-run: price up far beyond 0.5 %
    const r = await submitAndBlock(tx, alice);
    expect(dispatchErrorName(r)).toBe('subtensorModule.SlippageTooHigh');
    expect(eventNames(r.events)).not.toContain('subtensorModule.StakeAdded');
    expect(await free(alice.address)).toBe(free0 - fee);
    expect(await stakeOf(alice.address, validator1, netuid)).toBe(stake0);
  });

  it('rejects a bad signature and changes nothing', async () => {
    const tx = txs().subtensorModule.addStake(validator1, 1, 3n * RAO);
    await tx.signAsync(alice);
    const bytes = tx.toU8a();
    // flip one byte of the sr25519 signature (after length prefix, version, 0x00 + 32-byte address, type byte)
    const i = bytes.findIndex((_: number, k: number) => k > 0 && bytes[k - 1] === 0x84) + 1 + 32 + 1 + 5;
    bytes[i]! ^= 0xff;
    const before = devnet.control.state();
    await expect(api.rpc.author.submitExtrinsic(u8aToHex(bytes))).rejects.toThrow(/bad signature/);
    await devnet.control.produceBlock();
    const after = devnet.control.state();
    expect(after.pool).toBe(0);
    expect(after.accounts[alice.address]).toEqual(before.accounts[alice.address]);
    const block = await api.rpc.chain.getBlock();
    expect(block.block.extrinsics.length).toBe(1); // the timestamp inherent only
  });

  it('verifies ed25519 signatures too', async () => {
    const ed = new Keyring({ type: 'ed25519', ss58Format: 42 }).addFromUri('//Alice');
    const fund = await submitAndBlock(txs().balances.transferKeepAlive(ed.address, 5n * RAO), alice);
    expect(eventNames(fund.events)).toContain('balances.Endowed');
    const r = await submitAndBlock(txs().balances.transferKeepAlive(DEV_ACCOUNTS.Bob!, 1n * RAO), ed);
    expect(eventNames(r.events)).toEqual(['balances.Withdraw', 'balances.Transfer', 'transactionPayment.TransactionFeePaid', 'system.ExtrinsicSuccess']);
    expect((await api.rpc.system.accountNextIndex(ed.address)).toNumber()).toBe(1);
  });

  it('holds a future nonce until its predecessor arrives, then includes both in order', async () => {
    const n = (await call().accountNonceApi.accountNonce(alice.address)).toNumber();
    const later = txs().balances.transferKeepAlive(DEV_ACCOUNTS.Charlie!, RAO);
    await later.signAsync(alice, { nonce: n + 1 });
    const first = txs().balances.transferKeepAlive(DEV_ACCOUNTS.Charlie!, RAO);
    await first.signAsync(alice, { nonce: n });
    const c0 = await free(DEV_ACCOUNTS.Charlie!);
    await api.rpc.author.submitExtrinsic(later.toHex());
    await devnet.control.produceBlock(); // nonce n is missing: nothing can be included
    expect(await free(DEV_ACCOUNTS.Charlie!)).toBe(c0);
    await api.rpc.author.submitExtrinsic(first.toHex());
    expect((await api.rpc.system.accountNextIndex(alice.address)).toNumber()).toBe(n + 2);
    await devnet.control.produceBlock();
    expect(await free(DEV_ACCOUNTS.Charlie!)).toBe(c0 + 2n * RAO);
    expect(devnet.control.state().pool).toBe(0);
  });

  it('rejects a replayed nonce', async () => {
    const tx = txs().balances.transferKeepAlive(DEV_ACCOUNTS.Bob!, 1n * RAO);
    const bob0 = await free(DEV_ACCOUNTS.Bob!);
    const r = await submitAndBlock(tx, alice);
    expect(eventNames(r.events)).toContain('balances.Transfer');
    const bobBefore = await free(DEV_ACCOUNTS.Bob!);
    expect(bobBefore).toBe(bob0 + 1n * RAO);
    await expect(api.rpc.author.submitExtrinsic(tx.toHex())).rejects.toThrow(/outdated/);
    await devnet.control.produceBlock();
    expect(await free(DEV_ACCOUNTS.Bob!)).toBe(bobBefore);
  });

  it('batch_all with a failing leg fails whole and changes nothing but the fee', async () => {
    const free0 = await free(alice.address);
    const stake1 = await stakeOf(alice.address, validator1, 4);
    const batch = txs().utility.batchAll([
      txs().subtensorModule.addStake(validator1, 4, 2n * RAO), // would succeed
      txs().subtensorModule.addStake(validator1, 127, 2n * RAO), // subtoken disabled on 127
    ]);
    const fee = (await batch.paymentInfo(alice)).partialFee.toBigInt();
    const r = await submitAndBlock(batch, alice);
    expect(dispatchErrorName(r)).toBe('subtensorModule.SubtokenDisabled');
    expect(eventNames(r.events)).not.toContain('subtensorModule.StakeAdded');
    expect(await free(alice.address)).toBe(free0 - fee);
    expect(await stakeOf(alice.address, validator1, 4)).toBe(stake1);
  });

  it('batch_all of good legs applies all of them', async () => {
    const r = await submitAndBlock(txs().utility.batchAll([
      txs().subtensorModule.addStake(validator1, 4, 2n * RAO),
      txs().subtensorModule.removeStakeLimit(validator1, 1, 1n * RAO, 1n, false),
    ]), alice);
    expect(eventNames(r.events)).toEqual(expect.arrayContaining(['subtensorModule.StakeAdded', 'subtensorModule.StakeRemoved', 'utility.BatchCompleted', 'system.ExtrinsicSuccess']));
  });

  it('a shielded stake via MevShield.submit_encrypted lands in the same block', async () => {
    const netuid = 3;
    const nextKey = (await query().mevShield.nextKey()).unwrap().toU8a(true);
    expect(nextKey.length).toBe(1184);
    const nonce = (await call().accountNonceApi.accountNonce(alice.address)).toNumber();
    const p = await price(netuid);
    const inner = txs().subtensorModule.addStakeLimit(validator1, netuid, 20n * RAO, (p * 1005n) / 1000n, false);
    await inner.signAsync(alice, { nonce: nonce + 1, era: 8 });
    const innerBytes = inner.toU8a();
    const ct = encryptForShield(nextKey, innerBytes);
    const stake0 = await stakeOf(alice.address, validator1, netuid);
    const r = await submitAndBlock(txs().mevShield.submitEncrypted(u8aToHex(ct)), alice, { nonce, era: 8 });
    expect(eventNames(r.events)).toContain('mevShield.EncryptedSubmitted');
    const block = await api.rpc.chain.getBlock(inBlockHash(r));
    const hashes = block.block.extrinsics.map((x) => blake2AsHex(x.toU8a(), 256));
    const innerHash = blake2AsHex(innerBytes, 256);
    const idx = hashes.indexOf(innerHash);
    expect(idx).toBeGreaterThan(0);
    const events: EventRecord[] = await ((await api.at(inBlockHash(r))).query as any).system.events();
    const mine = events.filter((e: EventRecord) => e.phase.isApplyExtrinsic && e.phase.asApplyExtrinsic.toNumber() === idx).map((e: EventRecord) => `${e.event.section}.${e.event.method}`);
    expect(mine).toContain('subtensorModule.StakeAdded');
    expect(mine).toContain('system.ExtrinsicSuccess');
    expect(await stakeOf(alice.address, validator1, netuid)).toBeGreaterThan(stake0);
    expect(hexToU8a(innerHash).length).toBe(32);
  });

  it('a wrapper encrypted to an expired key succeeds but its inner stake is not included', async () => {
    const oldKey = (await query().mevShield.nextKey()).unwrap().toU8a(true);
    for (let i = 0; i < 3; i++) await devnet.control.produceBlock(); // the key leaves its window
    const nonce = (await call().accountNonceApi.accountNonce(alice.address)).toNumber();
    const inner = txs().subtensorModule.addStake(validator1, 3, 2n * RAO);
    await inner.signAsync(alice, { nonce: nonce + 1, era: 8 });
    const stake0 = await stakeOf(alice.address, validator1, 3);
    const r = await submitAndBlock(txs().mevShield.submitEncrypted(u8aToHex(encryptForShield(oldKey, inner.toU8a()))), alice, { nonce, era: 8 });
    expect(eventNames(r.events)).toContain('system.ExtrinsicSuccess');
    const block = await api.rpc.chain.getBlock(inBlockHash(r));
    expect(block.block.extrinsics.map((x) => blake2AsHex(x.toU8a(), 256))).not.toContain(blake2AsHex(inner.toU8a(), 256));
    // only emission dividends may move the position; the 2 TAO stake did not land
    const grown = (await stakeOf(alice.address, validator1, 3)) - stake0;
    expect(grown < 1n * RAO).toBe(true);
    expect((await call().accountNonceApi.accountNonce(alice.address)).toNumber()).toBe(nonce + 1);
  });

  it('rejects a shielded wrapper with an era longer than 8 blocks', async () => {
    const nextKey = (await query().mevShield.nextKey()).unwrap().toU8a(true);
    const tx = txs().mevShield.submitEncrypted(u8aToHex(encryptForShield(nextKey, new Uint8Array([1, 2, 3]))));
    await tx.signAsync(alice, { era: 64 });
    await expect(api.rpc.author.submitExtrinsic(tx.toHex())).rejects.toThrow(/era/);
  });
});
