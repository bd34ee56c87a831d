/**
 * The only place amounts are parsed and formatted.
 *
 * Amounts are `bigint` in the smallest unit (rao for TAO; every subnet's alpha also has 9 decimals).
 * Money never passes through a float: integer and fraction are split in bigint before any formatting,
 * so 2^64 − 1 rao prints exactly. Pure and dependency-free (Node and browser; Intl only).
 *
 * Display conventions:
 * - TAO is prefixed with `τ` (`τ1,234.5678`); alpha is suffixed with `α` and its subnet's number after a space
 *   (`12.34 α SN64`), so the two are never confused and never look summable. One convention everywhere (popup,
 *   cards, panel, CSV, notifications): the on-chain token symbol (`ת`, `ל`…) is a subnet's emblem shown beside its
 *   name, not a unit: few readers know it, many subnets' symbols look alike, and it is whatever the owner set.
 * - Display truncates toward zero, so a balance is never overstated.
 * - A nonzero amount is never shown as zero: if the requested fraction digits would print only zeros,
 *   the first two significant digits are shown instead (`τ0.000012`).
 * - Negative amounts get `-` before the unit (`-τ1.5`, `-1.5 CHUTES`); `sign: true` adds `+` to positives.
 * - Compact mode (badges): 3 significant digits from 1 upward with k/M/B/T suffixes (`τ458`, `τ12.3k`,
 *   `τ1.2M`), 2 significant digits below 1 (`τ0.021`, `τ0.00012`). The suffixes are not localised
 *   (Intl's are long in many locales: "Tsd.", "Mio."); grouping and the decimal mark are.
 */

export type Unit = 'TAO' | { symbol: string };

/** Root (netuid 0) is staked in TAO itself. */
export const ROOT_NETUID = 0;

/** How a subnet's alpha is named wherever an amount is written: `α SN64`. */
export function alphaLabel(netuid: number): string {
  return `α SN${netuid}`;
}

/** A unit's name in words and tables: `TAO`, `α SN64`. */
export function unitName(unit: Unit): string {
  return unit === 'TAO' ? 'TAO' : unit.symbol;
}

/** The unit a subnet's stake is counted in: TAO on root, `α SN{n}` elsewhere. */
export function stakeUnit(netuid: number): Unit {
  return netuid === ROOT_NETUID ? 'TAO' : { symbol: alphaLabel(netuid) };
}

export const TAO_DECIMALS = 9;
export const RAO_PER_TAO = 1_000_000_000n;
/** The chain stores balances as u64; nothing larger can be a real amount. */
export const U64_MAX = 2n ** 64n - 1n;
export const BPS_PER_WHOLE = 10_000n;

export type ParseAmountResult = { ok: true; value: bigint } | { ok: false; error: string };

const NOT_A_NUMBER = /^[+-]?(nan|inf|infinity)$/i;
const EXPONENT_NOTATION = /^[+-]?[\d.,]*\d[eE][+-]?\d+$/;
const WELL_FORMED_THOUSANDS = /^\d{1,3}(,\d{3})+$/;

/**
 * Parse what a user typed as a non-negative decimal in `decimals` places.
 * Accepts "1", "1.5", ".5", "1." (mid-typing), "1,000.25" (commas only as well-formed thousands
 * separators) and surrounding whitespace. Refusals carry a message fit to show under the input.
 * `unitLabel` names the unit in the too-many-decimals message; it defaults to TAO for 9 decimals.
 */
