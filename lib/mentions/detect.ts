/**
 * The one subnet-mention detector. Pure and dependency-free (Node and browser, no DOM).
 *
 * Kinds:
 * - 'netuid': `SN64`, `sn 64`, `SN-64`, `SN #64`, `Subnet 64`, `subnet #64`, `Subnet64`, `netuid 64`,
 *   only for netuids present in the context (the chain decides which exist).
 * - 'symbol': a cashtag `$` + a subnet's token symbol. Case-insensitive unless two subnets' symbols differ
 *   only by case, then only the exact spelling matches. Symbols shared by two subnets never match.
 * - 'tao': `$TAO` in any case (netuid null); it wins over a subnet whose symbol is also TAO.
 * - 'name': a subnet's on-chain name, whole word, only where the subnet meaning is likely. The rule
 *   (names are compared as a person reads them: case, fullwidth, zero-width and look-alike letters folded
 *   by `nameKey`, so a twin of another subnet's name is a shared name)
 *   (`nameMatchMode`), because a name is often an ordinary word ("water chutes", "Knights Templar"):
 *   - names shared by two subnets (case-insensitively), shorter than 3 characters or without letters: never;
 *   - a coined name (5+ characters, not every word of it on the vocabulary list below: `Targon`,
 *     `OpenKaito`, `Compute Horde`): in any case, anywhere — the word has no other meaning;
 *   - a vocabulary name (every word of it is common English or crypto/AI vocabulary: `Chutes`, `Templar`,
 *     `Gradients`, `Score`, `Apex`, `Dojo`, `Data Universe`): only written as a name — capitalised
 *     (`Chutes`, `CHUTES`) or exactly as on chain (`templar`) — AND with a Bittensor cue in the same post;
 *   - a short name (3–4 characters): only the on-chain spelling with a capital after the first letter
 *     (`IOTA`, `dTAO`), AND with a Bittensor cue in the same post (IOTA is also another coin).
 *   A Bittensor cue (`hasBittensorCue`): any other mention in the post (`SN64`, `$TAO`, `$CHUTES`, a coined
 *   name), an `SN` + number, or one of the words bittensor, subnet(s), netuid, dTAO, taostats, staked,
 *   staking, unstake(d), restake(d), `TAO` in capitals, or a `τ` amount. The DOM side passes the cue of
 *   the whole post (`options.cue`) when it scans one text node of it.
 *
 * Never matched: inside URLs (with scheme, `www.`, or `host.tld/path`), @handles and e-mail addresses,
 * code (between backticks), or as part of a longer word (`ASN64`, `SN640`, `SN64a`, `subnet 64.5`, `x.sn64`).
 * Numbers alone are never mentions ("from 128 to 256", "Q1", "$43 million").
 * Hashtags: `#SN64` and `#Chutes` match (the tag is exactly the mention; the `#` is not part of the span),
 * `#SN64isgreat` does not (it is a longer word).
 * Ideographic scripts (Han, kana, Hangul) are not treated as word characters, since those scripts do not
 * put spaces between words: `看好SN64项目` matches.
 *
 * Offsets are UTF-16 code-unit indices (what `String.prototype.slice` and DOM Ranges use).
 * Overlaps resolve to the longest match (earliest on ties); output is sorted by start, without overlaps.
 */
import { nameKey } from '../chain/text';

export interface MentionSubnet {
  netuid: number;
  name: string;
  symbol: string;
}

/** Valid netuids come from the chain, never a fixed range. */
export interface MentionContext {
  subnets: readonly MentionSubnet[];
}

export type MentionKind = 'netuid' | 'symbol' | 'name' | 'tao';

export interface Mention {
  start: number;
  end: number;
  text: string;
  kind: MentionKind;
  /** null for $TAO. */
  netuid: number | null;
}

/** Precompiled matcher: build once per subnet list, scan many texts. */
export interface MentionIndex {
  readonly netuids: ReadonlySet<number>;
  /** Folded (lower-case) symbol → netuid, for symbols unique case-insensitively. */
  readonly symbolsAnyCase: ReadonlyMap<string, number>;
  /** Exact symbol → netuid, for symbols that collide only by case. */
  readonly symbolsExactCase: ReadonlyMap<string, number>;
  /** Coined names: folded name → netuid, matched in any case without a cue. */
  readonly namesAnyCase: ReadonlyMap<string, number>;
  /** Short names: exact spelling → netuid, matched only with a cue. */
  readonly namesExactCase: ReadonlyMap<string, number>;
  /** Vocabulary names: folded name → netuid and on-chain spelling, matched only as a name and with a cue. */
  readonly namesWithCue: ReadonlyMap<string, { netuid: number; spelling: string }>;
  /** One alternation of every matchable name, or null when there is none. */
  readonly namePattern: RegExp | null;
}

