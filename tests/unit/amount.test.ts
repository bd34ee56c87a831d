import { describe, expect, it } from 'vitest';
import {
  RAO_PER_TAO,
  U64_MAX,
  alphaToTao,
  applyBps,
  formatAmount,
  formatExact,
  formatPercent,
  formatUsd,
  parseAmount,
  raoToNumber,
  type Unit,
} from '@/lib/units/amount';

const TAO: Unit = 'TAO';
const CHUTES: Unit = { symbol: 'CHUTES' };
const tao = (whole: bigint | number) => BigInt(whole) * RAO_PER_TAO;

function parsed(input: string, decimals?: number): bigint {
  const result = parseAmount(input, decimals);
  if (!result.ok) throw new Error(`expected "${input}" to parse, got: ${result.error}`);
  return result.value;
}

function refusal(input: string, decimals?: number, unitLabel?: string): string {
  const result = parseAmount(input, decimals, unitLabel);
  if (result.ok) throw new Error(`expected "${input}" to be refused, got ${result.value}`);
  return result.error;
}

describe('parseAmount accepts', () => {
  it.each([
    ['1', 1_000_000_000n],
    ['1.5', 1_500_000_000n],
    ['.5', 500_000_000n],
    ['0.5', 500_000_000n],
    ['1.', 1_000_000_000n],
    ['0', 0n],
    ['0.000000001', 1n],
    ['007', 7_000_000_000n],
    ['1,000.25', 1_000_250_000_000n],
    ['1,000', 1_000_000_000_000n],
    ['12,345,678.123456789', 12_345_678_123_456_789n],
    ['  2  ', 2_000_000_000n],
    ['\t3.25\n', 3_250_000_000n],
    ['\u00a04\u00a0', 4_000_000_000n],
    ['1000', 1_000_000_000_000n],
    ['18446744073.709551615', U64_MAX],
    ['18,446,744,073.709551615', U64_MAX],
  ])('%j → %s rao', (input, expected) => {
    expect(parsed(input)).toBe(expected);
  });

  it('uses the given number of decimals', () => {
    expect(parsed('1.5', 6)).toBe(1_500_000n);
    expect(parsed('42', 0)).toBe(42n);
    expect(parsed('42.', 0)).toBe(42n);
  });
});

describe('parseAmount refuses, with a message a person can act on', () => {
  it.each([
    ['', 'enter an amount'],
    ['   ', 'enter an amount'],
    ['-1', 'the amount cannot be negative'],
    ['-0.5', 'the amount cannot be negative'],
    ['\u22121', 'the amount cannot be negative'],
    ['1e5', 'write the number in full, without exponent notation like 1e3'],
    ['1.5E-3', 'write the number in full, without exponent notation like 1e3'],
    ['1.0000000001', 'too many decimals: TAO has 9'],
    ['0.0000000000', 'too many decimals: TAO has 9'],
    ['1..2', 'the amount has more than one decimal point'],
    ['1.2.3', 'the amount has more than one decimal point'],
    ['abc', 'unexpected character "a": use digits, one decimal point and commas between thousands'],
    ['12abc', 'unexpected character "a": use digits, one decimal point and commas between thousands'],
    ['τ1', 'unexpected character "τ": use digits, one decimal point and commas between thousands'],
    ['+5', 'unexpected character "+": use digits, one decimal point and commas between thousands'],
    ['0x10', 'unexpected character "x": use digits, one decimal point and commas between thousands'],
    ['NaN', '"NaN" is not a number'],
    ['nan', '"nan" is not a number'],
    ['Infinity', '"Infinity" is not a number'],
    ['-Infinity', '"-Infinity" is not a number'],
    ['inf', '"inf" is not a number'],
    ['1 000', 'remove the space inside the number'],
    ['1,00', 'commas must separate thousands, as in 1,000.25'],
    ['1,000,00.5', 'commas must separate thousands, as in 1,000.25'],
    [',5', 'commas must separate thousands, as in 1,000.25'],
    ['1000,000', 'commas must separate thousands, as in 1,000.25'],
    ['1,,000', 'commas must separate thousands, as in 1,000.25'],
    ['1.000,5', 'use a dot as the decimal point and commas only between thousands'],
    ['.', 'enter a number'],
    ['18446744073.709551616', 'the amount is too large: the most the chain can hold is 18446744073.709551615'],
    ['99999999999999999999', 'the amount is too large: the most the chain can hold is 18446744073.709551615'],
  ])('%j → %j', (input, message) => {
    expect(refusal(input)).toBe(message);
  });

  it('names the unit in the decimals message', () => {
    expect(refusal('1.1234567891', 9, 'CHUTES')).toBe('too many decimals: CHUTES has 9');
    expect(refusal('1.1234567', 6)).toBe('too many decimals: this unit has 6');
    expect(refusal('1.5', 0, 'units')).toBe('too many decimals: units has 0');
  });

  it('checks the u64 limit in base units of the given decimals', () => {
    expect(parsed('18446744073709551615', 0)).toBe(U64_MAX);
    expect(refusal('18446744073709551616', 0)).toBe('the amount is too large: the most the chain can hold is 18446744073709551615');
  });

  it('refuses impossible decimals as a programming error', () => {
    expect(() => parseAmount('1', -1)).toThrow(RangeError);
    expect(() => parseAmount('1', 1.5)).toThrow(RangeError);
  });
});