export function parseAmount(input: string, decimals = TAO_DECIMALS, unitLabel?: string): ParseAmountResult {
  assertDecimals(decimals);
  const text = input.trim();
  if (text === '') return refuse('enter an amount');
  if (NOT_A_NUMBER.test(text)) return refuse(`"${text}" is not a number`);
  // U+2212 is the typographic minus that some keyboards and copy-pastes produce.
  if (text.startsWith('-') || text.startsWith('\u2212')) return refuse('the amount cannot be negative');
  if (EXPONENT_NOTATION.test(text)) return refuse('write the number in full, without exponent notation like 1e3');

  const stray = /[^\d.,]/u.exec(text);
  if (stray) {
    const char = stray[0];
    if (/\s/u.test(char)) return refuse('remove the space inside the number');
    return refuse(`unexpected character "${char}": use digits, one decimal point and commas between thousands`);
  }

  const parts = text.split('.');
  if (parts.length > 2) return refuse('the amount has more than one decimal point');
  const integerText = parts[0] ?? '';
  const fractionText = parts[1] ?? '';

  if (fractionText.includes(',')) return refuse('use a dot as the decimal point and commas only between thousands');
  if (integerText.includes(',') && !WELL_FORMED_THOUSANDS.test(integerText)) {
    return refuse('commas must separate thousands, as in 1,000.25');
  }
  const integerDigits = integerText.replaceAll(',', '');
  if (integerDigits === '' && fractionText === '') return refuse('enter a number');

  if (fractionText.length > decimals) {
    const label = unitLabel ?? (decimals === TAO_DECIMALS ? 'TAO' : 'this unit');
    return refuse(`too many decimals: ${label} has ${decimals}`);
  }

  const value = BigInt(integerDigits || '0') * 10n ** BigInt(decimals) + BigInt(fractionText.padEnd(decimals, '0') || '0');
  if (value > U64_MAX) return refuse(`the amount is too large: the most the chain can hold is ${formatExact(U64_MAX, decimals)}`);
  return { ok: true, value };
}

function refuse(error: string): ParseAmountResult {
  return { ok: false, error };
}

export interface FormatAmountOptions {
  unit: Unit;
  /** Fraction digits shown at most (default 4); ignored in compact mode. */
  maxFractionDigits?: number;
  /** Fraction digits always shown, zero-padded (default 0, capped at maxFractionDigits); ignored in compact mode. */
  minFractionDigits?: number;
  /** Badge format: `τ458`, `τ12.3k`, `τ1.2M`, `τ0.021`. */
  compact?: boolean;
  /** BCP 47 locale for grouping and the decimal mark (default 'en-US'). */
  locale?: string;
  /** Show `+` on positive amounts (for deltas). */
  sign?: boolean;
  /** Decimals of the unit (default 9: TAO and every alpha). */
  decimals?: number;
}

export function formatAmount(value: bigint, opts: FormatAmountOptions): string {
  const decimals = opts.decimals ?? TAO_DECIMALS;
  assertDecimals(decimals);
  const locale = opts.locale ?? 'en-US';
  const negative = value < 0n;
  const magnitude = negative ? -value : value;

  const digits = opts.compact
    ? compactDigits(magnitude, decimals)
    : fixedDigits(magnitude, decimals, opts.maxFractionDigits ?? 4, opts.minFractionDigits ?? 0);
  const number = localise(digits.integer, digits.fraction, locale) + digits.suffix;

  const signText = negative ? '-' : opts.sign && magnitude > 0n ? '+' : '';
  return opts.unit === 'TAO' ? `${signText}τ${number}` : `${signText}${number} ${opts.unit.symbol}`;
}

interface DigitParts {
  integer: bigint;
  /** ASCII fraction digits, already truncated and trimmed; '' for none. */
  fraction: string;
  suffix: string;
}

function fixedDigits(magnitude: bigint, decimals: number, maxFractionDigits: number, minFractionDigits: number): DigitParts {
  assertDigitCount('maxFractionDigits', maxFractionDigits);
  assertDigitCount('minFractionDigits', minFractionDigits);
  const maxDigits = Math.min(maxFractionDigits, decimals);
  const minDigits = Math.min(minFractionDigits, maxDigits);
  const { integer, fraction: allFraction } = splitFraction(magnitude, decimals);

  let fraction = allFraction.slice(0, maxDigits);
  if (integer === 0n && magnitude > 0n && !/[1-9]/.test(fraction)) {
    fraction = significantFraction(allFraction, 2);
  }
  fraction = fraction.replace(/0+$/, '').padEnd(minDigits, '0');
  return { integer, fraction, suffix: '' };
}

const COMPACT_TIERS: ReadonlyArray<{ size: bigint; suffix: string }> = [
  { size: 10n ** 12n, suffix: 'T' },
  { size: 10n ** 9n, suffix: 'B' },
  { size: 10n ** 6n, suffix: 'M' },
  { size: 10n ** 3n, suffix: 'k' },
];

