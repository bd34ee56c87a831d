// Block production, the transaction pool and extrinsic application. One Chain = one node.
import { EventEmitter } from 'node:events';
import type { Header } from '@polkadot/types/interfaces';
import { compactToU8a, u8aConcat, u8aToHex, hexToU8a, compactFromU8a } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';
import { dispatchInfo, encodeEvents, type DevEvent } from './events';
import { decodeExtrinsic, eraBirth, invalidTx, TxError, verifySignature, type DecodedExtrinsic } from './extrinsic';
import type { ChainTypes } from './metadata';
import { MevShield } from './mevshield';
import { PERQUINTILL, swapAlphaForTao, swapTaoForAlpha } from './pool';
import { txFee, txWeight } from './runtime-apis';
import { DispatchFailure, dispatch, restore, type RawEvent } from './staking';
import { account, applyEmissions, cloneState, poolOf, priceOf, type ChainState } from './state';
import { StorageEncoder } from './storage';

export interface HeaderJson { parentHash: string; number: string; stateRoot: string; extrinsicsRoot: string; digest: { logs: string[] } }

export interface Block {
  number: number;
  hash: string;
  header: HeaderJson;
  extrinsics: string[];
  /** dropped for old blocks (state pruning) */
  state?: ChainState;
  storage?: Map<string, string>;
  sortedKeys?: string[];
  /** Runtime-call answers already computed at this block (its state never changes), by method and arguments. */
  answers?: Map<string, string>;
}

export type TxStatus = 'future' | 'ready' | { inBlock: string } | { finalized: string } | 'invalid' | 'dropped' | { usurped: string };

interface PoolTx { x: DecodedExtrinsic; hex: string; watch?: (s: TxStatus) => void; submittedAt: number }

const KEEP_STATE_BLOCKS = 64; // state kept for api.at(); older blocks keep header and hash only
const MAX_FUTURE_BLOCKS = 64;

export class Chain extends EventEmitter {
  readonly storageEnc: StorageEncoder;
  readonly mev = new MevShield();
  working: ChainState;
  blocks: Block[] = [];
  byHash = new Map<string, Block>();
  pool: PoolTx[] = [];
  /** While on, blocks include no pool transactions (a congested chain): they stay pending (control `/hold-pool`). */
  holdPool = false;
  genesisHash = '';

  constructor(readonly t: ChainTypes, initial: ChainState) {
    super();
    this.setMaxListeners(0);
    this.storageEnc = new StorageEncoder(t);
    this.working = cloneState(initial);
    this.mev.rotate(0);
    this.seal(0, '0x' + '00'.repeat(32), [], [], BigInt(Date.now()));
    this.genesisHash = this.blocks[0]!.hash;
  }

  best(): Block { return this.blocks[this.blocks.length - 1]!; }
  finalized(): Block { return this.best(); }
  blockAt(hashOrNumber?: string | number | null): Block | undefined {
    if (hashOrNumber === undefined || hashOrNumber === null) return this.best();
    if (typeof hashOrNumber === 'number') return this.blocks[hashOrNumber];
    return this.byHash.get(hashOrNumber.toLowerCase());
  }

  /** Next nonce for an account counting ready transactions in the pool (system_accountNextIndex). */
  nextIndex(who: string): number {
    let n = this.best().state!.accounts.get(who)?.nonce ?? 0;
    const mine = this.pool.filter((p) => p.x.signer === who).map((p) => p.x.nonce).sort((a, b) => a - b);
    for (const m of mine) if (m === n) n++;
    return n;
  }

  // ---- transaction pool ----

  private birthHash(x: DecodedExtrinsic, current: number): string | undefined {
    if (!x.era?.mortal) return this.genesisHash;
    const birth = eraBirth(x.era, current);
    return this.blocks[birth]?.hash;
  }