// Characters that continue a word. Ideographic scripts are excluded because they are written without spaces.
const WORD_CHAR = String.raw`(?:(?![\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}])[\p{L}\p{M}\p{N}_])`;
// Not after a word character, an @ (handle/e-mail) or "word." (a host name like app.sn64.io).
const START_BOUNDARY = String.raw`(?<!${WORD_CHAR}|@|${WORD_CHAR}\.)`;
// Not before a word character, ".x"/".5" (a domain or a decimal like subnet 64.5) or ",5" (a number).
const END_BOUNDARY = String.raw`(?!${WORD_CHAR}|\.[\p{L}\p{N}]|,\d)`;
const SPACE = String.raw`[ \u00a0]`;

// Leading zeros are refused so product codes like SN0064 do not read as subnets.
const NETUID_PATTERN = new RegExp(
  String.raw`${START_BOUNDARY}(?:sn(?:${SPACE}?#|${SPACE}|-)?|subnet(?:${SPACE}?[#-]?${SPACE}?)|netuid(?:${SPACE}?[:=#]?${SPACE}?))(0|[1-9]\d{0,5})${END_BOUNDARY}`,
  'giu',
);

const CASHTAG_PATTERN = new RegExp(String.raw`(?<![\p{L}\p{M}\p{N}_$])\$([\p{L}\p{M}\p{N}_]+)${END_BOUNDARY}`, 'gu');

// Spans where nothing is a mention: code, URLs, host/path, handles and e-mails. One pass, one regex.
const EXCLUDED_SPANS = new RegExp(
  [
    '```[\\s\\S]*?```',
    '`[^`\\n]+`',
    '\\b(?:https?|wss?|ftp):\\/\\/[^\\s<>"\'`]+',
    '\\bwww\\.[^\\s<>"\'`]+',
    '(?<![\\p{L}\\p{N}_@.-])(?:[\\p{L}\\p{N}-]+\\.)+\\p{L}{2,24}\\/[^\\s<>"\'`]*',
    '[\\p{L}\\p{N}._%+-]*@[\\p{L}\\p{N}_]+(?:[.-][\\p{L}\\p{N}_]+)*',
  ].join('|'),
  'gu',
);

/** Options for one scan. */
export interface DetectOptions {
  /**
   * The whole post has a Bittensor cue (`hasBittensorCue` of its full text), when `text` is only part of it.
   * A function is called only when a name needs the cue (most texts have none).
   */
  cue?: boolean | (() => boolean);
}

type NameMatchMode = 'coined' | 'vocabulary' | 'short' | 'never';

// Words that make the subnet meaning of a vocabulary name likely (see the header). `TAO` only in capitals
// ("the Tao of Pooh" is no cue). Not "alpha" (learning rates, "seeking alpha"), "stake(s)" ("at stake",
// poker) nor "emissions" (carbon): each turned an ML, gaming or climate post into a false positive.
const CUE_WORDS = new RegExp(
  String.raw`(?<![\p{L}\p{N}_])(?:bittensor|subnets?|netuid|dtao|taostats|staked|staking|(?:un|re)stak(?:e|ed|es|ing)|sn${SPACE}?\d{1,5})(?![\p{L}\p{N}_])|τ${SPACE}?\d|\d${SPACE}?τ`,
  'iu',
);
const CUE_TAO = /(?<![\p{L}\p{N}_])TAO(?![\p{L}\p{N}_])/u;
const hasCueWord = (text: string) => CUE_WORDS.test(text) || CUE_TAO.test(text);

/**
 * The ~300 most common English words plus crypto/AI vocabulary and ordinary words subnets are named after.
 * A subnet named like one of these would light up ordinary sentences, so such a name is matched only
 * as a name in a post with a Bittensor cue.
 */
