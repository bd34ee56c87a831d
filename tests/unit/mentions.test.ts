import { describe, expect, it } from 'vitest';
import { buildMentionIndex, detectMentionsWith, hasBittensorCue, type DetectOptions, type Mention, type MentionContext } from '@/lib/mentions/detect';

/** One-off scan (the product builds the index once per subnet list). */
const detectMentions = (text: string, ctx: MentionContext, options?: DetectOptions): Mention[] => detectMentionsWith(buildMentionIndex(ctx), text, options);
import { CORPUS_CONTEXT, MENTION_CORPUS, type CorpusCase } from './mentions.corpus';

const corpusIndex = buildMentionIndex(CORPUS_CONTEXT);

function summary(mentions: Mention[]) {
  return mentions.map(({ text, kind, netuid }) => ({ text, kind, netuid }));
}

function caseName(row: CorpusCase): string {
  const phrase = JSON.stringify(row.phrase);
  return row.expected.length === 0 ? `${phrase} → nothing` : `${phrase} → ${row.expected.map((m) => `${m.text}=${m.netuid ?? m.kind}`).join(', ')}`;
}

const ctx = (...subnets: Array<[number, string, string]>): MentionContext => ({
  subnets: subnets.map(([netuid, name, symbol]) => ({ netuid, name, symbol })),
});

describe('mention corpus', () => {
  it('is large and balanced enough to mean something', () => {
    expect(MENTION_CORPUS.length).toBeGreaterThanOrEqual(200);
    const negatives = MENTION_CORPUS.filter((row) => row.expected.length === 0).length;
    expect(negatives / MENTION_CORPUS.length).toBeGreaterThan(0.25);
    expect(negatives / MENTION_CORPUS.length).toBeLessThan(0.5);
  });

  it.each(MENTION_CORPUS.map((row) => [caseName(row), row] as const))('%s', (_name, row) => {
    const found = detectMentionsWith(corpusIndex, row.phrase);
    expect(summary(found)).toEqual(row.expected);
    for (const mention of found) expect(row.phrase.slice(mention.start, mention.end)).toBe(mention.text);
  });

  it('yields sorted, non-overlapping spans for every phrase', () => {
    for (const row of MENTION_CORPUS) {
      const found = detectMentionsWith(corpusIndex, row.phrase);
      for (let i = 1; i < found.length; i++) expect(found[i]!.start).toBeGreaterThanOrEqual(found[i - 1]!.end);
    }
  });
});

describe('detectMentions', () => {
  it('gives UTF-16 offsets usable with slice and DOM ranges', () => {
    expect(detectMentions('🚀 SN64 and $TAO', CORPUS_CONTEXT)).toEqual([
      { start: 3, end: 7, text: 'SN64', kind: 'netuid', netuid: 64 },
      { start: 12, end: 16, text: '$TAO', kind: 'tao', netuid: null },
    ]);
  });

  it('is the same as building the index and scanning', () => {
    const text = 'Subnet #4 targon, $CHUTES, SN19 and $tao';
    expect(detectMentions(text, CORPUS_CONTEXT)).toEqual(detectMentionsWith(corpusIndex, text));
  });

  it('reuses one index across many texts without state leaking between scans', () => {
    const texts = ['SN64', 'nothing', 'SN64 SN64', '$TAO', 'SN64'];
    expect(texts.map((t) => detectMentionsWith(corpusIndex, t).length)).toEqual([1, 0, 2, 1, 1]);
    expect(texts.map((t) => detectMentionsWith(corpusIndex, t).length)).toEqual([1, 0, 2, 1, 1]);
  });
});

describe('netuids come from the context, not a fixed range', () => {
  it('matches a netuid only when the chain has it', () => {
    expect(summary(detectMentions('SN999 and SN64', ctx([64, '', ''])))).toEqual([{ text: 'SN64', kind: 'netuid', netuid: 64 }]);
    expect(summary(detectMentions('SN999 and SN64', ctx([999, '', ''])))).toEqual([{ text: 'SN999', kind: 'netuid', netuid: 999 }]);
  });

  it('matches SN640 as 640 when 640 exists, never as 64', () => {
    expect(summary(detectMentions('SN640', ctx([64, '', ''], [640, '', ''])))).toEqual([{ text: 'SN640', kind: 'netuid', netuid: 640 }]);
    expect(detectMentions('SN640', ctx([64, '', '']))).toEqual([]);
  });

  it('matches subnet 0 only when root is in the context', () => {
    expect(summary(detectMentions('SN0 and subnet 0', ctx([0, 'root', ''])))).toEqual([
      { text: 'SN0', kind: 'netuid', netuid: 0 },
      { text: 'subnet 0', kind: 'netuid', netuid: 0 },
    ]);
    expect(detectMentions('SN0 and subnet 0', ctx([1, '', '']))).toEqual([]);
  });

  it('handles netuids above the old 128 cap', () => {
    expect(summary(detectMentions('Subnet 200 launched', ctx([200, '', ''])))).toEqual([{ text: 'Subnet 200', kind: 'netuid', netuid: 200 }]);
  });

  it('matches nothing but $TAO with an empty context', () => {
    expect(summary(detectMentions('SN64 Chutes $CHUTES $TAO', { subnets: [] }))).toEqual([{ text: '$TAO', kind: 'tao', netuid: null }]);
  });
});