describe('formatExact', () => {
  it.each([
    [0n, '0'],
    [1n, '0.000000001'],
    [1_000_000_001n, '1.000000001'],
    [1_500_000_000n, '1.5'],
    [tao(42), '42'],
    [-500_000_000n, '-0.5'],
    [-1n, '-0.000000001'],
    [U64_MAX, '18446744073.709551615'],
    [2n ** 128n, '340282366920938463463374607431.768211456'],
  ])('%s rao → %s', (value, expected) => {
    expect(formatExact(value)).toBe(expected);
  });

  it('uses the given decimals', () => {
    expect(formatExact(1_500_000n, 6)).toBe('1.5');
    expect(formatExact(42n, 0)).toBe('42');
  });

  it('round-trips with parseAmount', () => {
    for (const value of [0n, 1n, 10n, 999_999_999n, 1_000_000_000n, 123_456_789_012_345n, U64_MAX - 1n, U64_MAX]) {
      expect(parsed(formatExact(value))).toBe(value);
    }
  });
});

describe('formatAmount', () => {
  it('prefixes TAO with τ and suffixes alpha with its symbol', () => {
    expect(formatAmount(1_234_567_800_000n, { unit: TAO })).toBe('τ1,234.5678');
    expect(formatAmount(12_340_000_000n, { unit: CHUTES })).toBe('12.34 CHUTES');
    expect(formatAmount(12_340_000_000n, { unit: CHUTES, minFractionDigits: 4 })).toBe('12.3400 CHUTES');
    expect(formatAmount(12_340_000_000n, { unit: { symbol: 'α' } })).toBe('12.34 α');
  });

  it('truncates toward zero, never rounding a balance up', () => {
    expect(formatAmount(1_999_999_999n, { unit: TAO })).toBe('τ1.9999');
    expect(formatAmount(1_999_999_999n, { unit: TAO, maxFractionDigits: 0 })).toBe('τ1');
    expect(formatAmount(999_999_999_999n, { unit: TAO, maxFractionDigits: 2 })).toBe('τ999.99');
    expect(formatAmount(-1_999_999_999n, { unit: TAO, maxFractionDigits: 2 })).toBe('-τ1.99');
  });

  it('formats zero, one rao and u64::MAX exactly', () => {
    expect(formatAmount(0n, { unit: TAO })).toBe('τ0');
    expect(formatAmount(0n, { unit: TAO, minFractionDigits: 2 })).toBe('τ0.00');
    expect(formatAmount(1n, { unit: TAO })).toBe('τ0.000000001');
    expect(formatAmount(U64_MAX, { unit: TAO, maxFractionDigits: 9 })).toBe('τ18,446,744,073.709551615');
    expect(formatAmount(U64_MAX, { unit: TAO })).toBe('τ18,446,744,073.7095');
    expect(formatAmount(2n ** 70n, { unit: TAO, maxFractionDigits: 9 })).toBe('τ1,180,591,620,717.411303424');
  });

  it('never shows a nonzero amount as zero: two significant digits instead', () => {
    expect(formatAmount(12_345n, { unit: TAO })).toBe('τ0.000012');
    expect(formatAmount(100_000n, { unit: TAO })).toBe('τ0.0001');
    expect(formatAmount(50_000n, { unit: TAO })).toBe('τ0.00005');
    expect(formatAmount(123_456n, { unit: TAO })).toBe('τ0.0001');
    expect(formatAmount(12_345n, { unit: CHUTES, maxFractionDigits: 0 })).toBe('0.000012 CHUTES');
    expect(formatAmount(-12_345n, { unit: TAO })).toBe('-τ0.000012');
  });

  it('trims trailing zeros down to minFractionDigits', () => {
    expect(formatAmount(1_500_000_000n, { unit: TAO })).toBe('τ1.5');
    expect(formatAmount(tao(2), { unit: TAO })).toBe('τ2');
    expect(formatAmount(tao(2), { unit: TAO, minFractionDigits: 2 })).toBe('τ2.00');
    expect(formatAmount(1_500_000_000n, { unit: TAO, minFractionDigits: 9, maxFractionDigits: 9 })).toBe('τ1.500000000');
    // min above max is capped at max rather than showing digits that were truncated away.
    expect(formatAmount(1_500_000_000n, { unit: TAO, minFractionDigits: 6, maxFractionDigits: 2 })).toBe('τ1.50');
    expect(formatAmount(1_500_000_000n, { unit: TAO, maxFractionDigits: 20 })).toBe('τ1.5');
  });

  it('signs negatives before the unit and positives only when asked', () => {
    expect(formatAmount(-1_500_000_000n, { unit: TAO })).toBe('-τ1.5');
    expect(formatAmount(-1_500_000_000n, { unit: CHUTES })).toBe('-1.5 CHUTES');
    expect(formatAmount(tao(5), { unit: TAO, sign: true })).toBe('+τ5');
    expect(formatAmount(tao(5), { unit: CHUTES, sign: true })).toBe('+5 CHUTES');
    expect(formatAmount(0n, { unit: TAO, sign: true })).toBe('τ0');
    expect(formatAmount(-tao(5), { unit: TAO, sign: true })).toBe('-τ5');
  });

  it('groups and marks decimals per locale', () => {
    expect(formatAmount(1_234_567_800_000n, { unit: TAO, locale: 'de-DE' })).toBe('τ1.234,5678');
    expect(formatAmount(1_234_567_800_000n, { unit: CHUTES, locale: 'de-DE' })).toBe('1.234,5678 CHUTES');
    expect(formatAmount(U64_MAX, { unit: TAO, locale: 'de-DE', maxFractionDigits: 9 })).toBe('τ18.446.744.073,709551615');
    expect(formatAmount(1_234_567_800_000n, { unit: TAO, locale: 'en-IN' })).toBe('τ1,234.5678');
    expect(formatAmount(123_456_789_000_000_000n, { unit: TAO, locale: 'en-IN' })).toBe('τ12,34,56,789');
    expect(formatAmount(1_234_567_800_000n, { unit: TAO, locale: 'fr-FR' })).toBe('τ1\u202f234,5678');
    // The fraction uses the locale's digits too, so the number reads as one.
    expect(formatAmount(1_234_567_800_000n, { unit: TAO, locale: 'ar-EG' })).toBe('τ١٬٢٣٤٫٥٦٧٨');
  });

  it('supports other decimals', () => {
    expect(formatAmount(1_234_567n, { unit: { symbol: 'USDC' }, decimals: 6, maxFractionDigits: 6 })).toBe('1.234567 USDC');
    expect(formatAmount(1_234n, { unit: { symbol: 'X' }, decimals: 0 })).toBe('1,234 X');
  });

  it('refuses nonsense digit counts', () => {
    expect(() => formatAmount(1n, { unit: TAO, maxFractionDigits: -1 })).toThrow(RangeError);
    expect(() => formatAmount(1n, { unit: TAO, minFractionDigits: 1.5 })).toThrow(RangeError);
  });
});

