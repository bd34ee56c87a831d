// Deterministic generator for the committed scenario JSON files.
// Run: node --import tsx tests/devnet/scenarios/generate.ts   (rewrites default.json and scale.json)
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScenarioFile, ScenarioSubnet } from '../scenario';

const RAO = 1_000_000_000n;
const HALF = 500_000_000_000_000_000n;

function mulberry32(seed: number) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DEV_ACCOUNTS = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'] as const;
const HOSTILE_NETUID = 13;
const DISABLED_NETUID = 127; // registered but subtoken not yet started
// A few subnets carry their mainnet names, so page annotations meet names that are also English words
// (the mention rule's false friends: "water chutes", "Knights Templar", "vanishing gradients").
const PUBLIC_NAMES: Readonly<Record<number, string>> = { 3: 'Templar', 4: 'Targon', 56: 'Gradients', 64: 'Chutes' };
/** Look-alike subnet names: one name, its fullwidth twin and a zero-width twin (read the same to a person). */
const TWIN_NAMES: Record<number, string> = { 22: 'Lookalike', 23: 'Ｌｏｏｋａｌｉｋｅ', 25: 'Look\u200Balike' };
/** Validators 3–5 (takes 15 %, 0 %, 20 %) named alike: the same name, its fullwidth twin, a zero-width twin. */
const VALIDATOR_TWIN_NAMES: Record<number, string> = { 2: 'Foundry Validator', 3: 'Ｆｏｕｎｄｒｙ Validator', 4: 'Foundry\u200B Validator' };

function hostileSubnet(s: ScenarioSubnet): ScenarioSubnet {
  const big = 'A'.repeat(10 * 1024);
  return {
    ...s,
    name: '<script>alert("sn13")</script><img src=x onerror=alert(1)>',
    symbol: '\u202Eevil\u202C',
    identity: {
      subnetName: '<b onmouseover=alert(1)>Hostile</b>\u202Egnp.exe\u202C',
      githubRepo: '"><svg onload=alert(document.domain)>',
      subnetContact: 'javascript:alert(1)',
      subnetUrl: 'javascript:alert("url")',
      discord: '\u202E\u2066<iframe src=//evil.example>\u2069',
      description: big,
      logoUrl: 'data:text/html,<script>alert(1)</script>',
      additional: `<style>*{display:none}</style>${'\u202D'.repeat(16)}`,
    },
  };
}

function subnets(count: number, rnd: () => number): ScenarioSubnet[] {
  const out: ScenarioSubnet[] = [{
    netuid: 0, name: 'root', symbol: 'Τ', mechanism: 0,
    taoIn: String(3_000_000n * RAO), alphaIn: String(3_000_000n * RAO), alphaOut: String(3_000_000n * RAO),
    quote: String(HALF), feeRate: 0, taoInEmission: '0', excessTao: '0', alphaInEmission: '0', alphaOutEmission: '0',
    subtokenEnabled: true, tempo: 99, registeredAt: '0',
  }];
  const quotes = [HALF, HALF, HALF, 300_000_000_000_000_000n, 600_000_000_000_000_000n, 750_000_000_000_000_000n];
  const fees = [33, 33, 33, 0, 100, 655];
  for (let n = 1; n < count; n++) {
    const taoIn = BigInt(Math.floor(1_000 + rnd() * 200_000)) * RAO;
    const priceMilli = BigInt(Math.floor(2 + rnd() * 200)); // 0.002 .. 0.2 TAO
    const quote = quotes[Math.floor(rnd() * quotes.length)]!;
    // alpha_in chosen so the weighted price ((1-q)/q)·tao/alpha equals the target price
    const alphaIn = ((1_000_000_000_000_000_000n - quote) * taoIn * 1000n) / (quote * priceMilli);
    const alphaOut = alphaIn * BigInt(Math.floor(50 + rnd() * 250)) / 100n;
    const taoInEmission = BigInt(Math.floor(rnd() * 8_000_000)); // up to 0.008 TAO per block
    const excessTao = n % 5 === 0 ? taoInEmission / 4n : 0n;
    const alphaOutEmission = BigInt(Math.floor(400_000_000 + rnd() * 600_000_000));
    let alphaInEmission = (taoInEmission * 1000n) / priceMilli;
    if (alphaInEmission > alphaOutEmission) alphaInEmission = alphaOutEmission;
    let s: ScenarioSubnet = {
      netuid: n, name: PUBLIC_NAMES[n] ?? `Test Subnet ${n}`, symbol: `TS${n}`, mechanism: 1,
      taoIn: String(taoIn), alphaIn: String(alphaIn), alphaOut: String(alphaOut), quote: String(quote),
      feeRate: fees[Math.floor(rnd() * fees.length)]!, taoInEmission: String(taoInEmission), excessTao: String(excessTao),
      alphaInEmission: String(alphaInEmission), alphaOutEmission: String(alphaOutEmission),
      subtokenEnabled: n !== DISABLED_NETUID, tempo: 360, registeredAt: String(1000 * n),
    };
    if (n % 3 === 0) {
      s.identity = { subnetName: `Test Subnet ${n}`, githubRepo: `https://example.invalid/test-subnet-${n}`, subnetContact: `sn${n}@example.invalid`, subnetUrl: `https://sn${n}.example.invalid`, discord: `test#${n}`, description: `Devnet test subnet ${n}. Not real.`, logoUrl: '', additional: '' };
    }
    if (n === HOSTILE_NETUID) s = hostileSubnet(s);
    const twin = TWIN_NAMES[n];
    if (twin) {
      s.name = twin;
      if (s.identity) s.identity.subnetName = twin;
    }
    out.push(s);
  }
  return out;
}

