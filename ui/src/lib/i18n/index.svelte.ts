// The current language and the formatting helpers. `t()` is reactive: components that read it
// re-render when the language changes at runtime.
import { nl, type Dict } from './nl';
import { en } from './en';
import type { Category, ErrorCode, IpcError, Language, ValidationCode } from '../types';
import type { VocabularyName } from '../vocab';

export type { Dict } from './nl';

export const dictionaries: Record<Language, Dict> = { nl, en };

const state = $state<{ lang: Language }>({ lang: 'nl' });

/** The dictionary of the current language. */
export function t(): Dict {
  return dictionaries[state.lang];
}

export function getLanguage(): Language {
  return state.lang;
}

export function setLanguage(lang: Language): void {
  state.lang = lang === 'en' ? 'en' : 'nl';
  if (typeof document !== 'undefined') document.documentElement.lang = state.lang;
}

/** Label of a vocabulary code in the current language; the code itself if unknown. */
export function label<V extends VocabularyName>(vocabulary: V, code: string | null | undefined): string {
  if (code === null || code === undefined) return t().common.none;
  const labels = t().vocab[vocabulary] as Record<string, string>;
  return labels[code] ?? code;
}

/** A category's label in the current language. */
export function categoryLabel(c: Category | undefined, code: string): string {
  if (!c) return code;
  return state.lang === 'en' ? c.label_en : c.label_nl;
}

/** The user-facing text for an error: always from the dictionary, never the backend message. */
export function errorText(err: IpcError | ErrorCode): string {
  const code = typeof err === 'string' ? err : err.code;
  return t().errors[code] ?? t().errors.internal;
}

/** The text for a field validation code. */
export function validationText(code: ValidationCode): string {
  return t().validation[code] ?? t().errors.validation;
}

// ---- dates and numbers ----

/** Parses "YYYY-MM-DD" without time-zone surprises. */
export function parseIsoDate(iso: string): { y: number; m: number; d: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

/** "12 mrt 2026" / "12 Mar 2026"; the dash for no date. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return t().common.none;
  const p = parseIsoDate(iso);
  if (!p) return iso;
  return `${p.d} ${t().monthsShort[p.m - 1]} ${p.y}`;
}

/** "maart 2026" / "March 2026". */
export function formatMonth(year: number, month: number): string {
  return `${t().months[month - 1]} ${year}`;
}

/** Numbers with the grouping of the current language. */
export function formatNumber(n: number): string {
  return new Intl.NumberFormat(state.lang === 'en' ? 'en-GB' : 'nl-NL').format(n);
}

/** Minutes as H:MM, e.g. 90 → "1:30", 5 → "0:05". */
export function formatMinutes(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  const m = Math.abs(Math.round(minutes));
  return `${sign}${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
}
