import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../lib/i18n/index.svelte';
import { euroInput, formatEuro, parseDecimal, parseEuro, parsePercent, parseQuantity, quantityInput } from '../lib/money';

describe('typed amounts become integers the core computes with', () => {
  afterEach(() => setLanguage('nl'));

  it('reads euros written the Dutch or the English way', () => {
    for (const [typed, cents] of [
      ['1200', 120_000],
      ['1200,5', 120_050],
      ['1.234,50', 123_450],
      ['1,234.50', 123_450],
      ['1234.50', 123_450],
      ['1.200', 120_000],
      ['€ 95,00', 9_500],
      ['0,07', 7],
    ] as const) {
      expect(parseEuro(typed), `${typed} is ${cents} cents`).toBe(cents);
    }
  });

  it('refuses what is not an amount instead of guessing', () => {
    for (const typed of ['', 'abc', '12,3,4', '1,2345', '-5', '12.34.5', '1.23,4.5', '12,345']) {
      expect(parseEuro(typed), `${JSON.stringify(typed)} is not an amount`).toBeNull();
    }
  });

  it('reads a negative quantity as a deduction, with up to three decimals', () => {
    expect(parseQuantity('1,5')).toBe(1_500);
    expect(parseQuantity('-2')).toBe(-2_000);
    expect(parseQuantity('0.333')).toBe(333);
    expect(parseQuantity('0,3333'), 'four decimals are refused').toBeNull();
    expect(parsePercent('21')).toBe(2_100);
    expect(parsePercent('5,5')).toBe(550);
    expect(parseDecimal('99999999999999999', 2), 'beyond a safe integer').toBeNull();
  });

  it('writes numbers back as the advisor types them, in their language', () => {
    setLanguage('nl');
    expect(euroInput(120_050)).toBe('1200,5');
    expect(euroInput(0, true), 'an unset fee shows empty').toBe('');
    expect(quantityInput(-1_500)).toBe('-1,5');
    expect(formatEuro(123_450).replace(/\s/g, ' ')).toBe('€ 1.234,50');
    setLanguage('en');
    expect(euroInput(120_050)).toBe('1200.5');
    expect(formatEuro(123_450)).toBe('€1,234.50');
    for (const cents of [0, 7, 9_500, 123_456, 100_000_000]) {
      expect(parseEuro(euroInput(cents)), `${cents} survives a round trip`).toBe(cents);
    }
  });
});
