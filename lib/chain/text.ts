/**
 * The one cleaner for text written by others: on-chain names and identities, and account or wallet names a
 * wallet (or a page answering in its place) reports. We keep such strings as plain text (never HTML), drop
 * characters that could disguise what is shown, and cap their length. Names are compared by a folded key, so
 * look-alike twins (fullwidth, zero-width, Cyrillic letters) count as the same name and can be marked.
 */
import { BytesMemo } from './bytes-memo';

// C0/C1 controls; bidi marks, embeddings, overrides and isolates (LRM, RLM, ALM, U+202A–U+202E, U+2066–U+2069);
// zero-width and other invisible characters (soft hyphen, combining grapheme joiner, Hangul and Khmer fillers,
// Mongolian vowel separator, ZWSP, ZWNJ, word joiner and invisible operators, BOM); line and paragraph separators;
// tag characters. U+200D (ZWJ) is handled apart: it is kept inside emoji sequences only.
const UNSAFE =
  // Each of these is removed on its own, combining or not.
  // eslint-disable-next-line no-control-regex, no-misleading-character-class
  /[\u0000-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200e\u200f\u2028-\u202e\u2060-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb]/gu;
const TAGS = /[\u{e0000}-\u{e007f}]/gu;
/** A joiner not between two pictographs (it only glues emoji: 👩‍💻). */
const STRAY_JOINER = /(?<!\p{Extended_Pictographic}\ufe0f?)\u200d|\u200d(?!\p{Extended_Pictographic})/gu;
/** Any run of spaces, including the exotic widths (no-break, en/em, ideographic), shown as one space. */
const SPACES = /[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/gu;

/** Names shown for accounts, wallets and validators: longer is truncated with an ellipsis. */
export const NAME_MAX = 64;

export function cleanChainText(raw: string, maxLength: number): string {
  const cleaned = raw.replace(UNSAFE, '').replace(TAGS, '').replace(STRAY_JOINER, '').replace(SPACES, ' ').trim();
  // Slice before splitting into code points: a 10 MB string is not split whole.
  const chars = [...(cleaned.length > maxLength * 4 ? cleaned.slice(0, maxLength * 4) : cleaned)];
  return chars.length > maxLength ? `${chars.slice(0, maxLength - 1).join('')}…` : cleaned;
}

/** A name from a wallet or the chain, cleaned and capped; empty becomes null (shown as "no name"). */
export function cleanName(raw: string | null | undefined, maxLength = NAME_MAX): string | null {
  if (typeof raw !== 'string') return null;
  return cleanChainText(raw, maxLength) || null;
}

/**
 * Letters that look like Latin ones in common fonts (Cyrillic, Greek, and a few symbols), folded to the Latin
 * letter. Not the whole Unicode confusables table: the scripts a spoofed subnet or validator name uses in practice.
 */
const CONFUSABLE: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', ѕ: 's',
  і: 'i', ї: 'i', ј: 'j', ԁ: 'd', ԛ: 'q', ԝ: 'w', ӏ: 'l', һ: 'h', ɡ: 'g', ь: 'b',
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w',
  ı: 'i', ȷ: 'j', ℓ: 'l', '0': 'o', '1': 'l', '|': 'l',
};

/**
 * The key two names are compared by: NFKC (fullwidth and styled letters become plain), lower case, accents and
 * spaces dropped, look-alike letters folded. Equal keys read as the same name to a person.
 */
export function nameKey(name: string): string {
  const plain = cleanChainText(name, Number.MAX_SAFE_INTEGER)
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\p{M}\s\p{Pd}._·]/gu, '');
  let out = '';
  for (const ch of plain) out += CONFUSABLE[ch] ?? ch;
  return out;
}

/**
 * For each item whose name reads the same as another item's (same `nameKey`), the ids of the others. Items
 * without a name are never duplicates. Used to put a visible marker next to twins.
 */
export function sameNameAs<Id>(items: readonly { id: Id; name: string | null | undefined }[]): Map<Id, Id[]> {
  const byKey = new Map<string, Id[]>();
  for (const { id, name } of items) {
    const key = name ? nameKey(name) : '';
    if (!key) continue;
    const ids = byKey.get(key);
    if (ids) ids.push(id);
    else byKey.set(key, [id]);
  }
  const out = new Map<Id, Id[]>();
  for (const ids of byKey.values()) {
    if (ids.length < 2) continue;
    for (const id of ids) out.set(id, ids.filter((other) => other !== id));
  }
  return out;
}

/** The short form of an address or hotkey shown beside every name: `5F3sa2…x9Kq`. */
export function addressPrefix(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}

const UTF8 = new TextDecoder('utf-8', { fatal: false });

/** UTF-8 bytes from the chain to text, replacing invalid sequences rather than failing. */
export function decodeChainBytes(bytes: Uint8Array | readonly number[]): string {
  if (bytes.length === 0) return ''; // most identity fields: no decoder call for nothing
  return UTF8.decode(bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes));
}

/** Text written on chain, as shown: its UTF-8 bytes decoded, cleaned and capped at `maxLength` characters. */
export function readChainText(bytes: Uint8Array, maxLength: number): string {
  return cleanChainText(decodeChainBytes(bytes), maxLength);
}

/**
 * `readChainText` remembering its answers by the bytes (bytes-memo.ts): the chain sends the same names and
 * identities every block, and decoding and cleaning a long description each time was most of what reading it
 * cost. Bounded by `maxBytes` of bytes and text held (a hostile identity can be long).
 */
export function rememberingTextReader(maxBytes = 2_000_000): (bytes: Uint8Array, maxLength: number) => string {
  const memo = new BytesMemo<string>(maxBytes, (text) => text.length * 2);
  return (bytes, maxLength) => (bytes.length === 0 ? '' : memo.get(bytes, maxLength, readChainText));
}