const COMMON_WORDS: ReadonlySet<string> = new Set(
  `the be to of and a in that have i it for not on with he as you do at this but his by from they we say her she or an
  will my one all would there their what so up out if about who get which go me when make can like time no just him
  know take people into year your good some could them see other than then now look only come its over think also
  back after use two how our work first well way even new want because any these give day most us is are was were
  been has had did said made find here thing many right still great should long life before while where through
  last might little world own same tell need feel high very every old ask hand part place case week company number
  group problem fact point government system program question school state family student country story end play
  run move live believe hold bring happen write provide sit stand lose pay meet include continue set learn change
  lead understand watch follow stop create speak read allow add spend grow open walk win offer remember love
  consider appear buy wait serve die send expect build stay fall cut reach kill remain suggest raise pass sell
  require report decide pull home room mother area money night water house word business issue side kind head
  service friend father power hour game line member law car city community name president team minute idea kid
  body information back parent face others level office door health person art war history party result morning
  reason research girl guy moment air teacher force education foot boy age policy everything process music market
  sense nation plan college interest death experience effect class control care field development role effort rate
  heart drug show leader light voice wife police mind price hope best better early free real sure today together
  full large young small local major public social white black green next big able human possible order quite
  never again always often however almost enough less least must such those each both between under without
  against during around among another something nothing someone anything yes maybe really actually thanks please
  first second third zero hundred thousand million billion trillion
  data vision apex score swap trading compute storage inference oracle bridge network protocol token tokens alpha
  beta gamma delta omega sigma bitcoin crypto chain block blocks miner miners mining validator validators subnet
  subnets stake staking root bittensor prompt prompting search image images video audio speech music text agent
  agents games gaming finance predict prediction proof hash train training model models infinite universe
  gradient gradients frontier horizon dataset datasets nineteen cortex sport sports weather genomics protein
  chemistry translation coding code foundry chute chutes templar templars dojo ridge ridges dippy nexus sturdy
  affine nova synth swarm graphite bounty hunter patrol quant logic eden condense efficient gaia masa`
    .split(/\s+/)
    .filter(Boolean),
);

function nameMatchMode(name: string): NameMatchMode {
  if (name.length < 3 || !/\p{L}/u.test(name)) return 'never';
  if (name.length < 5) {
    // Short names: only a distinctive spelling (a capital after the first character) is safe to match.
    return /\p{Lu}/u.test(name.slice(1)) ? 'short' : 'never';
  }
  return name.toLowerCase().split(' ').every((word) => COMMON_WORDS.has(word)) ? 'vocabulary' : 'coined';
}

/** Written as a name: starting with a capital, or exactly as on chain (`templar` is lower-case on chain). */
function writtenAsName(written: string, spelling: string): boolean {
  return written === spelling || /^\p{Lu}/u.test(written);
}

/** Build the matcher once for a subnet list. */
export function buildMentionIndex(ctx: MentionContext): MentionIndex {
  const netuids = new Set<number>();
  const symbolOwners = new Map<string, MentionSubnet[]>();
  const nameOwners = new Map<string, MentionSubnet[]>();
  for (const subnet of ctx.subnets) {
    netuids.add(subnet.netuid);
    const symbol = subnet.symbol.trim();
    if (symbol !== '' && !/^\d+$/.test(symbol)) pushTo(symbolOwners, symbol.toLowerCase(), subnet);
    const name = normaliseName(subnet.name);
    if (name !== '') pushTo(nameOwners, nameKey(name), subnet);
  }

  const symbolsAnyCase = new Map<string, number>();
  const symbolsExactCase = new Map<string, number>();
  for (const [folded, owners] of symbolOwners) {
    const distinctNetuids = new Set(owners.map((s) => s.netuid));
    if (distinctNetuids.size === 1) {
      symbolsAnyCase.set(folded, owners[0]!.netuid);
      continue;
    }
    // Same letters, different case (e.g. "Ab" vs "AB"): only the exact spelling identifies the subnet.
    const exact = new Map<string, Set<number>>();
    for (const s of owners) pushToSet(exact, s.symbol.trim(), s.netuid);
    for (const [spelling, ids] of exact) if (ids.size === 1) symbolsExactCase.set(spelling, [...ids][0]!);
  }

  const namesAnyCase = new Map<string, number>();
  const namesExactCase = new Map<string, number>();
  const namesWithCue = new Map<string, { netuid: number; spelling: string }>();
  const alternatives: string[] = [];
  for (const owners of nameOwners.values()) {
    if (new Set(owners.map((s) => s.netuid)).size !== 1) continue; // shared name (or a twin of one): ambiguous
    const owner = owners[0]!;
    const name = normaliseName(owner.name);
    const folded = name.toLowerCase();
    const mode = nameMatchMode(name);
    if (mode === 'never') continue;
    if (mode === 'coined') namesAnyCase.set(folded, owner.netuid);
    else if (mode === 'short') namesExactCase.set(name, owner.netuid);
    else namesWithCue.set(folded, { netuid: owner.netuid, spelling: name });
    alternatives.push(name);
  }
  // Longest first so "Compute Horde" is tried before a name that is its prefix.
  alternatives.sort((a, b) => b.length - a.length);
  const namePattern =
    alternatives.length === 0
      ? null
      : new RegExp(`${START_BOUNDARY}(?:${alternatives.map(nameToPattern).join('|')})${END_BOUNDARY}`, 'giu');

  return { netuids, symbolsAnyCase, symbolsExactCase, namesAnyCase, namesExactCase, namesWithCue, namePattern };
}