  /** Pool validation at the best block (like validate_transaction). Throws TxError. */
  validate(x: DecodedExtrinsic): 'ready' | 'future' {
    if (!x.signed) throw new TxError(1011, 'Unknown Transaction Validity', 'NoUnsignedValidator');
    const best = this.best();
    const current = best.number + 1;
    const birthHash = this.birthHash(x, current);
    if (!birthHash) throw invalidTx('Transaction has an ancient birth block');
    const ctx = { specVersion: this.t.runtimeVersion.specVersion, transactionVersion: this.t.runtimeVersion.transactionVersion, genesisHash: this.genesisHash, birthHash };
    if (!verifySignature(this.t, x, ctx)) throw invalidTx('Transaction has a bad signature');
    if (x.call.section === 'mevShield' && x.call.method === 'submitEncrypted') {
      if (!x.era?.mortal || x.era.period > 8) throw invalidTx('Custom error: shielded wrapper must be mortal with an era of at most 8 blocks');
      const ct = x.call.args[0] as unknown as { length: number };
      if (ct.length > 8192) throw invalidTx('Custom error: ciphertext longer than 8192 bytes');
    }
    const st = best.state!;
    const acct = st.accounts.get(x.signer!);
    const nonce = acct?.nonce ?? 0;
    if (x.nonce < nonce) throw invalidTx('Transaction is outdated');
    if (this.pool.some((p) => p.x.hash === x.hash)) throw new TxError(1013, 'Transaction Already Imported');
    if (this.pool.some((p) => p.x.signer === x.signer && p.x.nonce === x.nonce)) throw new TxError(1014, 'Priority is too low', `(0 vs 0)`);
    const fee = txFee(x.bytes.length) + x.tip;
    const spendable = acct ? acct.free - acct.frozen : 0n;
    if (spendable < fee) throw invalidTx('Inability to pay some fees (e.g. account balance too low)');
    return x.nonce > this.nextIndex(x.signer!) ? 'future' : 'ready';
  }

  submit(hex: string, watch?: (s: TxStatus) => void): { hash: string; status: 'ready' | 'future' } {
    const x = decodeExtrinsic(this.t, hex);
    const status = this.validate(x);
    this.pool.push({ x, hex: u8aToHex(x.bytes), watch, submittedAt: this.best().number });
    return { hash: x.hash, status };
  }

  // ---- control: someone else's trade against a pool (applied to the pending state) ----

  trade(netuid: number, t: { taoIn?: bigint; alphaIn?: bigint }): { price: bigint } {
    const s = this.working.subnets.get(netuid);
    if (!s) throw new Error(`no subnet ${netuid}`);
    if (t.taoIn && t.taoIn > 0n) {
      const r = swapTaoForAlpha(poolOf(s), t.taoIn);
      s.taoIn = r.taoIn; s.alphaIn = r.alphaIn; if (s.mechanism === 1) s.alphaOut += r.amountOut; s.volume += t.taoIn;
    }
    if (t.alphaIn && t.alphaIn > 0n) {
      const r = swapAlphaForTao(poolOf(s), t.alphaIn);
      s.taoIn = r.taoIn; s.alphaIn = r.alphaIn; if (s.mechanism === 1) s.alphaOut -= t.alphaIn; s.volume += r.amountOut;
    }
    return { price: priceOf(s) };
  }

  /**
   * The netuid pruned and registered again by a new subnet (as when the subnet limit is reached), from the next block:
   * a new registration block, name, owner-less identity and a fresh pool at `priceRao`. Refused while anyone stakes
   * there: dissolving stakes back to TAO is not modelled.
   */
  reregister(netuid: number, name: string, priceRao: bigint): { registeredAt: bigint } {
    const s = this.working.subnets.get(netuid);
    if (!s) throw new Error(`no subnet ${netuid}`);
    if ([...this.working.positions.values()].some((p) => p.netuid === netuid && p.alpha > 0n)) throw new Error(`subnet ${netuid} has stakes: not re-registered`);
    const alphaIn = 1_000n * 1_000_000_000n;
    Object.assign(s, {
      name, symbol: name.slice(0, 1), registeredAt: BigInt(this.best().number + 1), identity: undefined, quote: PERQUINTILL / 2n,
      taoIn: (alphaIn * priceRao) / 1_000_000_000n, alphaIn, alphaOut: 0n, volume: 0n, movingPrice: 0n, subtokenEnabled: true,
    });
    return { registeredAt: s.registeredAt };
  }