describe('formatAmount compact (badges)', () => {
  it.each([
    [0n, 'τ0'],
    [1n, 'τ0.000000001'],
    [21_300_000n, 'τ0.021'],
    [21_399_999n, 'τ0.021'],
    [120_000n, 'τ0.00012'],
    [123_456n, 'τ0.00012'],
    [500_000_000n, 'τ0.5'],
    [999_999_999n, 'τ0.99'],
    [tao(1), 'τ1'],
    [1_234_567_890n, 'τ1.23'],
    [12_345_678_900n, 'τ12.3'],
    [458_700_000_000n, 'τ458'],
    [999_999_999_999n, 'τ999'],
    [tao(1_000), 'τ1k'],
    [tao(1_050), 'τ1.05k'],
    [tao(12_345), 'τ12.3k'],
    [tao(999_999), 'τ999k'],
    [tao(1_000_000), 'τ1M'],
    [tao(1_200_000), 'τ1.2M'],
    [tao(1_239_999), 'τ1.23M'],
    [tao(21_000_000), 'τ21M'],
    [tao(1_500_000_000), 'τ1.5B'],
    [U64_MAX, 'τ18.4B'],
    [tao(2_000_000_000_000), 'τ2T'],
    [tao(5_000_000_000_000_000n), 'τ5,000T'],
  ])('%s rao → %s', (value, expected) => {
    expect(formatAmount(value, { unit: TAO, compact: true })).toBe(expected);
  });

  it('carries the alpha symbol, sign and locale', () => {
    expect(formatAmount(tao(12_345), { unit: CHUTES, compact: true })).toBe('12.3k CHUTES');
    expect(formatAmount(-tao(12_345), { unit: TAO, compact: true })).toBe('-τ12.3k');
    expect(formatAmount(tao(12_345), { unit: TAO, compact: true, sign: true })).toBe('+τ12.3k');
    expect(formatAmount(tao(12_345), { unit: TAO, compact: true, locale: 'de-DE' })).toBe('τ12,3k');
    expect(formatAmount(21_300_000n, { unit: TAO, compact: true, locale: 'de-DE' })).toBe('τ0,021');
  });

  it('ignores fraction-digit options', () => {
    expect(formatAmount(tao(12_345), { unit: TAO, compact: true, maxFractionDigits: 0, minFractionDigits: 4 })).toBe('τ12.3k');
  });
});

