// Scenario files → initial ChainState. Dev accounts and validator keys are derived from their
// URIs (sr25519, like polkadot.js's dev keyring), so //Alice in a test signs for Alice here.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { blake2AsU8a, cryptoWaitReady, encodeAddress } from '@polkadot/util-crypto';
import { posKey, type ChainState, type SubnetIdentity, type ValidatorIdentity } from './state';

export interface ScenarioSubnet {
  netuid: number; name: string; symbol: string; mechanism: 0 | 1;
  taoIn: string; alphaIn: string; alphaOut: string; quote: string; feeRate: number;
  taoInEmission: string; excessTao: string; alphaInEmission: string; alphaOutEmission: string;
  subtokenEnabled: boolean; tempo: number; registeredAt: string;
  identity?: SubnetIdentity; ownerHotkey?: string; ownerColdkey?: string;
}

export interface ScenarioFile {
  name: string; description: string;
  blockEmission: string; minStake: string; existentialDeposit: string; stakerSharePct: string;
  accounts: Record<string, { uri: string; free: string; frozen?: string }>;
  validators: { key: string; hotkeyUri: string; ownerUri: string; take: number; registrations: number[]; identity?: ValidatorIdentity }[];
  subnets: ScenarioSubnet[];
  positions: { coldkey: string; hotkey: string; netuid: number; alpha: string; locked?: string }[];
}

export interface LoadedScenario {
  file: ScenarioFile;
  state: ChainState;
  /** dev account name → ss58 (e.g. Alice → 5Grw…) */
  accounts: Record<string, string>;
  /** validator key (validator1…) → hotkey ss58 */
  validators: Record<string, string>;
}

const dir = path.dirname(fileURLToPath(import.meta.url));

export function readScenarioFile(nameOrPath: string): ScenarioFile {
  const p = existsSync(path.join(dir, 'scenarios', `${nameOrPath}.json`)) ? path.join(dir, 'scenarios', `${nameOrPath}.json`) : nameOrPath;
  if (!existsSync(p)) throw new Error(`scenario not found: ${nameOrPath}`);
  return JSON.parse(readFileSync(p, 'utf8')) as ScenarioFile;
}

export async function loadScenario(nameOrPath: string): Promise<LoadedScenario> {
  await cryptoWaitReady();
  const file = readScenarioFile(nameOrPath);
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const pub = (uri: string) => u8aToHex(keyring.addFromUri(uri).publicKey);
  const derived = (label: string) => u8aToHex(blake2AsU8a(`taolens-devnet/${label}`, 256));

  const state: ChainState = {
    subnets: new Map(), accounts: new Map(), positions: new Map(), validators: new Map(),
    blockEmission: BigInt(file.blockEmission), minStake: BigInt(file.minStake),
    existentialDeposit: BigInt(file.existentialDeposit), stakerSharePct: BigInt(file.stakerSharePct),
  };
  const accounts: Record<string, string> = {};
  const names = new Map<string, string>();
  for (const [name, a] of Object.entries(file.accounts)) {
    const k = pub(a.uri);
    names.set(name, k);
    accounts[name] = encodeAddress(k, 42);
    state.accounts.set(k, { free: BigInt(a.free), reserved: 0n, frozen: BigInt(a.frozen ?? '0'), nonce: 0 });
  }
  const validators: Record<string, string> = {};
  for (const v of file.validators) {
    const hk = pub(v.hotkeyUri);
    names.set(v.key, hk);
    validators[v.key] = encodeAddress(hk, 42);
    state.validators.set(hk, { hotkey: hk, owner: pub(v.ownerUri), take: v.take, identity: v.identity, registrations: v.registrations });
  }
  for (const s of file.subnets) {
    const price = s.mechanism === 0 ? 1_000_000_000n : ((1_000_000_000_000_000_000n - BigInt(s.quote)) * BigInt(s.taoIn) * 1_000_000_000n) / (BigInt(s.quote) * BigInt(s.alphaIn));
    state.subnets.set(s.netuid, {
      netuid: s.netuid, name: s.name, symbol: s.symbol,
      ownerHotkey: s.ownerHotkey ?? derived(`owner-hotkey/${s.netuid}`), ownerColdkey: s.ownerColdkey ?? derived(`owner-coldkey/${s.netuid}`),
      tempo: s.tempo, registeredAt: BigInt(s.registeredAt), lastStep: 0n, mechanism: s.mechanism,
      taoIn: BigInt(s.taoIn), alphaIn: BigInt(s.alphaIn), alphaOut: BigInt(s.alphaOut), quote: BigInt(s.quote), feeRate: s.feeRate,
      taoInEmission: BigInt(s.taoInEmission), excessTao: BigInt(s.excessTao), alphaInEmission: BigInt(s.alphaInEmission), alphaOutEmission: BigInt(s.alphaOutEmission),
      movingPrice: (price << 32n) / 1_000_000_000n, volume: 0n, subtokenEnabled: s.subtokenEnabled, identity: s.identity,
    });
  }
  const resolve = (n: string) => {
    const k = names.get(n);
    if (!k) throw new Error(`scenario: unknown key name ${n}`);
    return k;
  };
  for (const p of file.positions) {
    const ck = resolve(p.coldkey);
    const hk = resolve(p.hotkey);
    state.positions.set(posKey(ck, hk, p.netuid), { coldkey: ck, hotkey: hk, netuid: p.netuid, alpha: BigInt(p.alpha), locked: BigInt(p.locked ?? '0'), lastEmission: 0n });
  }
  return { file, state, accounts, validators };
}