  // ---- block production ----

  produceBlock(): Block {
    const parent = this.best();
    const n = parent.number + 1;
    const now = BigInt(Date.now());
    applyEmissions(this.working, BigInt(n));
    this.mev.rotate(n);

    const extrinsics: string[] = [];
    const events: DevEvent[] = [];
    // inherent: Timestamp.set (unsigned v4)
    const tsCall = u8aConcat(new Uint8Array([this.t.palletIndex('Timestamp'), 0]), compactToU8a(now));
    const tsBody = u8aConcat(new Uint8Array([0x04]), tsCall);
    extrinsics.push(u8aToHex(u8aConcat(compactToU8a(tsBody.length), tsBody)));
    events.push({ phase: { applyExtrinsic: 0 }, pallet: 'System', name: 'ExtrinsicSuccess', args: [{ weight: { refTime: 10_000_000n, proofSize: 0n }, class: 'Mandatory', paysFee: 'Yes' }] });

    const included: { tx: PoolTx }[] = [];
    const dropped: { tx: PoolTx; status: TxStatus }[] = [];
    let progress = !this.holdPool;
    while (progress) {
      progress = false;
      for (const tx of [...this.pool]) {
        const r = this.tryApply(tx.x, n, extrinsics, events);
        if (r === 'future') {
          if (n - tx.submittedAt > MAX_FUTURE_BLOCKS) { this.pool.splice(this.pool.indexOf(tx), 1); dropped.push({ tx, status: 'dropped' }); }
          continue;
        }
        this.pool.splice(this.pool.indexOf(tx), 1);
        if (r === 'invalid') dropped.push({ tx, status: 'invalid' });
        else { included.push({ tx }); progress = true; }
      }
    }
    const block = this.seal(n, parent.hash, extrinsics, events, now);
    for (const d of dropped) d.tx.watch?.(d.status);
    for (const i of included) i.tx.watch?.({ inBlock: block.hash });
    // finality follows shortly after inclusion: clients (signAndSend uses switchMap) need time to
    // process inBlock before the finalized status replaces it
    if (included.length) setTimeout(() => { for (const i of included) i.tx.watch?.({ finalized: block.hash }); }, 100).unref?.();
    this.emit('block', block);
    return block;
  }

  /** Apply one signed extrinsic to the working state at block n; 'future' leaves it in the pool. */
  private tryApply(x: DecodedExtrinsic, n: number, extrinsics: string[], events: DevEvent[]): 'applied' | 'future' | 'invalid' {
    const who = x.signer!;
    const acct = account(this.working, who);
    if (x.nonce > acct.nonce) return 'future';
    if (x.nonce < acct.nonce) return 'invalid';
    // a mortal transaction past its era computes another birth block: its signature no longer matches
    if (x.era?.mortal) {
      const birth = eraBirth(x.era, n);
      if (birth + x.era.period <= n || birth > n - 1) return 'invalid';
    }
    const len = x.bytes.length;
    const fee = txFee(len) + x.tip;
    if (acct.free - acct.frozen < fee) return 'invalid';

    const index = extrinsics.length;
    extrinsics.push(u8aToHex(x.bytes));
    const phase = { applyExtrinsic: index };
    acct.free -= fee;
    acct.nonce += 1;
    events.push({ phase, pallet: 'Balances', name: 'Withdraw', args: [who, fee] });
    const info = dispatchInfo(txWeight(len));
    const before = cloneState(this.working);
    const ctx = { t: this.t, state: this.working, events: [] as RawEvent[], who };
    let inner: DecodedExtrinsic | undefined;
    try {
      if (x.call.section === 'mevShield' && x.call.method === 'submitEncrypted') {
        const ct = (x.call.args[0] as unknown as { toU8a(bare: boolean): Uint8Array }).toU8a(true);
        ctx.events.push({ pallet: 'MevShield', name: 'EncryptedSubmitted', args: [blake2AsHex(ct, 256), who] });
        inner = this.unshield(ct, n);
      } else {
        dispatch(ctx, x.call);
      }
      for (const e of ctx.events) events.push({ phase, ...e });
      events.push({ phase, pallet: 'TransactionPayment', name: 'TransactionFeePaid', args: [who, fee, x.tip] });
      events.push({ phase, pallet: 'System', name: 'ExtrinsicSuccess', args: [info] });
    } catch (e) {
      if (!(e instanceof DispatchFailure)) {
        console.error('[devnet] internal error applying extrinsic', e);
      }
      restore(this.working, before);
      const err = e instanceof DispatchFailure ? e.error : { Other: null };
      events.push({ phase, pallet: 'TransactionPayment', name: 'TransactionFeePaid', args: [who, fee, x.tip] });
      events.push({ phase, pallet: 'System', name: 'ExtrinsicFailed', args: [err, info] });
    }
    if (inner) {
      // the block author includes the decrypted inner extrinsic right after its wrapper
      const r = this.tryApply(inner, n, extrinsics, events);
      if (r !== 'applied') console.warn(`[devnet] shielded inner extrinsic ${inner.hash} not applicable (${r}); dropped`);
    }
    return 'applied';
  }