describe('formatUsd', () => {
  it('says "no price" instead of a blank or a dash', () => {
    expect(formatUsd(null)).toBe('no price');
    expect(formatUsd(Number.NaN)).toBe('no price');
    expect(formatUsd(Number.POSITIVE_INFINITY)).toBe('no price');
  });

  it('formats currency per locale', () => {
    expect(formatUsd(1234.5)).toBe('$1,234.50');
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(-5.5)).toBe('-$5.50');
    expect(formatUsd(1234.5, { locale: 'de-DE' })).toBe('1.234,50\u00a0$');
  });

  it('keeps two significant digits for tiny nonzero values', () => {
    expect(formatUsd(0.00123)).toBe('$0.0012');
    expect(formatUsd(0.009)).toBe('$0.009');
  });

  it('has a compact form', () => {
    expect(formatUsd(1234.5, { compact: true })).toBe('$1.23K');
    expect(formatUsd(1_234_567, { compact: true })).toBe('$1.23M');
    expect(formatUsd(12.345, { compact: true })).toBe('$12.3');
    expect(formatUsd(458, { compact: true })).toBe('$458');
  });
});

describe('formatPercent', () => {
  it('says "not observed" when nothing was measured', () => {
    expect(formatPercent(null)).toBe('not observed');
    expect(formatPercent(Number.NaN)).toBe('not observed');
  });

  it('formats ratios as percentages', () => {
    expect(formatPercent(0.1234)).toBe('12%');
    expect(formatPercent(0.1234, { maxFractionDigits: 1 })).toBe('12.3%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(3.5)).toBe('350%');
    expect(formatPercent(0.1234, { locale: 'de-DE', maxFractionDigits: 1 })).toBe('12,3\u00a0%');
  });
});

describe('raoToNumber (charts and ratios only)', () => {
  it('converts with the fraction intact', () => {
    expect(raoToNumber(1_500_000_000n)).toBe(1.5);
    expect(raoToNumber(1n)).toBe(1e-9);
    expect(raoToNumber(0n)).toBe(0);
    expect(raoToNumber(-2_500_000_000n)).toBe(-2.5);
    expect(raoToNumber(1_500_000n, 6)).toBe(1.5);
    expect(raoToNumber(U64_MAX)).toBeCloseTo(18_446_744_073.70955, 4);
  });
});

describe('price helpers', () => {
  const price = 25_000_000n; // 0.025 TAO per alpha

  it('alphaToTao floors', () => {
    expect(alphaToTao(tao(100), price)).toBe(tao(100) / 40n);
    expect(alphaToTao(tao(100), price)).toBe(2_500_000_000n);
    expect(alphaToTao(1n, price)).toBe(0n);
    expect(alphaToTao(41n, price)).toBe(1n);
    expect(alphaToTao(tao(7), RAO_PER_TAO)).toBe(tao(7)); // root: price fixed at 1
    expect(alphaToTao(0n, price)).toBe(0n);
    expect(alphaToTao(tao(1), 0n)).toBe(0n);
    expect(alphaToTao(U64_MAX, U64_MAX)).toBe((U64_MAX * U64_MAX) / RAO_PER_TAO);
  });

  it('refuses negative amounts', () => {
    expect(() => alphaToTao(-1n, price)).toThrow('alpha must not be negative, got -1');
  });

  it('applyBps moves a price by basis points, rounding toward the original', () => {
    expect(applyBps(price, 50, 'up')).toBe(25_125_000n);
    expect(applyBps(price, 50, 'down')).toBe(24_875_000n);
    expect(applyBps(price, 50n, 'up')).toBe(25_125_000n);
    expect(applyBps(price, 0, 'up')).toBe(price);
    expect(applyBps(price, 0, 'down')).toBe(price);
    expect(applyBps(price, 10_000, 'down')).toBe(0n);
    expect(applyBps(price, 10_000, 'up')).toBe(2n * price);
    // 1,001 × 1.005 = 1,006.005 → 1,006 (floor); 1,001 × 0.995 = 995.995 → 996 (ceiling).
    expect(applyBps(1_001n, 50, 'up')).toBe(1_006n);
    expect(applyBps(1_001n, 50, 'down')).toBe(996n);
  });

  it('a limit price up by the tolerance stays exact at the top of u64', () => {
    expect(applyBps(U64_MAX, 100, 'up')).toBe((U64_MAX * 10_100n) / 10_000n);
  });

  it('applyBps refuses nonsense', () => {
    expect(() => applyBps(price, -1, 'up')).toThrow('bps must not be negative, got -1');
    expect(() => applyBps(price, 0.5, 'up')).toThrow('bps must be a whole number, got 0.5');
    expect(() => applyBps(price, 10_001, 'down')).toThrow('cannot lower by more than 10000 bps (100 %), got 10001');
    expect(() => applyBps(-1n, 50, 'up')).toThrow(RangeError);
  });
});
