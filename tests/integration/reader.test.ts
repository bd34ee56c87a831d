import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChainReader } from '@/lib/chain/reader';
import { openChainSession, type ChainSession } from '@/lib/chain/session';
import { BLOCKS_PER_DAY } from '@/lib/model/types';
import { groupPositions } from '@/lib/portfolio/portfolio';
import { cleanName } from '@/lib/chain/text';
import { startRpcCounter } from '../bench/rpc-counter';
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

describe('balances and validator names for the portfolio', () => {
  it("a frozen balance: what can be spent is free − max(frozen − reserved, existential deposit)", async () => {
    const ferdie = DEV_ACCOUNTS.Ferdie!;
    const { portfolios } = await session.reader.read(await finalizedHash(), [ferdie], []);
    const account = devnet.control.state().accounts[ferdie]!;
    const [free, reserved, frozen] = [BigInt(account.free), BigInt(account.reserved), BigInt(account.frozen)];
    expect(frozen).toBeGreaterThan(0n);
    const ed = (session.api.consts.balances!.existentialDeposit as unknown as { toBigInt(): bigint }).toBigInt();
    const untouchable = frozen - reserved > ed ? frozen - reserved : ed;
    expect(portfolios[0]).toMatchObject({ freeRao: free, reservedRao: reserved, frozenRao: frozen, spendableRao: free - untouchable });
  });

  it('names every held validator by its owner\'s on-chain identity, by hotkey', async () => {
    const alice = DEV_ACCOUNTS.Alice!;
    const { portfolios, validatorNames } = await session.reader.read(await finalizedHash(), [alice], []);
    const state = devnet.control.state();
    const hotkeys = [...new Set(portfolios[0]!.positions.map((p) => p.hotkey))];
    expect(hotkeys.length).toBeGreaterThan(1);
    for (const hotkey of hotkeys) expect(validatorNames[hotkey]).toBe(cleanName(state.validators.find((v) => v.hotkey === hotkey)!.name));
    expect(Object.keys(validatorNames).sort()).toEqual(hotkeys.sort());
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
      // Names arrive cleaned (zero-width and bidi characters dropped: the scenario has look-alike twins).
      expect(got.name).toBe(cleanName(v.name));
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

describe('a node without StakeInfoRuntimeApi', () => {
  it("values each coldkey's shares from the share pools in storage: the alpha the chain holds, marked derived", async () => {
    const at = await finalizedHash();
    const fallback = new ChainReader(session.api, session.send, {
      pretendMissing: ['StakeInfoRuntimeApi_get_stake_info_for_coldkeys', 'StakeInfoRuntimeApi_get_stake_availability_for_coldkeys'],
    });
    const coldkeys = [DEV_ACCOUNTS.Alice!, DEV_ACCOUNTS.Bob!, DEV_ACCOUNTS.Charlie!];
    const { portfolios } = await fallback.read(at, coldkeys, []);
    const state = devnet.control.state();
    for (const [i, coldkey] of coldkeys.entries()) {
      const expected = state.positions.filter((p) => p.coldkey === coldkey);
      const got = portfolios[i]!.positions;
      expect(got.map((p) => `${p.netuid}/${p.hotkey}`).sort()).toEqual(expected.map((p) => `${p.netuid}/${p.hotkey}`).sort());
      for (const p of expected) {
        const mine = got.find((x) => x.netuid === p.netuid && x.hotkey === p.hotkey)!;
        expect(mine.alpha).toBe(BigInt(p.alpha));
        expect(mine.derived).toEqual(['alpha', 'emission']);
        // Without the availability API the locks are unknown: said so, not shown as 0.
        expect(mine.lockedAlpha).toBeNull();
      }
    }
    // Pools in both storage layouts (legacy U64F64 and SafeFloat V2) were read.
    const netuids = portfolios.flatMap((pf) => pf.positions.map((p) => p.netuid));
    expect(netuids.some((n) => n % 2 === 0) && netuids.some((n) => n % 2 === 1)).toBe(true);
  });

  it("gives the same positions, validators' totals and dividends as the runtime API", async () => {
    const at = await finalizedHash();
    const fallback = new ChainReader(session.api, session.send, {
      pretendMissing: ['StakeInfoRuntimeApi_get_stake_info_for_coldkeys', 'StakeInfoRuntimeApi_get_stake_availability_for_coldkeys'],
    });
    const alice = DEV_ACCOUNTS.Alice!;
    const [viaApi, viaStorage] = await Promise.all([session.reader.read(at, [alice], []), fallback.read(at, [alice], [])]);
    const key = (p: { netuid: number; hotkey: string }) => `${p.netuid}/${p.hotkey}`;
    const api = new Map(viaApi.portfolios[0]!.positions.map((p) => [key(p), p]));
    for (const p of viaStorage.portfolios[0]!.positions) {
      const a = api.get(key(p))!;
      expect(p.hotkeyAlpha).toBe(a.hotkeyAlpha);
      expect(p.hotkeyEmission).toBe(a.hotkeyEmission);
      expect(p.spotValueRao).toBe(a.spotValueRao);
    }
  });
});

describe("validators' total stake and dividends, for the emission estimate", () => {
  it("reads each held validator's total stake on the subnet: every holder's alpha through it", async () => {
    const alice = DEV_ACCOUNTS.Alice!;
    const { portfolios } = await session.reader.read(await finalizedHash(), [alice], []);
    const state = devnet.control.state();
    for (const p of portfolios[0]!.positions) {
      const all = state.positions.filter((x) => x.hotkey === p.hotkey && x.netuid === p.netuid);
      expect(p.hotkeyAlpha).toBe(all.reduce((sum, x) => sum + BigInt(x.alpha), 0n));
    }
  });

  it('estimates a holder\'s daily dividends as the chain pays them: the alpha the position gained in one block × 7,200', async () => {
    const alice = DEV_ACCOUNTS.Alice!;
    const before = devnet.control.state().positions.filter((p) => p.coldkey === alice);
    await devnet.control.produceBlock();
    const after = devnet.control.state().positions.filter((p) => p.coldkey === alice);
    const { portfolios, subnets } = await session.reader.read(await finalizedHash(), [alice], []);
    const groups = groupPositions(portfolios, { subnets });
    let checked = 0;
    for (const p of after) {
      const gained = BigInt(p.alpha) - BigInt(before.find((b) => b.netuid === p.netuid && b.hotkey === p.hotkey)!.alpha);
      const row = groups.flatMap((g) => g.validators).find((v) => v.netuid === p.netuid && v.hotkey === p.hotkey)!;
      if (p.netuid === 0) {
        expect(row.dailyEmission).toBeNull(); // root dividends are paid on other subnets
        continue;
      }
      const expected = gained * 7200n;
      // Each block's dividend is rounded down per position: allow that rounding over a day, no more.
      const diff = row.dailyEmission! > expected ? row.dailyEmission! - expected : expected - row.dailyEmission!;
      expect(diff).toBeLessThanOrEqual(2n * 7200n);
      if (gained > 0n) checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe('round trips per refresh', () => {
  it('after the first refresh, only the runtime calls go out; followed storage still matches the chain a block later', async () => {
    const counter = await startRpcCounter(devnet.url);
    const counted = await openChainSession(counter.url);
    try {
      const alice = DEV_ACCOUNTS.Alice!;
      const first = await counted.reader.read(await finalizedHash(), [alice], []);
      const known = first.subnets.map((s) => s.netuid);
      await devnet.control.produceBlock(); // dividends change every held validator's total stake
      const at = await finalizedHash();
      counter.reset();
      const { portfolios } = await counted.reader.read(at, [alice], known);
      // dynamic info + prices for every subnet, stake info + availability for the portfolio
      const calls = Object.entries(counter.byMethod()).filter(([m]) => m !== 'system_health'); // the client's own keep-alive
      expect(Object.fromEntries(calls)).toEqual({ state_call: 4 });
      const state = devnet.control.state();
      expect(portfolios[0]!.freeRao).toBe(BigInt(state.accounts[alice]!.free));
      for (const p of portfolios[0]!.positions) {
        const all = state.positions.filter((x) => x.hotkey === p.hotkey && x.netuid === p.netuid);
        expect(p.hotkeyAlpha).toBe(all.reduce((sum, x) => sum + BigInt(x.alpha), 0n));
      }
    } finally {
      await counted.close();
      await counter.stop();
    }
  });
});

describe('a node answering runtime calls wrong', () => {
  it('failed exit-value simulations cost those positions their exit value, not the read', async () => {
    const alice = DEV_ACCOUNTS.Alice!;
    const at = await finalizedHash();
    devnet.control.runtimeAnswer('SwapRuntimeApi_sim_swap_alpha_for_tao', 'short');
    try {
      const read = await session.reader.read(at, [alice], [], 1);
      const positions = read.portfolios[0]!.positions;
      const alphaPositions = positions.filter((p) => p.netuid !== 0);
      expect(alphaPositions.length).toBeGreaterThan(0);
      expect(alphaPositions.every((p) => p.exitValueRao === null)).toBe(true);
      const heldSubnets = new Set(alphaPositions.map((p) => p.netuid)).size; // one simulation per subnet
      expect(read.exitSims).toEqual({ asked: heldSubnets, failed: heldSubnets });
      expect(read.subnets.length).toBeGreaterThan(0);
    } finally {
      devnet.control.runtimeAnswer('SwapRuntimeApi_sim_swap_alpha_for_tao', 'ok');
    }
    const again = await session.reader.read(at, [alice], [], 1);
    expect(again.exitSims?.failed).toBe(0);
    expect(again.portfolios[0]!.positions.filter((p) => p.netuid !== 0).every((p) => p.exitValueRao !== null)).toBe(true);
  });

  it.each([
    ['empty', 'StakeInfoRuntimeApi_get_stake_info_for_coldkeys', /answered StakeInfoRuntimeApi_get_stake_info_for_coldkeys with nothing/],
    ['short', 'SwapRuntimeApi_current_alpha_price_all', /answer to SwapRuntimeApi_current_alpha_price_all/],
    ['short', 'SubnetInfoRuntimeApi_get_all_dynamic_info', /answer to SubnetInfoRuntimeApi_get_all_dynamic_info .*not believed/],
    ['empty', 'StakeInfoRuntimeApi_get_stake_availability_for_coldkeys', /answered StakeInfoRuntimeApi_get_stake_availability_for_coldkeys with nothing/],
  ] as const)('answer %s to %s: an error, not a figure', async (mode, method, message) => {
    const alice = DEV_ACCOUNTS.Alice!;
    const at = await finalizedHash();
    devnet.control.runtimeAnswer(method, mode);
    try {
      await expect(session.reader.read(at, [alice], [])).rejects.toThrow(message);
    } finally {
      devnet.control.runtimeAnswer(method, 'ok');
    }
    // Answered properly again, the same block reads.
    expect((await session.reader.read(at, [alice], [])).portfolios[0]!.positions.length).toBeGreaterThan(0);
  });
});