  /** Decrypt and fully verify a shielded inner extrinsic; undefined when it cannot be included. */
  private unshield(ct: Uint8Array, n: number): DecodedExtrinsic | undefined {
    try {
      let plain = this.mev.decrypt(ct, n);
      // accept the inner extrinsic with or without its length prefix
      const [off, len] = compactFromU8a(plain);
      if (off + len.toNumber() !== plain.length) plain = u8aConcat(compactToU8a(plain.length), plain);
      const x = decodeExtrinsic(this.t, plain);
      if (!x.signed) throw new Error('inner extrinsic is not signed');
      const birthHash = this.birthHash(x, n);
      if (!birthHash || !verifySignature(this.t, x, { specVersion: this.t.runtimeVersion.specVersion, transactionVersion: this.t.runtimeVersion.transactionVersion, genesisHash: this.genesisHash, birthHash })) throw new Error('bad signature');
      return x;
    } catch (e) {
      console.warn(`[devnet] shielded submission not decrypted/verified: ${(e as Error).message}`);
      return undefined;
    }
  }

  private seal(n: number, parentHash: string, extrinsics: string[], events: DevEvent[], now: bigint): Block {
    const state = cloneState(this.working);
    const storage = this.storageEnc.build(state, {
      number: n, parentHash, timestamp: now, eventsHex: encodeEvents(this.t, events), genesisHash: this.genesisHash || parentHash,
      extrinsicCount: extrinsics.length, mev: this.mev.storage(),
    });
    const sortedKeys = [...storage.keys()].sort();
    const stateRoot = blake2AsHex(sortedKeys.map((k) => k + storage.get(k)).join(''), 256);
    const extrinsicsRoot = blake2AsHex(u8aConcat(...extrinsics.map((e) => hexToU8a(e))), 256);
    const header = this.t.registry.createType('Header', { parentHash, number: n, stateRoot, extrinsicsRoot, digest: { logs: [] } }) as Header;
    const hash = header.hash.toHex();
    const block: Block = {
      number: n, hash, extrinsics, state, storage, sortedKeys,
      header: { parentHash, number: '0x' + n.toString(16), stateRoot, extrinsicsRoot, digest: { logs: [] } },
    };
    if (n === 0) this.genesisHash = hash;
    if (n === 0) storage.set(this.storageEnc.key('system', 'blockHash', [0]), this.storageEnc.encode('system', 'blockHash', hash));
    this.blocks.push(block);
    this.byHash.set(hash, block);
    const old = this.blocks[n - KEEP_STATE_BLOCKS];
    if (old && old.number !== 0) { old.state = undefined; old.storage = undefined; old.sortedKeys = undefined; old.answers = undefined; }
    return block;
  }
}