describe('name rule', () => {
  it('matches coined names of 5+ characters in any case, as whole words, without a cue', () => {
    const c = ctx([4, 'Targon', '']);
    expect(summary(detectMentions('targon TARGON Targon', c)).map((m) => m.text)).toEqual(['targon', 'TARGON', 'Targon']);
    expect(detectMentions('Targony retargon', c)).toEqual([]);
  });

  it('matches vocabulary names only capitalised or as on chain, and only with a Bittensor cue', () => {
    for (const word of ['Vision', 'Compute', 'Storage', 'Gradients', 'Trading', 'Score', 'Chutes', 'Templar']) {
      const c = ctx([7, word, '']);
      expect(detectMentions(`${word} ${word.toLowerCase()} ${word.toUpperCase()}`, c)).toEqual([]);
      expect(summary(detectMentions(`${word} ${word.toLowerCase()} ${word.toUpperCase()} on Bittensor`, c)).map((m) => m.text)).toEqual([word, word.toUpperCase()]);
    }
    // Lower case on chain: that exact spelling is the name.
    expect(summary(detectMentions('templar on subnet 3', ctx([3, 'templar', ''])))).toEqual([
      { text: 'templar', kind: 'name', netuid: 3 },
      { text: 'subnet 3', kind: 'netuid', netuid: 3 },
    ]);
  });

  it('takes the cue of the whole post from the caller when it scans one part of it', () => {
    const c = ctx([56, 'Gradients', '']);
    expect(detectMentions('Gradients just trained a 70B model', c)).toEqual([]);
    expect(summary(detectMentions('Gradients just trained a 70B model', c, { cue: true }))).toEqual([{ text: 'Gradients', kind: 'name', netuid: 56 }]);
  });

  it('finds a cue in mentions, cue words, SN numbers and τ amounts, not in lookalikes', () => {
    const index = buildMentionIndex(ctx([64, 'Chutes', 'CHUTES'], [4, 'Targon', '']));
    for (const text of ['$TAO', '$chutes', 'SN64', 'SN200', 'Targon', 'on Bittensor', 'two subnets', 'staked it', 'unstaked', 'dTAO', 'TAO', '10 τ', 'τ5', 'taostats']) {
      expect(hasBittensorCue(index, text), text).toBe(true);
    }
    for (const text of ['the Tao of Pooh', 'alpha decay', 'at stake', 'carbon emissions', 'bittensorx', 'ASN64', 'water chutes', '']) {
      expect(hasBittensorCue(index, text), text).toBe(false);
    }
  });

  it('matches short names only as the distinctive on-chain spelling, with a cue', () => {
    expect(summary(detectMentions('IOTA iota Iota on Bittensor', ctx([9, 'IOTA', ''])))).toEqual([{ text: 'IOTA', kind: 'name', netuid: 9 }]);
    expect(detectMentions('IOTA price pumping', ctx([9, 'IOTA', '']))).toEqual([]);
    expect(summary(detectMentions('dTAO DTAO dtao', ctx([7, 'dTAO', ''])))).toEqual([{ text: 'dTAO', kind: 'name', netuid: 7 }]);
    // Title case or lower case short names could be any word at the start of a sentence.
    expect(detectMentions('Zeus zeus ZEUS on subnet 18', ctx([18, 'Zeus', '']))).toEqual([{ start: 18, end: 27, text: 'subnet 18', kind: 'netuid', netuid: 18 }]);
    expect(detectMentions('lium Lium', ctx([51, 'lium', '']))).toEqual([]);
  });

  it('never matches names under 3 characters or without letters', () => {
    expect(detectMentions('AI ai', ctx([7, 'AI', '']))).toEqual([]);
    expect(detectMentions('404 is a name', ctx([17, '404', '']))).toEqual([]);
  });

  it('treats names shared by two subnets as ambiguous, case-insensitively', () => {
    expect(detectMentions('Nexus nexus', ctx([1, 'Nexus', ''], [2, 'NEXUS', '']))).toEqual([]);
  });

  it('does not treat one subnet listed twice as ambiguous', () => {
    expect(summary(detectMentions('Targon', ctx([4, 'Targon', ''], [4, 'Targon', ''])))).toEqual([{ text: 'Targon', kind: 'name', netuid: 4 }]);
  });

  it('escapes names with regex characters and tolerates padding and line breaks in multi-word names', () => {
    const c = ctx([30, 'Proof (of) Weights+', ''], [31, '  Compute   Horde ', '']);
    expect(summary(detectMentions('Proof (of) Weights+ rocks', c))).toEqual([{ text: 'Proof (of) Weights+', kind: 'name', netuid: 30 }]);
    expect(summary(detectMentions('compute\nhorde', c))).toEqual([{ text: 'compute\nhorde', kind: 'name', netuid: 31 }]);
    expect(detectMentions('Proof of Weights', c)).toEqual([]);
  });
});