const validators = (n: number) => Array.from({ length: n }, (_, i) => ({
  key: `validator${i + 1}`,
  hotkeyUri: `//TestValidator${i + 1}`,
  ownerUri: i === 0 ? '//Dave' : `//TestValidatorOwner${i + 1}`,
  take: [11796, 11796, 9830, 0, 13107][i % 5]!, // 18 %, 18 %, 15 %, 0 %, 20 % of 65535
  registrations: [0, 1, 2, 3, 4, 5, 7, 13, 42, 64].filter((x) => (x + i) % (i + 2) !== 1),
  identity: { name: VALIDATOR_TWIN_NAMES[i] ?? `Test Validator ${i + 1}`, url: `https://validator${i + 1}.example.invalid`, githubRepo: '', image: '', discord: '', description: 'Devnet validator (test data)', additional: '' },
}));

const accounts: ScenarioFile['accounts'] = {
  Alice: { uri: '//Alice', free: String(10_000n * RAO) },
  Bob: { uri: '//Bob', free: String(5_000n * RAO) },
  Charlie: { uri: '//Charlie', free: String(1_000n * RAO) },
  Dave: { uri: '//Dave', free: String(500n * RAO) },
  Eve: { uri: '//Eve', free: String(1_000_000n) }, // 0.001 TAO: too little to stake or pay much
  Ferdie: { uri: '//Ferdie', free: String(2_000n * RAO), frozen: String(1_500n * RAO) }, // 1,500 TAO locked
};

export function generate(name: 'default' | 'scale'): ScenarioFile {
  const rnd = mulberry32(name === 'default' ? 424 : 256);
  const count = name === 'default' ? 128 : 256;
  const positions: ScenarioFile['positions'] = [
    { coldkey: 'Alice', hotkey: 'validator1', netuid: 0, alpha: String(100n * RAO) },
    { coldkey: 'Alice', hotkey: 'validator1', netuid: 1, alpha: String(2_500n * RAO) },
    { coldkey: 'Alice', hotkey: 'validator2', netuid: 2, alpha: String(1_200n * RAO) },
    { coldkey: 'Alice', hotkey: 'validator1', netuid: 3, alpha: String(800n * RAO) },
    { coldkey: 'Alice', hotkey: 'validator3', netuid: 13, alpha: String(50n * RAO) },
    { coldkey: 'Alice', hotkey: 'validator2', netuid: 42, alpha: String(3_000n * RAO) },
    { coldkey: 'Bob', hotkey: 'validator1', netuid: 1, alpha: String(400n * RAO) },
    { coldkey: 'Bob', hotkey: 'validator4', netuid: 5, alpha: String(90n * RAO) },
    { coldkey: 'Charlie', hotkey: 'validator5', netuid: 7, alpha: String(10n * RAO) },
    { coldkey: 'Ferdie', hotkey: 'validator1', netuid: 3, alpha: String(600n * RAO), locked: String(400n * RAO) },
  ];
  if (name === 'scale') {
    // one coldkey (//Alice) with 200 positions: the existing 6 plus 194 more across subnets and validators
    const have = new Set(positions.filter((p) => p.coldkey === 'Alice').map((p) => `${p.hotkey}:${p.netuid}`));
    for (let i = 0; have.size < 200; i++) {
      const netuid = 1 + (i % (count - 2));
      const hotkey = `validator${1 + (Math.floor(i / (count - 2)) % 5)}`;
      const k = `${hotkey}:${netuid}`;
      if (have.has(k)) continue;
      have.add(k);
      positions.push({ coldkey: 'Alice', hotkey, netuid, alpha: String(BigInt(1 + Math.floor(rnd() * 500)) * RAO) });
    }
  }
  return {
    name,
    description: name === 'default'
      ? '128 subnets (0 = root), varied pools; subnet 13 has hostile name/identity; subnets 22, 23, 25 and validators 3–5 have look-alike names; subnet 127 has subtoken disabled. Test data only.'
      : '256 subnets; //Alice holds 200 positions. Test data only.',
    blockEmission: String(500_000_000n), minStake: String(2_000_000n), existentialDeposit: '500', stakerSharePct: '41',
    accounts, validators: validators(5), subnets: subnets(count, rnd), positions,
  };
}

/** Compact but readable: one subnet / position per line. */
export function toJson(s: ScenarioFile): string {
  const line = (v: unknown) => JSON.stringify(v);
  const { subnets: sn, positions: ps, ...rest } = s;
  const head = JSON.stringify(rest, null, 1).slice(0, -2);
  return `${head},\n "subnets": [\n  ${sn.map(line).join(',\n  ')}\n ],\n "positions": [\n  ${ps.map(line).join(',\n  ')}\n ]\n}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = path.dirname(fileURLToPath(import.meta.url));
  for (const n of ['default', 'scale'] as const) writeFileSync(path.join(dir, `${n}.json`), toJson(generate(n)));
  console.log('wrote default.json and scale.json');
}
