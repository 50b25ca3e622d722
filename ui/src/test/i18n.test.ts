import { describe, expect, it } from 'vitest';
import { nl } from '$lib/i18n/nl';
import { en } from '$lib/i18n/en';
import { dictionaries, formatDate, formatMinutes, formatMonth, formatNumber, setLanguage, label } from '$lib/i18n/index.svelte';
import { ERROR_CODES, VALIDATION_CODES, VOCABULARIES } from '$lib/vocab';

/** Every key path of a nested dictionary (arrays count as leaves with their length). */
function paths(o: unknown, prefix = ''): string[] {
  if (Array.isArray(o)) return [`${prefix}[${o.length}]`];
  if (typeof o === 'function') return [`${prefix}()${o.length}`];
  if (typeof o !== 'object' || o === null) return [prefix];
  return Object.keys(o)
    .sort()
    .flatMap((k) => paths((o as Record<string, unknown>)[k], prefix ? `${prefix}.${k}` : k));
}

function leaves(o: unknown): unknown[] {
  if (typeof o === 'object' && o !== null && !Array.isArray(o)) return Object.values(o).flatMap(leaves);
  if (Array.isArray(o)) return o;
  return [o];
}

describe('dictionaries', () => {
  it('nl and en have exactly the same keys (and function arities)', () => {
    expect(paths(en)).toEqual(paths(nl));
  });

  it('has no empty texts', () => {
    for (const d of [nl, en]) {
      for (const v of leaves(d)) {
        if (typeof v === 'string') expect(v.trim()).not.toBe('');
      }
    }
  });

  it.each(['nl', 'en'] as const)('labels every vocabulary code in %s', (lang) => {
    const d = dictionaries[lang];
    for (const [vocabulary, codes] of Object.entries(VOCABULARIES)) {
      const labels = d.vocab[vocabulary as keyof typeof d.vocab] as Record<string, string>;
      expect(Object.keys(labels).sort()).toEqual([...codes].sort());
      for (const code of codes) expect(labels[code], `${lang} ${vocabulary}.${code}`).toBeTruthy();
    }
  });

  it.each(['nl', 'en'] as const)('labels every ErrorCode and ValidationCode in %s', (lang) => {
    const d = dictionaries[lang];
    expect(Object.keys(d.errors).sort()).toEqual([...ERROR_CODES].sort());
    expect(Object.keys(d.validation).sort()).toEqual([...VALIDATION_CODES].sort());
    for (const c of ERROR_CODES) expect(d.errors[c]).toBeTruthy();
    for (const c of VALIDATION_CODES) expect(d.validation[c]).toBeTruthy();
  });

  it('uses the agreed Dutch texts', () => {
    expect(nl.errors.wrong_passphrase).toBe(
      'Deze wachtwoordzin klopt niet. Probeer het opnieuw of gebruik je herstelsleutel.',
    );
    expect(nl.validation.duplicate).toBe('Deze naam is al in gebruik.');
    expect(nl.nav.lockTooltip).toBe('Vergrendelen (Ctrl+L)');
    expect(nl.common.saveState).toEqual({ saved: 'Opgeslagen', saving: 'Opslaan...', error: 'Opslaan mislukt' });
    expect(nl.organisations.empty).toBe('Nog geen organisaties. Voeg de eerste toe.');
  });
});

describe('formatting', () => {
  it('formats dates per language', () => {
    setLanguage('nl');
    expect(formatDate('2026-03-12')).toBe('12 mrt 2026');
    expect(formatDate('2026-05-01')).toBe('1 mei 2026');
    expect(formatDate(null)).toBe('—');
    expect(formatMonth(2026, 3)).toBe('maart 2026');
    setLanguage('en');
    expect(formatDate('2026-03-12')).toBe('12 Mar 2026');
    expect(label('contact_type', 'consult')).toBe('Consultation');
    setLanguage('nl');
    expect(label('contact_type', 'consult')).toBe('Consult');
  });

  it('formats numbers per language and minutes as H:MM', () => {
    setLanguage('nl');
    expect(formatNumber(12345)).toBe('12.345');
    setLanguage('en');
    expect(formatNumber(12345)).toBe('12,345');
    setLanguage('nl');
    expect(formatMinutes(90)).toBe('1:30');
    expect(formatMinutes(5)).toBe('0:05');
    expect(formatMinutes(0)).toBe('0:00');
    expect(formatMinutes(605)).toBe('10:05');
  });
});