describe('cashtags', () => {
  it('always reads $TAO as TAO, even if a subnet uses TAO as its symbol', () => {
    expect(detectMentions('$TAO', ctx([112, '', 'TAO']))).toEqual([{ start: 0, end: 4, text: '$TAO', kind: 'tao', netuid: null }]);
  });

  it('matches symbols in any case unless two differ only by case', () => {
    expect(summary(detectMentions('$chutes $CHUTES', ctx([64, '', 'CHUTES']))).map((m) => m.netuid)).toEqual([64, 64]);
    const c = ctx([105, '', 'Ab'], [106, '', 'AB']);
    expect(summary(detectMentions('$Ab $AB $ab $aB', c)).map((m) => [m.text, m.netuid])).toEqual([
      ['$Ab', 105],
      ['$AB', 106],
    ]);
  });

  it('never matches a symbol two subnets share or a numeric symbol', () => {
    expect(detectMentions('$TWIN', ctx([1, '', 'TWIN'], [2, '', 'TWIN']))).toEqual([]);
    expect(detectMentions('$64 lunch', ctx([64, '', '64']))).toEqual([]);
  });

  it('matches non-Latin on-chain symbols', () => {
    expect(summary(detectMentions('bought some $ᚠ today', ctx([7, '', 'ᚠ'])))).toEqual([{ text: '$ᚠ', kind: 'symbol', netuid: 7 }]);
  });
});

describe('overlaps', () => {
  it('keeps the longest match', () => {
    const c = ctx([12, 'Compute Horde', ''], [40, 'Horde Runner', '']);
    expect(summary(detectMentions('Compute Horde Runner', c))).toEqual([{ text: 'Compute Horde', kind: 'name', netuid: 12 }]);
    expect(summary(detectMentions('SN64 Labs ships', ctx([64, '', ''], [7, 'SN64 Labs', ''])))).toEqual([
      { text: 'SN64 Labs', kind: 'name', netuid: 7 },
    ]);
    expect(summary(detectMentions('$CHUTES', ctx([64, 'Chutes', 'CHUTES'])))).toEqual([{ text: '$CHUTES', kind: 'symbol', netuid: 64 }]);
  });

  it('keeps the earliest of equally long overlapping matches', () => {
    const c = ctx([1, 'Alpha Bravo', ''], [2, 'Bravo Charl', '']);
    expect(summary(detectMentions('Alpha Bravo Charl', c))).toEqual([{ text: 'Alpha Bravo', kind: 'name', netuid: 1 }]);
  });
});

describe('excluded spans', () => {
  it('ignores mentions inside URLs, handles, e-mails and code but not next to them', () => {
    const text = 'https://x.com/sn64 @sn64 a@sn64.io `SN64` SN64';
    expect(detectMentions(text, CORPUS_CONTEXT)).toEqual([{ start: 42, end: 46, text: 'SN64', kind: 'netuid', netuid: 64 }]);
  });

  it('treats an unclosed backtick as plain text', () => {
    expect(summary(detectMentions('it`s SN64', CORPUS_CONTEXT))).toEqual([{ text: 'SN64', kind: 'netuid', netuid: 64 }]);
  });

  it('matches a hashtag that is exactly a mention, not a longer tag', () => {
    expect(summary(detectMentions('#SN64 #SN64isgreat #Chutes #ChutesFam', CORPUS_CONTEXT))).toEqual([
      { text: 'SN64', kind: 'netuid', netuid: 64 },
      { text: 'Chutes', kind: 'name', netuid: 64 },
    ]);
  });
});

describe('a prebuilt index over many posts', () => {
  // Speed is measured by `npm run bench`, not here; this checks one index serves many posts consistently.
  it('finds the same mentions in each of 1,000 posts', () => {
    const post =
      'Thread: why SN64 (Chutes) and subnet #4 Targon beat everything. $TAO holders, read https://taostats.io/subnets/64 ' +
      'and follow @chutes_ai. Also watching sn 19, $KAITO, Data Universe, and `btcli stake add --netuid 12`. gm 🚀';
    const posts = Array.from({ length: 1_000 }, (_, i) => `${post} #${i}`);
    let total = 0;
    for (const p of posts) total += detectMentionsWith(corpusIndex, p).length;
    expect(total).toBe(8_000); // 8 per post: the netuid in code, the URL and the handle do not count
  });
});