function compactDigits(magnitude: bigint, decimals: number): DigitParts {
  const scale = 10n ** BigInt(decimals);
  const whole = magnitude / scale;
  if (whole === 0n) {
    const { fraction } = splitFraction(magnitude, decimals);
    return { integer: 0n, fraction: magnitude === 0n ? '' : significantFraction(fraction, 2), suffix: '' };
  }
  const tier = COMPACT_TIERS.find((t) => whole >= t.size) ?? { size: 1n, suffix: '' };
  const unitsPerStep = scale * tier.size;
  const integerLength = (magnitude / unitsPerStep).toString().length;
  const fractionDigits = Math.max(0, 3 - integerLength);
  const truncated = (magnitude * 10n ** BigInt(fractionDigits)) / unitsPerStep;
  const parts = splitFraction(truncated, fractionDigits);
  return { integer: parts.integer, fraction: parts.fraction.replace(/0+$/, ''), suffix: tier.suffix };
}

/** Leading zeros plus the first `count` significant digits of a fraction string. */
function significantFraction(fraction: string, count: number): string {
  const firstSignificant = fraction.search(/[1-9]/);
  if (firstSignificant < 0) return '';
  return fraction.slice(0, Math.min(fraction.length, firstSignificant + count)).replace(/0+$/, '');
}

function splitFraction(magnitude: bigint, decimals: number): { integer: bigint; fraction: string } {
  const scale = 10n ** BigInt(decimals);
  return { integer: magnitude / scale, fraction: decimals === 0 ? '' : (magnitude % scale).toString().padStart(decimals, '0') };
}

interface LocaleNumerals {
  integerFormat: Intl.NumberFormat;
  decimalMark: string;
  /** The locale's glyph for each ASCII digit, so the fraction matches the grouped integer. */
  digitGlyphs: readonly string[];
}

const localeCache = new Map<string, LocaleNumerals>();

function numeralsFor(locale: string): LocaleNumerals {
  let numerals = localeCache.get(locale);
  if (!numerals) {
    const integerFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 0, useGrouping: true });
    const decimalMark = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
    const plain = new Intl.NumberFormat(locale, { useGrouping: false });
    const digitGlyphs = Array.from({ length: 10 }, (_, d) => plain.format(d));
    numerals = { integerFormat, decimalMark, digitGlyphs };
    localeCache.set(locale, numerals);
  }
  return numerals;
}

function localise(integer: bigint, fraction: string, locale: string): string {
  const numerals = numeralsFor(locale);
  // Intl formats bigint exactly; the fraction never went through Intl as a number.
  const integerText = numerals.integerFormat.format(integer);
  if (fraction === '') return integerText;
  const fractionText = Array.from(fraction, (d) => numerals.digitGlyphs[Number(d)] ?? d).join('');
  return integerText + numerals.decimalMark + fractionText;
}

/** Full-precision decimal string for CSV export and exact call previews: "1.000000001", "0", "-0.5". */
export function formatExact(value: bigint, decimals = TAO_DECIMALS): string {
  assertDecimals(decimals);
  const negative = value < 0n;
  const { integer, fraction } = splitFraction(negative ? -value : value, decimals);
  const trimmed = fraction.replace(/0+$/, '');
  return `${negative ? '-' : ''}${integer}${trimmed ? `.${trimmed}` : ''}`;
}

/**
 * Only for charts, ratios and sorting: the result is a float and loses precision above 2^53 rao
 * (~9 million TAO). Never feed it back into amounts or transactions.
 */
export function raoToNumber(value: bigint, decimals = TAO_DECIMALS): number {
  assertDecimals(decimals);
  const scale = 10n ** BigInt(decimals);
  // Split first so the fraction keeps its precision even when the integer part is large.
  return Number(value / scale) + Number(value % scale) / Number(scale);
}

export interface FormatUsdOptions {
  locale?: string;
  /** `$1.23K`-style (Intl compact notation, 3 significant digits). */
  compact?: boolean;
}

// Building an Intl.NumberFormat costs far more than using one: keep each one made.
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}

/**
 * USD values are estimates (price × amount), so Intl's own rounding is fine here.
 * A missing price says so ("no price") rather than showing a dash nobody can interpret.
 */
