/**
 * `npm run check-live -- wss://endpoint [ss58-address]`: for maintainers, before a release or after a
 * runtime upgrade. Connects read-only with TaoLens's own session and reader, compares every runtime API,
 * storage item and call TaoLens relies on (lib/chain/requirements.ts) with its type in the bundled
 * metadata (tests/devnet/metadata/), then reads all subnets and the address's positions and prints them.
 * Exits 1 on any incompatibility, naming it and what TaoLens does without it.
 */
import { readFileSync } from 'node:fs';
import { Metadata, TypeRegistry } from '@polkadot/types';
import type { RuntimeVersion } from '@polkadot/types/interfaces';
import { normalizeAddress } from '../../lib/accounts/address';
import { REQUIREMENTS, type Requirement } from '../../lib/chain/requirements';
import { openChainSession } from '../../lib/chain/session';
import { endpointProblem } from '../../lib/config/defaults';
import { formatAmount } from '../../lib/units/amount';
import { BUNDLED_METADATA } from '../devnet/metadata';
import { itemShape, readableByName, shapeDiff } from './type-shape';

interface Finding {
  requirement: Requirement;
  /** `extended`: only fields added (or moved) in what TaoLens reads, which it takes by name: unaffected. */
  status: 'ok' | 'missing' | 'changed' | 'extended' | 'note';
  details: string[];
}

