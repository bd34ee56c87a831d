// The reader's cadence while someone is looking (lib/chain/reader.ts ReadCadence): prices every block, every
// subnet's dynamic info on a slower clock (with its own block on each figure), and positions read again only where
// a followed storage signal moved (lib/chain/position-signals.ts). Real @polkadot/api over a real WebSocket to a
// devnet paying dividends per epoch, as mainnet does; the figures are checked against the devnet's state.
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainRead } from '@/lib/chain/reader';
import { openChainSession, type ChainSession } from '@/lib/chain/session';
import { DEV_ACCOUNTS, startDevnet, type Devnet } from '../devnet/index';

let devnet: Devnet;
let session: ChainSession;
const alice = DEV_ACCOUNTS.Alice!;

beforeAll(async () => {
  await cryptoWaitReady();
  devnet = await startDevnet({ port: 0, scenario: 'default', blockMs: 0, dividends: 'per-epoch' });
  await devnet.control.produceBlock();
  session = await openChainSession(devnet.url);
});
afterAll(async () => {
  await session?.close();
  await devnet?.stop();
});

interface StateJson {
  blockNumber: number;
  finalizedHash: string;
  subnets: { netuid: number; price: string; taoIn: string; tempo: number }[];
  positions: { coldkey: string; hotkey: string; netuid: number; alpha: string }[];
}
const state = () => devnet.control.state() as unknown as StateJson;
/** Runtime calls the devnet answered so far, by name. */
const runtimeCalls = () => {
  const out: Record<string, number> = {};
  for (const [k, n] of Object.entries(devnet.control.requestCounts().requests)) if (k.startsWith('state_call:')) out[k.slice(11)] = n;
  return out;
};
const callsDuring = async <T,>(fn: () => Promise<T>): Promise<{ result: T; calls: Record<string, number> }> => {
  const before = runtimeCalls();
  const result = await fn();
  const after = runtimeCalls();
  const calls: Record<string, number> = {};
  for (const [k, n] of Object.entries(after)) if (n - (before[k] ?? 0) > 0) calls[k] = n - (before[k] ?? 0);
  return { result, calls };
};

/** One read of the newest block the way the worker reads while someone is looking. */
async function look(coldkeys: string[], known: number[], every: { info: number; positions: number }): Promise<ChainRead> {
  const s = state();
  return session.reader.read(s.finalizedHash, coldkeys, known, undefined, {
    blockNumber: s.blockNumber,
    subnetInfoEveryBlocks: every.info,
    positionsEveryBlocks: every.positions,
  });
}

/** The positions a read shows, against the devnet's at that block: same validators, subnets and alpha, to the rao. */
function expectPositionsOfChain(read: ChainRead, coldkey: string) {
  const shown = read.portfolios.find((p) => p.coldkey === coldkey)!.positions.map((p) => `${p.hotkey}/${p.netuid}=${p.alpha}`).sort();
  const chain = state().positions.filter((p) => p.coldkey === coldkey && BigInt(p.alpha) > 0n).map((p) => `${p.hotkey}/${p.netuid}=${p.alpha}`).sort();
  expect(shown).toEqual(chain);
}

const produce = async (n: number) => {
  for (let i = 0; i < n; i++) await devnet.control.produceBlock();
};

describe('reading while someone is looking', () => {
  it('prices every block; pools and emission every N blocks, each subnet saying which block they are from', async () => {
    const every = { info: 5, positions: 1000 };
    const first = await look([], [], every);
    const known = first.subnets.map((s) => s.netuid);
    const infoBlock = state().blockNumber;
    expect(first.subnets.every((s) => s.infoBlock === undefined)).toBe(true);
    await look([], known, every); // the storage subscription starts with the known subnets

    // Someone else trades SN1: its price moves at once; its pool figure stays the one read at `infoBlock`, and says so.
    const sn1Before = state().subnets.find((s) => s.netuid === 1)!;
    devnet.control.trade(1, { taoIn: 5_000_000_000_000n });
    await produce(1);
    const { result: next, calls } = await callsDuring(() => look([], known, every));
    expect(calls).toEqual({ SwapRuntimeApi_current_alpha_price_all: 1 });
    const sn1 = next.subnets.find((s) => s.netuid === 1)!;
    const sn1Now = state().subnets.find((s) => s.netuid === 1)!;
    expect(sn1.priceRao).toBe(BigInt(sn1Now.price));
    expect(sn1Now.price).not.toBe(sn1Before.price);
    expect(sn1.taoInPoolRao).toBe(BigInt(sn1Before.taoIn)); // as at infoBlock
    expect(sn1.taoInPoolRao).not.toBe(BigInt(sn1Now.taoIn));
    expect(next.subnets.every((s) => s.infoBlock === infoBlock)).toBe(true);

    // Five blocks after the last full read, everything is read again and matches the chain.
    await produce(every.info - 1);
    const { result: later, calls: laterCalls } = await callsDuring(() => look([], known, every));
    expect(laterCalls).toEqual({ SwapRuntimeApi_current_alpha_price_all: 1, SubnetInfoRuntimeApi_get_all_dynamic_info: 1 });
    expect(later.subnets.find((s) => s.netuid === 1)!.taoInPoolRao).toBe(BigInt(state().subnets.find((s) => s.netuid === 1)!.taoIn));
    expect(later.subnets.every((s) => s.infoBlock === undefined)).toBe(true);
  });
});

