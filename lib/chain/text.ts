/**
 * On-chain strings are written by anyone. We keep them as plain text (never HTML), drop control and
 * bidirectional-override characters that could disguise what is shown, and cap their length.
 */
// C0/C1 controls, and the bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

export function cleanChainText(raw: string, maxLength: number): string {
  const cleaned = raw.replace(UNSAFE, '').trim();
  const chars = [...cleaned];
  return chars.length > maxLength ? `${chars.slice(0, maxLength - 1).join('')}…` : cleaned;
}

/** UTF-8 bytes from the chain to text, replacing invalid sequences rather than failing. */
export function decodeChainBytes(bytes: Uint8Array | readonly number[]): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(
    bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes),
  );
}