/** Each requirement on the live runtime against the bundled metadata. */
function compareRuntimes(expected: Metadata, live: Metadata): Finding[] {
  return REQUIREMENTS.map((requirement): Finding => {
    const shapes = !requirement.presenceOnly;
    const want = itemShape(expected, requirement.kind, requirement.name, shapes);
    const have = itemShape(live, requirement.kind, requirement.name, shapes);
    if (!want) return { requirement, status: 'note', details: ['not in the bundled metadata either'] };
    if (!have) return { requirement, status: requirement.alternative ? 'note' : 'missing', details: [] };
    let readable = true;
    const details = want.parts.flatMap(([part, shape], i) => {
      const match = have.parts[i];
      if (!match || match[0] !== part) return (readable = false), [`${part}: ${match ? `now ${match[0]}` : 'gone'}`];
      const diff = shapeDiff(shape, match[1], part);
      // What TaoLens reads (an answer, a stored value) may grow; what it encodes (inputs, keys, call arguments) may not.
      if (diff.length && !((part === 'output' || part === 'value') && readableByName(shape, match[1]))) readable = false;
      return diff;
    });
    if (have.parts.length > want.parts.length) {
      readable = false;
      details.push(`new ${have.parts.slice(want.parts.length).map(([p]) => p).join(', ')}`);
    }
    return { requirement, status: !details.length ? 'ok' : readable ? 'extended' : 'changed', details };
  });
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const tao = (rao: bigint) => formatAmount(rao, { unit: 'TAO', maxFractionDigits: 4 });

async function main(): Promise<number> {
  const [endpoint, addressInput] = process.argv.slice(2).filter((a) => a !== '--');
  const endpointError = endpoint === undefined ? 'no endpoint given' : endpointProblem(endpoint);
  const checked = addressInput === undefined ? null : normalizeAddress(addressInput);
  if (endpoint === undefined || endpointError || (checked && !checked.ok)) {
    console.error(`check-live: ${endpointError ?? (checked && !checked.ok ? checked.error : '')}\nusage: npm run check-live -- wss://endpoint [ss58-address]`);
    return 2;
  }
  const address = checked?.ok ? checked.address : undefined;
  const registry = new TypeRegistry();
  const expected = new Metadata(registry, readFileSync(BUNDLED_METADATA));
  const versionBytes = expected.asLatest.pallets.find((p) => p.name.toString() === 'System')!.constants.find((c) => c.name.toString() === 'Version')!.value;
  const bundledSpec = registry.createType<RuntimeVersion>('RuntimeVersion', versionBytes).specVersion.toNumber();

  console.log(`TaoLens live-chain check: ${endpoint} (read-only)`);
  const session = await openChainSession(endpoint, 30_000);
  let problems = 0;
  try {
    const version = session.api.runtimeVersion;
    console.log(`runtime ${version.specName.toString()} spec ${version.specVersion.toNumber()} (bundled metadata: spec ${bundledSpec})\n`);

    const findings = compareRuntimes(expected, session.api.runtimeMetadata);
    for (const kind of ['runtime API', 'storage', 'call'] as const) {
      console.log(kind === 'runtime API' ? 'runtime APIs' : kind === 'storage' ? 'storage items' : 'calls');
      for (const f of findings.filter((x) => x.requirement.kind === kind)) {
        const label = { ok: 'ok', missing: 'MISSING', changed: 'CHANGED', extended: 'extended', note: 'absent' }[f.status];
        const tail = f.status === 'missing' ? ` → TaoLens: ${f.requirement.fallback}`
          : f.status === 'changed' ? ' → TaoLens reads it with the node\'s own types, so a changed field is misread or the read fails; no fallback'
          : f.status === 'extended' ? ' → new fields only: TaoLens reads fields by name with the node\'s own types, unaffected'
          : f.status === 'note' ? ` (${f.details[0] ?? f.requirement.fallback})` : '';
        console.log(`  ${pad(label, 8)} ${f.requirement.name}${tail}`);
        for (const d of f.status === 'changed' || f.status === 'extended' ? f.details : []) console.log(`             ${d}`);
      }
    }
    const bad = findings.filter((f) => f.status === 'missing' || f.status === 'changed');
    problems += bad.length;

    const hash = (await session.api.rpc.chain.getFinalizedHead()).toHex();
    const block = (await session.api.rpc.chain.getHeader(hash)).number.toNumber();
    try {
      const { subnets, portfolios } = await session.reader.read(hash, address ? [address] : [], [], block);
      console.log(`\nsubnets at finalized block #${block}: ${subnets.length}`);
      console.log(`  ${pad('SN', 5)}${pad('name', 20)}${pad('price τ/α', 14)}${pad('TAO in pool', 18)}${pad('τ injected/day', 16)}derived`);
      const shown = subnets.slice(0, 12);
      for (const s of shown) {
        console.log(`  ${pad(String(s.netuid), 5)}${pad(s.name.slice(0, 18), 20)}${pad(tao(s.priceRao), 14)}${pad(tao(s.taoInPoolRao), 18)}${pad(tao(s.taoInjectedPerDayRao), 16)}${s.derived.join(', ') || '-'}`);
      }
      if (subnets.length > shown.length) console.log(`  … and ${subnets.length - shown.length} more`);
      for (const p of portfolios) {
        console.log(`\npositions of ${p.coldkey}: ${p.positions.length}, free ${tao(p.freeRao)}`);
        console.log(`  ${pad('SN', 5)}${pad('hotkey', 14)}${pad('alpha', 18)}${pad('spot value', 16)}${pad('exit value', 16)}locked`);
        for (const x of p.positions) {
          const symbol = subnets.find((s) => s.netuid === x.netuid)?.symbol || 'α';
          console.log(`  ${pad(String(x.netuid), 5)}${pad(`${x.hotkey.slice(0, 6)}…${x.hotkey.slice(-4)}`, 14)}${pad(formatAmount(x.alpha, { unit: { symbol }, maxFractionDigits: 4 }), 18)}${pad(tao(x.spotValueRao), 16)}${pad(x.exitValueRao === null ? 'unknown' : tao(x.exitValueRao), 16)}${x.lockedAlpha === null ? 'unknown' : formatAmount(x.lockedAlpha, { unit: { symbol }, maxFractionDigits: 4 })}`);
        }
      }
    } catch (err) {
      problems++;
      console.log(`\nREAD FAILED: TaoLens's reader could not read this node: ${err instanceof Error ? err.message : String(err)}`);
    }

    console.log(problems ? `\n${problems} incompatibilit${problems === 1 ? 'y' : 'ies'}:` : '\nall compatible: TaoLens reads this node as it reads the bundled runtime');
    for (const f of bad) console.log(`  ${f.status} ${f.requirement.kind} ${f.requirement.name}${f.status === 'changed' ? `: ${f.details.join('; ')}` : `; fallback: ${f.requirement.fallback}`}`);
  } finally {
    await session.close();
  }
  return problems ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`check-live: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