/** Scan one text with a prebuilt index. */
export function detectMentionsWith(index: MentionIndex, text: string, options: DetectOptions = {}): Mention[] {
  const spans = excludedSpans(text);
  const found = dropExcluded(sureMentions(index, text), spans);
  const needCue: Mention[] = [];
  if (index.namePattern) {
    for (const match of text.matchAll(index.namePattern)) {
      const written = collapseSpaces(match[0]);
      const folded = written.toLowerCase();
      const coined = index.namesAnyCase.get(folded);
      if (coined !== undefined) {
        found.push(...dropExcluded([mentionAt(text, match, 'name', coined)], spans));
        continue;
      }
      const short = index.namesExactCase.get(written);
      const vocabulary = index.namesWithCue.get(folded);
      const netuid = short ?? (vocabulary && writtenAsName(written, vocabulary.spelling) ? vocabulary.netuid : undefined);
      if (netuid !== undefined) needCue.push(mentionAt(text, match, 'name', netuid));
    }
  }
  if (needCue.length) {
    const cue = typeof options.cue === 'function' ? options.cue() : options.cue;
    if (cue || found.length > 0 || hasCueWord(text)) found.push(...dropExcluded(needCue, spans));
  }
  return found.length === 0 ? found : resolveOverlaps(found);
}

/**
 * Whether a post makes the subnet meaning of a vocabulary or short name likely (see the header): any
 * netuid, cashtag or coined-name mention, an `SN` + number, or a cue word.
 */
export function hasBittensorCue(index: MentionIndex, text: string): boolean {
  if (hasCueWord(text)) return true;
  const spans = excludedSpans(text);
  if (dropExcluded(sureMentions(index, text), spans).length) return true;
  if (!index.namePattern || index.namesAnyCase.size === 0) return false;
  for (const match of text.matchAll(index.namePattern)) {
    if (index.namesAnyCase.has(collapseSpaces(match[0]).toLowerCase()) && dropExcluded([mentionAt(text, match, 'name', 0)], spans).length) return true;
  }
  return false;
}

/** Netuid, cashtag and $TAO mentions: these need no context. */
function sureMentions(index: MentionIndex, text: string): Mention[] {
  const candidates: Mention[] = [];
  for (const match of text.matchAll(NETUID_PATTERN)) {
    const netuid = Number(match[1]);
    if (index.netuids.has(netuid)) candidates.push(mentionAt(text, match, 'netuid', netuid));
  }
  for (const match of text.matchAll(CASHTAG_PATTERN)) {
    const written = match[1] ?? '';
    const folded = written.toLowerCase();
    if (folded === 'tao') {
      candidates.push(mentionAt(text, match, 'tao', null));
      continue;
    }
    const netuid = index.symbolsAnyCase.get(folded) ?? index.symbolsExactCase.get(written);
    if (netuid !== undefined) candidates.push(mentionAt(text, match, 'symbol', netuid));
  }
  return candidates;
}

function mentionAt(text: string, match: RegExpMatchArray, kind: MentionKind, netuid: number | null): Mention {
  const start = match.index ?? 0;
  const end = start + match[0].length;
  return { start, end, text: text.slice(start, end), kind, netuid };
}

function excludedSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const match of text.matchAll(EXCLUDED_SPANS)) {
    const start = match.index ?? 0;
    spans.push([start, start + match[0].length]);
  }
  return spans;
}

function dropExcluded(candidates: Mention[], spans: Array<[number, number]>): Mention[] {
  if (spans.length === 0) return candidates;
  return candidates.filter((m) => !spans.some(([start, end]) => m.start < end && start < m.end));
}

function resolveOverlaps(candidates: Mention[]): Mention[] {
  const byPreference = [...candidates].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Mention[] = [];
  for (const candidate of byPreference) {
    if (!kept.some((k) => candidate.start < k.end && k.start < candidate.end)) kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start);
}

function normaliseName(name: string): string {
  return collapseSpaces(name.trim());
}

function collapseSpaces(text: string): string {
  return text.replace(/\s+/gu, ' ');
}

function nameToPattern(name: string): string {
  // Any run of spaces (including a line break or NBSP) may separate the words of a multi-word name.
  return name
    .split(' ')
    .map((word) => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('\\s+');
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function pushToSet<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}
