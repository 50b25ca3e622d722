// Amounts, quantities and rates between the advisor's typing and the core's integers: euro
// cents, thousandths of a quantity, VAT in basis points (2100 = 21%). The core computes every
// total; this only reads and shows numbers.
import { getLanguage } from './i18n/index.svelte';

/**
 * Reads a decimal number typed the Dutch or the English way as an integer scaled by 10^places:
 * "1.234,50", "1234,5", "1,234.50" and "1234.50" are all 1234.50. With both separators the last
 * one is the decimal mark; a lone "." followed by exactly three digits groups thousands
 * ("1.200" is 1200, as a Dutch reader means it; "0.333" is still a decimal). Null when it is not such a number, has more
 * decimals than `places`, or is negative while `negative` is false.
 */
export function parseDecimal(text: string, places: number, negative = false): number | null {
  let s = text.trim().replace(/\s|€/g, '');
  if (s === '') return null;
  let sign = 1;
  if (s.startsWith('-')) {
    if (!negative) return null;
    sign = -1;
    s = s.slice(1);
  }
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  let decimalMark: string | null = null;
  if (lastComma >= 0 && lastDot >= 0) decimalMark = lastComma > lastDot ? ',' : '.';
  else if (lastComma >= 0) decimalMark = s.indexOf(',') === lastComma ? ',' : null;
  else if (lastDot >= 0) {
    const single = s.indexOf('.') === lastDot;
    const grouping = !single || (s.length - lastDot - 1 === 3 && !s.startsWith('0.'));
    decimalMark = grouping ? null : '.';
  }
  const group = decimalMark === ',' ? '.' : decimalMark === '.' ? ',' : lastComma >= 0 ? ',' : '.';
  const parts = decimalMark ? s.split(decimalMark) : [s];
  if (parts.length > 2) return null;
  const [whole, frac = ''] = parts;
  const groups = whole.split(group);
  if (groups.length > 1 && !groups.slice(1).every((g) => /^\d{3}$/.test(g))) return null;
  const digits = groups.join('');
  if (!/^\d+$/.test(digits) || !/^\d*$/.test(frac) || frac.length > places) return null;
  const value = Number(digits) * 10 ** places + Number(frac.padEnd(places, '0') || '0');
  return Number.isSafeInteger(value) ? sign * value : null;
}

/** Cents from typed euros (never negative); null when unreadable. */
export const parseEuro = (text: string): number | null => parseDecimal(text, 2);
/** Thousandths from a typed quantity (a negative quantity is a deduction). */
export const parseQuantity = (text: string): number | null => parseDecimal(text, 3, true);
/** Basis points from a typed percentage. */
export const parsePercent = (text: string): number | null => parseDecimal(text, 2);

function plain(value: number, places: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const scale = 10 ** places;
  const whole = Math.trunc(abs / scale);
  const frac = String(abs % scale)
    .padStart(places, '0')
    .replace(/0+$/, '');
  const mark = getLanguage() === 'nl' ? ',' : '.';
  return frac ? `${sign}${whole}${mark}${frac}` : `${sign}${whole}`;
}

/** Cents as the advisor types them back ("1200,5" in Dutch); empty for 0 when `emptyZero`. */
export function euroInput(cents: number, emptyZero = false): string {
  if (cents === 0 && emptyZero) return '';
  return plain(cents, 2);
}
/** Thousandths as typed ("1,5"). */
export const quantityInput = (milli: number): string => plain(milli, 3);
/** Basis points as a typed percentage ("21", "5,5"). */
export const percentInput = (bp: number): string => plain(bp, 2);

/** An amount as shown: "€ 1.234,50" in Dutch, "€1,234.50" in English. */
export function formatEuro(cents: number): string {
  const locale = getLanguage() === 'nl' ? 'nl-NL' : 'en-GB';
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(cents / 100);
}
