import { describe, expect, it } from 'vitest';
import { addressPrefix, cleanChainText, cleanName, nameKey, sameNameAs } from '@/lib/chain/text';
import { boardRows } from '@/lib/board/board';
import { buildMentionIndex, detectMentionsWith, type MentionContext } from '@/lib/mentions/detect';
const detectMentions = (text: string, ctx: MentionContext) => detectMentionsWith(buildMentionIndex(ctx), text);
import type { Subnet } from '@/lib/model/types';
import { searchValidators, validatorChoices, validatorName } from '@/lib/staking/validators';

describe('names from wallets and the chain (cleanName)', () => {
  it('a right-to-left override cannot turn "exe.tnuocca" into "account.exe"', () => {
    const shown = cleanName('My savings \u202Eexe.tnuocca');
    expect(shown).toBe('My savings exe.tnuocca');
    expect(shown).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });

  it('drops zero-width and invisible characters, and keeps emoji joined', () => {
    expect(cleanName('Chu\u200Btes\u200C\u2060\uFEFF\u00AD')).toBe('Chutes');
    expect(cleanName('a\u200Db')).toBe('ab');
    expect(cleanName('dev 👩\u200D💻')).toBe('dev 👩\u200D💻');
    expect(cleanName('x\u{E0041}\u{E007F}y')).toBe('xy');
  });

  it('collapses exotic spaces and line breaks, trims, and turns nothing into null', () => {
    expect(cleanName(' My\u3000\u00A0wallet\u2028 ')).toBe('My wallet');
    expect(cleanName('\u202E\u200B  ')).toBeNull();
    expect(cleanName(null)).toBeNull();
    expect(cleanName(42 as unknown as string)).toBeNull();
  });

  it('caps a 5,000-character name to 64 characters', () => {
    const shown = cleanName('W'.repeat(5_000))!;
    expect([...shown]).toHaveLength(64);
    expect(shown.endsWith('…')).toBe(true);
    expect(cleanChainText('x'.repeat(10_000_000), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('look-alike names (nameKey, sameNameAs)', () => {
  it('folds fullwidth, zero-width, case, accents and Cyrillic twins to one key', () => {
    const key = nameKey('Chutes');
    expect(nameKey('Ｃｈｕｔｅｓ')).toBe(key);
    expect(nameKey('Chu\u200Btes')).toBe(key);
    expect(nameKey('CHUTES')).toBe(key);
    expect(nameKey('Chutés')).toBe(key);
    expect(nameKey('Сhutеs')).toBe(key); // Cyrillic С and е
    expect(nameKey('Chutes AI')).not.toBe(key);
  });

  it('marks every item whose name reads like another, and lists the others', () => {
    const marked = sameNameAs([
      { id: 'v1', name: 'Foundry' },
      { id: 'v2', name: 'Ｆｏｕｎｄｒｙ' },
      { id: 'v3', name: 'Foun\u200Bdry' },
      { id: 'v4', name: 'Other' },
      { id: 'v5', name: null },
      { id: 'v6', name: null },
    ]);
    expect(marked.get('v1')).toEqual(['v2', 'v3']);
    expect(marked.get('v2')).toEqual(['v1', 'v3']);
    expect(marked.has('v4')).toBe(false);
    expect(marked.has('v5')).toBe(false);
  });

  it('shortens an address to the prefix shown beside a name', () => {
    expect(addressPrefix('5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY')).toBe('5Grwva…utQY');
    expect(addressPrefix('short')).toBe('short');
  });
});

describe('validators shown with the same name (validatorChoices)', () => {
  const hk = (c: string) => `5${c.repeat(47)}`;
  const v = (c: string, name: string | null, take: number) => ({ hotkey: hk(c), name, take, permits: [1], stakeByNetuid: { 1: 10n } });

  it('give every named validator its hotkey prefix, and mark look-alike twins', () => {
    const choices = validatorChoices(
      [v('A', 'Foundry', 0), v('B', 'Ｆｏｕｎｄｒｙ', 9830), v('C', 'Foun\u200Bdry\u202E', 13107), v('D', 'Other', 0), v('E', null, 0)],
      1,
      [],
    );
    const name = (c: string) => choices.find((x) => x.hotkey === hk(c))!.name;
    expect(name('A')).toBe(`Foundry · 5AAAAA…AAAA · ⚠ same name as 2 others`);
    expect(name('B')).toBe(`Ｆｏｕｎｄｒｙ · 5BBBBB…BBBB · ⚠ same name as 2 others`);
    expect(name('C')).toBe(`Foundry · 5CCCCC…CCCC · ⚠ same name as 2 others`);
    expect(name('D')).toBe(`Other · 5DDDDD…DDDD`);
    expect(name('E')).toBeNull();
    expect(new Set(choices.map((c) => c.name)).size).toBe(choices.length);
    // Search by the name still finds all three.
    expect(searchValidators(choices, 'foundry').map((c) => c.hotkey).sort()).toEqual([hk('A'), hk('C')]);
  });

  it('validatorName caps a long name and says how many others share it', () => {
    expect(validatorName(hk('A'), 'x'.repeat(5_000), 1)).toBe(`${'x'.repeat(63)}… · 5AAAAA…AAAA · ⚠ same name as 1 other`);
  });
});

const subnetFixture: Subnet = {
  netuid: 0, name: '', symbol: 'S', identity: null, ownerColdkey: '', ownerHotkey: '', priceRao: 1n, movingPrice: 0,
  taoInPoolRao: 1n, alphaInPool: 0n, alphaOutstanding: 0n, marketCapRao: 1n, feeRate: null, registeredAtBlock: 0,
  taoInjectedPerBlockRao: 0n, taoInjectedPerDayRao: 0n, alphaEmittedPerDay: 0n, volumeRao: 0n, tradingStarted: true,
  tempo: 360, derived: [],
};

describe('look-alike subnet names', () => {
  const subnet = (netuid: number, name: string) => ({ netuid, name, symbol: `S${netuid}` });

  it('a fullwidth or zero-width twin makes the name ambiguous: a mention of it links to neither', () => {
    const text = 'Chutes is up today, the top subnet on Bittensor';
    expect(detectMentions(text, { subnets: [subnet(64, 'Chutes')] }).map((m) => m.netuid)).toEqual([64]);
    expect(detectMentions(text, { subnets: [subnet(64, 'Chutes'), subnet(20, 'Ｃｈｕｔｅｓ')] })).toEqual([]);
    expect(detectMentions(text, { subnets: [subnet(64, 'Chutes'), subnet(21, 'Chu\u200Btes')] })).toEqual([]);
  });

  it('the board marks each twin with the others’ netuids', () => {
    const s = (netuid: number, name: string) => ({ ...subnetFixture, netuid, name });
    const rows = boardRows([s(64, 'Chutes'), s(20, 'Ｃｈｕｔｅｓ'), s(21, 'Chu\u200Btes'), s(1, 'Apex')]);
    expect(rows.map((r) => [r.netuid, r.sameNameAs])).toEqual([
      [64, [20, 21]],
      [20, [64, 21]],
      [21, [64, 20]],
      [1, []],
    ]);
  });
});