export function formatUsd(usd: number | null, opts: FormatUsdOptions = {}): string {
  if (usd === null || !Number.isFinite(usd)) return 'no price';
  const locale = opts.locale ?? 'en-US';
  if (opts.compact) {
    return numberFormat(locale, { style: 'currency', currency: 'USD', notation: 'compact', maximumSignificantDigits: 3 }).format(usd);
  }
  // Tiny nonzero values keep two significant digits instead of collapsing to $0.00.
  if (usd !== 0 && Math.abs(usd) < 0.01) {
    return numberFormat(locale, { style: 'currency', currency: 'USD', maximumSignificantDigits: 2 }).format(usd);
  }
  return numberFormat(locale, { style: 'currency', currency: 'USD' }).format(usd);
}

export interface FormatPercentOptions {
  /** Default 0: "12%". */
  maxFractionDigits?: number;
  locale?: string;
}

/** A ratio (0.1234) as a percentage; null or NaN means nothing was measured, which is not 0 %. */
export function formatPercent(ratio: number | null, opts: FormatPercentOptions = {}): string {
  if (ratio === null || !Number.isFinite(ratio)) return 'not observed';
  const maxFractionDigits = opts.maxFractionDigits ?? 0;
  assertDigitCount('maxFractionDigits', maxFractionDigits);
  return numberFormat(opts.locale ?? 'en-US', { style: 'percent', maximumFractionDigits: maxFractionDigits }).format(ratio);
}

// Prices are "rao of TAO per 1 alpha" (SwapRuntimeApi: price × 1e9) as bigint.

/** TAO value of an alpha amount at a price, rounded down (never overstates value). */
export function alphaToTao(alpha: bigint, priceRaoPerAlpha: bigint): bigint {
  assertNonNegative('alpha', alpha);
  assertNonNegative('price', priceRaoPerAlpha);
  return (alpha * priceRaoPerAlpha) / RAO_PER_TAO;
}

/**
 * rao of TAO → USD at a TAO/USD rate, or null without one. Display only: whole TAO and the remainder are
 * converted apart so a large balance keeps its cents.
 */
export function raoToUsd(rao: bigint, taoUsd: { usd: number } | null): number | null {
  if (!taoUsd) return null;
  const whole = Number(rao / RAO_PER_TAO);
  const fraction = Number(rao % RAO_PER_TAO) / Number(RAO_PER_TAO);
  return (whole + fraction) * taoUsd.usd;
}

export type BpsDirection = 'up' | 'down';

/**
 * value × (1 ± bps/10,000). Rounds toward `value` (floor going up, ceiling going down), so a limit
 * price is never looser than the tolerance the user chose.
 */
export function applyBps(value: bigint, bps: number | bigint, direction: BpsDirection): bigint {
  assertNonNegative('value', value);
  const basisPoints = typeof bps === 'bigint' ? bps : toBigIntBps(bps);
  if (basisPoints < 0n) throw new RangeError(`bps must not be negative, got ${basisPoints}`);
  if (direction === 'up') return (value * (BPS_PER_WHOLE + basisPoints)) / BPS_PER_WHOLE;
  if (basisPoints > BPS_PER_WHOLE) throw new RangeError(`cannot lower by more than 10000 bps (100 %), got ${basisPoints}`);
  const numerator = value * (BPS_PER_WHOLE - basisPoints);
  return (numerator + BPS_PER_WHOLE - 1n) / BPS_PER_WHOLE;
}

function toBigIntBps(bps: number): bigint {
  if (!Number.isInteger(bps)) throw new RangeError(`bps must be a whole number, got ${bps}`);
  return BigInt(bps);
}

function assertNonNegative(name: string, value: bigint): void {
  if (value < 0n) throw new RangeError(`${name} must not be negative, got ${value}`);
}

function assertDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 30) {
    throw new RangeError(`decimals must be a whole number from 0 to 30, got ${decimals}`);
  }
}

function assertDigitCount(name: string, digits: number): void {
  if (!Number.isInteger(digits) || digits < 0) throw new RangeError(`${name} must be a whole number ≥ 0, got ${digits}`);
}
