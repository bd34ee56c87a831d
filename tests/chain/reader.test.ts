import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChainReader } from '@/lib/chain/reader';
import { openChainSession, type ChainSession } from '@/lib/chain/session';
import { BLOCKS_PER_DAY } from '@/lib/model/types';
import { DEV_ACCOUNTS, startDevnet, type Devnet } from '../devnet/index';

// The real read path (the background's own code) over a real WebSocket to the devnet.
let devnet: Devnet;
let session: ChainSession;

beforeAll(async () => {
  devnet = await startDevnet({ port: 0, scenario: 'default', blockMs: 0 });
  await devnet.control.produceBlock();
  session = await openChainSession(devnet.url);
});
afterAll(async () => {
  await session?.close();
  await devnet?.stop();
});

/** The devnet's read-back of a subnet (amounts as decimal strings). */
interface SubnetJson {
  netuid: number;
  name: string;
  price: string;
  taoIn: string;
  alphaIn: string;
  alphaOut: string;
  feeRate: number;
  subtokenEnabled: boolean;
  taoInEmission: string;
  excessTao: string;
  alphaInEmission: string;
  alphaOutEmission: string;
}
const devnetSubnets = () => devnet.control.state().subnets as unknown as SubnetJson[];

async function finalizedHash(): Promise<string> {
  return (await session.api.rpc.chain.getFinalizedHead()).toHex();
}

describe('ChainReader against the devnet', () => {
  it('reads every subnet with the price, pools and emissions the chain holds', async () => {
    const { subnets } = await session.reader.read(await finalizedHash(), [], []);
    const expectedSubnets = devnetSubnets();
    expect(subnets.length).toBe(expectedSubnets.length);
    expect(subnets.length).toBeGreaterThanOrEqual(128);
    for (const expected of expectedSubnets) {
      const s = subnets.find((x) => x.netuid === expected.netuid)!;
      expect(s.priceRao).toBe(BigInt(expected.price));
      expect(s.taoInPoolRao).toBe(BigInt(expected.taoIn));
      expect(s.alphaInPool).toBe(BigInt(expected.alphaIn));
      expect(s.alphaOutstanding).toBe(BigInt(expected.alphaOut));
      expect(s.feeRate).toBe(expected.feeRate);
      expect(s.tradingStarted).toBe(expected.netuid === 0 || expected.subtokenEnabled);
      expect(s.taoInjectedPerDayRao).toBe((BigInt(expected.taoInEmission) + BigInt(expected.excessTao)) * BLOCKS_PER_DAY);
      expect(s.alphaEmittedPerDay).toBe(
        (BigInt(expected.alphaInEmission) + BigInt(expected.alphaOutEmission)) * BLOCKS_PER_DAY,
      );
      expect(s.derived).toEqual([]);
    }
  });

  it('keeps hostile on-chain names as bounded plain text without bidi overrides', async () => {
    const { subnets } = await session.reader.read(await finalizedHash(), [], []);
    for (const s of subnets) {
      expect([...s.name].length).toBeLessThanOrEqual(64);
      expect(s.name).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
      expect(s.identity?.description.length ?? 0).toBeLessThanOrEqual(512);
    }
    const hostile = devnetSubnets().find((x) => /<script/i.test(x.name));
    expect(hostile).toBeDefined();
    const ours = subnets.find((s) => s.netuid === hostile!.netuid)!;
    expect(ours.name).toContain('<'); // text, not stripped HTML: the UI renders it as text
  });

  it("reads a coldkey's positions, free balance and exit values", async () => {
    const alice = DEV_ACCOUNTS.Alice!;
    const { portfolios, subnets } = await session.reader.read(await finalizedHash(), [alice], [], 1);
    const state = devnet.control.state();
    const expected = state.positions.filter((p) => p.coldkey === alice);
    const mine = portfolios[0]!;
    expect(mine.freeRao).toBe(BigInt(state.accounts[alice]!.free));
    expect(mine.positions.length).toBe(expected.length);
    for (const p of expected) {
      const got = mine.positions.find((x) => x.netuid === p.netuid && x.hotkey === p.hotkey)!;
      expect(got.alpha).toBe(BigInt(p.alpha));
      expect(got.lockedAlpha).toBe(BigInt(p.locked));
      const price = subnets.find((s) => s.netuid === p.netuid)!.priceRao;
      expect(got.spotValueRao).toBe((BigInt(p.alpha) * price) / 1_000_000_000n);
      if (p.netuid !== 0) {
        // selling pays a fee and moves the price: exit value is below spot
        expect(got.exitValueRao!).toBeLessThan(got.spotValueRao);
        expect(got.exitValueRao!).toBeGreaterThan(0n);
      }
    }
  });
});

describe('validators', () => {
  it('reads take, permits and on-chain names', async () => {
    const validators = await session.reader.readValidators(await finalizedHash());
    const expected = devnet.control.state().validators;
    expect(validators.length).toBeGreaterThan(0);
    expect(validators.map((v) => v.hotkey).sort()).toEqual(expected.map((v) => v.hotkey).sort());
    for (const v of expected) {
      const got = validators.find((x) => x.hotkey === v.hotkey)!;
      expect(got.take).toBe(v.take);
      expect(got.name).toBe(v.name ?? null);
    }
    expect(validators.some((v) => v.name)).toBe(true);
  });
});

describe('a node without the subnet and price runtime APIs', () => {
  it('still gives every subnet, from raw storage, with the same figures and each marked derived', async () => {
    const at = await finalizedHash();
    const fallback = new ChainReader(session.api, session.send, {
      pretendMissing: ['SubnetInfoRuntimeApi_get_all_dynamic_info', 'SwapRuntimeApi_current_alpha_price_all'],
    });
    const [viaApi, viaStorage] = await Promise.all([session.reader.read(at, [], []), fallback.read(at, [], [])]);
    expect(viaStorage.subnets.map((s) => s.netuid)).toEqual(viaApi.subnets.map((s) => s.netuid));
    for (const [i, s] of viaStorage.subnets.entries()) {
      const a = viaApi.subnets[i]!;
      expect(s.derived).toEqual(['price', 'pool', 'emission', 'identity']);
      expect({ ...s, derived: [], name: '', priceRao: 0n, marketCapRao: 0n }).toEqual({ ...a, derived: [], name: '', priceRao: 0n, marketCapRao: 0n });
      // The weighted-pool formula on the reserves agrees with the swap API to within rounding.
      const diff = s.priceRao > a.priceRao ? s.priceRao - a.priceRao : a.priceRao - s.priceRao;
      expect(diff).toBeLessThanOrEqual(a.priceRao / 1_000_000n + 1n);
    }
  });
});