describe('positions while someone is looking', () => {
  it('a quiet block asks nothing for them; an epoch reads just the positions it paid; the holder\'s own stake reads the coldkey', async () => {
    const every = { info: 1000, positions: 1000 };
    const known = state().subnets.map((s) => s.netuid);
    await look([alice], known, every); // a full read; the storage subscription starts
    await produce(1);
    await look([alice], known, every); // the subscription's first values are in: the baseline (a full read too)

    const held = () => state().positions.filter((p) => p.coldkey === alice && BigInt(p.alpha) > 0n);
    const tempos = new Map(state().subnets.map((s) => [s.netuid, s.tempo]));
    const heldNetuids = [...new Set(held().map((p) => p.netuid))];
    // Subtensor's epoch rule, which the devnet follows: (block + netuid + 1) is a multiple of tempo + 1. Root stake
    // (netuid 0) earns no alpha dividends.
    const paidAt = (block: number) =>
      heldNetuids.filter((n) => n !== 0 && tempos.get(n)! > 0 && (block + n + 1) % (tempos.get(n)! + 1) === 0);

    // A block that pays none of her subnets: nothing about her positions is asked for.
    let next = state().blockNumber + 1;
    while (paidAt(next).length) {
      await produce(1);
      next++;
    }
    await produce(1);
    const quiet = await callsDuring(() => look([alice], known, every));
    expect(quiet.calls).toEqual({ SwapRuntimeApi_current_alpha_price_all: 1 });
    expectPositionsOfChain(quiet.result, alice);

    // Her next epoch: only the positions on the subnet it paid are read, one call each, and they match the chain.
    let epoch = state().blockNumber + 4;
    while (!paidAt(epoch).length) epoch++;
    await produce(epoch - 4 - state().blockNumber);
    for (let i = 0; i < 3; i++) {
      await produce(1);
      await look([alice], known, every); // reads before the epoch: earlier changes drain
    }
    const before = held().filter((p) => paidAt(epoch).includes(p.netuid)).map((p) => BigInt(p.alpha));
    await produce(1);
    const paid = await callsDuring(() => look([alice], known, every));
    const onPaid = held().filter((p) => paidAt(epoch).includes(p.netuid));
    expect(onPaid.map((p) => BigInt(p.alpha)).some((a, i) => a > before[i]!)).toBe(true); // the epoch paid her
    expect(paid.calls).toEqual({
      SwapRuntimeApi_current_alpha_price_all: 1,
      StakeInfoRuntimeApi_get_stake_info_for_hotkey_coldkey_netuid: onPaid.length,
    });
    expectPositionsOfChain(paid.result, alice);

    // She stakes: her account changes, and her whole list is read again at the block that holds the stake.
    const signer = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Alice');
    const target = held()[0]!;
    await new Promise<void>((resolve, reject) => {
      let produced = false;
      session.api.tx.subtensorModule!.addStake!(target.hotkey, target.netuid, 2_000_000_000n)
        .signAndSend(signer, (r) => {
          if (r.status.isReady && !produced) {
            produced = true;
            void devnet.control.produceBlock();
          }
          if (r.status.isInBlock || r.status.isFinalized) resolve();
          if (r.isError) reject(new Error(r.status.type));
        })
        .catch(reject);
    });
    const staked = await callsDuring(() => look([alice], known, every));
    expect(staked.calls.StakeInfoRuntimeApi_get_stake_info_for_coldkeys).toBe(1);
    expectPositionsOfChain(staked.result, alice);
    const grown = staked.result.portfolios[0]!.positions.find((p) => p.hotkey === target.hotkey && p.netuid === target.netuid)!;
    expect(grown.alpha).toBeGreaterThan(BigInt(target.alpha));
  }, 180_000);

  it('in full every N blocks, whatever the signals say', async () => {
    const every = { info: 1000, positions: 3 };
    const known = state().subnets.map((s) => s.netuid);
    await look([alice], known, every);
    await produce(1);
    await look([alice], known, every);
    await produce(3);
    const due = await callsDuring(() => look([alice], known, every));
    expect(due.calls.StakeInfoRuntimeApi_get_stake_info_for_coldkeys).toBe(1);
    expect(due.calls.StakeInfoRuntimeApi_get_stake_availability_for_coldkeys).toBe(1);
    expectPositionsOfChain(due.result, alice);
  });
});
