import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The house rules in eslint.config.js, run on deliberately wrong imports at the paths they would have.
const eslint = new ESLint({ cwd: process.cwd() });

async function importProblems(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport const used = x;\n`, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import rules (eslint.config.js)', () => {
  it('refuses an import of components/ from lib/, relative or by alias', async () => {
    expect(await importProblems('lib/staking/fixture.ts', "import { PANEL_CSS as x } from '../../components/staking/styles';")).toEqual([
      expect.stringContaining('lib/ never imports components/'),
    ]);
    expect(await importProblems('lib/store/fixture.ts', "import type { StakePanelProps as x } from '@/components/staking/StakePanel';")).toHaveLength(1);
  });

  it('refuses an import of the worker from lib/messaging', async () => {
    expect(await importProblems('lib/messaging/fixture.ts', "import type { SignStep as x } from '../background/staking-service';")).toEqual([
      expect.stringContaining('never imports the worker'),
    ]);
  });

  it('refuses browser APIs outside the worker, storage, messaging, stores and page-side folders', async () => {
    expect(await importProblems('lib/staking/fixture.ts', "import { browser as x } from 'wxt/browser';")).toEqual([expect.stringContaining('Browser APIs only')]);
    expect(await importProblems('lib/units/fixture.ts', "import { storage as x } from '@wxt-dev/storage';")).toHaveLength(1);
  });

  it('lets the allowed imports through', async () => {
    expect(await importProblems('lib/background/fixture.ts', "import { browser as x } from 'wxt/browser';")).toEqual([]);
    expect(await importProblems('lib/messaging/fixture.ts', "import { browser as x } from 'wxt/browser';")).toEqual([]);
    expect(await importProblems('components/staking/fixture.ts', "import { request as x } from '@/lib/messaging/protocol';")).toEqual([]);
    expect(await importProblems('lib/staking/fixture.ts', "import { formatAmount as x } from '../units/amount';")).toEqual([]);
  });
});
