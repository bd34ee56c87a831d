import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REQUIREMENTS } from '@/lib/chain/requirements';
import { startDevnet, type Devnet } from '../devnet/index';
import { BUNDLED_METADATA } from '../devnet/metadata';
import { alteredMetadata } from '../devnet/metadata-variants';
import { REPO_ROOT } from '../support/build-extension';

// `npm run check-live` as a maintainer runs it, against the devnet serving the bundled runtime and a variant.
let devnet: Devnet | undefined;
afterEach(async () => {
  await devnet?.stop();
  devnet = undefined;
});

function checkLive(...args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(REPO_ROOT, 'tests/tools/check-live.ts'), ...args], { cwd: REPO_ROOT });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    child.on('error', fail);
    child.on('close', (code) => done({ code, out }));
  });
}

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';

describe('npm run check-live', () => {
  it('against the devnet: every item present with the bundled type, all subnets and the positions printed, exit 0', async () => {
    devnet = await startDevnet({ port: 0, blockMs: 0 });
    await devnet.control.produceBlock();
    const { code, out } = await checkLive(devnet.url, ALICE);
    expect(out).toContain('runtime node-subtensor spec 424 (bundled metadata: spec 424)');
    for (const r of REQUIREMENTS) expect(out).toMatch(new RegExp(`^  ok +${r.name.replace('.', '\\.')}$`, 'm'));
    expect(out).toContain(`subnets at finalized block #1: ${devnet.control.state().subnets.length}`);
    const positions = devnet.control.state().positions.filter((p) => p.coldkey === ALICE).length;
    expect(positions).toBeGreaterThan(0);
    expect(out).toContain(`positions of ${ALICE}: ${positions}`);
    expect(out).toContain('all compatible');
    expect(code).toBe(0);
  }, 120_000);

  it('against a runtime whose DynamicInfo gained a field: "extended", read as before, all compatible, exit 0', async () => {
    const bytes = alteredMetadata(readFileSync(BUNDLED_METADATA), { addFields: [{ struct: 'DynamicInfo', field: 'future_field', primitive: 'u64' }] });
    devnet = await startDevnet({ port: 0, blockMs: 0, metadataBytes: bytes });
    await devnet.control.produceBlock();
    const { code, out } = await checkLive(devnet.url, ALICE);
    expect(out).toMatch(/extended +SubnetInfoRuntimeApi_get_all_dynamic_info → new fields only/);
    expect(out).toContain('new future_field');
    expect(out).not.toContain('CHANGED');
    // The reader read every subnet through the grown struct.
    expect(out).toMatch(/subnets at finalized block #\d+: (\d+)/);
    expect(Number(/subnets at finalized block #\d+: (\d+)/.exec(out)![1])).toBe(devnet.control.state().subnets.length);
    expect(out).toContain('all compatible');
    expect(code).toBe(0);
  }, 120_000);

  it('against a runtime with an API removed and a struct field retyped: both named with what TaoLens does instead, exit 1', async () => {
    const bytes = alteredMetadata(readFileSync(BUNDLED_METADATA), {
      removeApiMethods: ['StakeInfoRuntimeApi_get_stake_availability_for_coldkeys'],
      retypeFields: [{ struct: 'DynamicInfo', field: 'subnet_volume', primitive: 'u64' }],
    });
    devnet = await startDevnet({ port: 0, blockMs: 0, metadataBytes: bytes });
    await devnet.control.produceBlock();
    const { code, out } = await checkLive(devnet.url, ALICE);
    expect(out).toMatch(/MISSING +StakeInfoRuntimeApi_get_stake_availability_for_coldkeys → TaoLens: locked alpha shown as unknown/);
    // Both runtime APIs returning DynamicInfo carry the change, named at the field.
    expect(out).toMatch(/CHANGED +SubnetInfoRuntimeApi_get_all_dynamic_info/);
    expect(out).toContain('(DynamicInfo).subnet_volume: Compact<u128> → u64');
    expect(out).toMatch(/CHANGED +SubnetInfoRuntimeApi_get_dynamic_info/);
    expect(out).toContain('3 incompatibilities:');
    // The reader really took the fallback: Alice's locks are unknown, not 0.
    expect(out).toMatch(/^ {2}1 +\S+ +[\d,.]+ TS1 .* unknown$/m);
    expect(code).toBe(1);
  }, 120_000);
});
