// Editing an import mapping in the screen: pure functions over the core's `Mapping`, so the
// steps stay thin and the rules are tested on their own. The core checks the mapping again.
import { categoryLabel, label } from './i18n/index.svelte';
import { VOCABULARIES } from './vocab';
import type { Category, Field, Mapping, Organisation, ValueReview } from './types';

export const FIELDS: readonly Field[] = [
  'organisation',
  'opened_on',
  'closed_on',
  'contact_type',
  'categories',
  'relation',
  'reporter_role',
  'outcome',
  'minutes',
  'notes',
];

/** Fields every row needs: from a column or (coded fields) a default. */
export const REQUIRED: readonly Field[] = ['organisation', 'opened_on', 'contact_type'];
/** Fields whose values become codes. */
export const CODED: readonly Field[] = ['organisation', 'contact_type', 'categories', 'relation', 'reporter_role', 'outcome'];

/** The field a column is mapped to, or '' for none. */
export function fieldOfColumn(mapping: Mapping, letter: string): Field | '' {
  for (const f of FIELDS) {
    if (mapping.columns[f]?.includes(letter)) return f;
  }
  return '';
}

/** Maps a column to a field (or to nothing). A field that takes one column moves here from any
 * other column; categories may have several. */
export function setColumnField(mapping: Mapping, letter: string, field: Field | ''): Mapping {
  const columns: Partial<Record<Field, string[]>> = {};
  for (const f of FIELDS) {
    const cols = (mapping.columns[f] ?? []).filter((c) => c !== letter);
    if (cols.length > 0 && !(f === field && f !== 'categories')) columns[f] = cols;
  }
  if (field !== '') columns[field] = [...(columns[field] ?? []), letter].sort(byColumn);
  return { ...mapping, columns };
}

function byColumn(a: string, b: string): number {
  return a.length - b.length || a.localeCompare(b);
}

/** Sets or clears a field's default. */
export function setDefault(mapping: Mapping, field: Field, code: string): Mapping {
  const defaults = { ...mapping.defaults };
  if (code === '') delete defaults[field];
  else defaults[field] = code;
  return { ...mapping, defaults };
}

/** Required fields with neither a column nor a default. */
export function missingRequired(mapping: Mapping): Field[] {
  return REQUIRED.filter((f) => !(mapping.columns[f]?.length) && !(CODED.includes(f) && mapping.defaults[f]));
}

/** The code a value is mapped to in the mapping ('' when it has an empty entry), or undefined. */
export function valueEntry(mapping: Mapping, field: Field, value: string): string | undefined {
  return mapping.values[field]?.[value];
}

/** Maps a value to a code ('' marks it as known but still without one). */
export function setValue(mapping: Mapping, field: Field, value: string, code: string): Mapping {
  const values = { ...mapping.values, [field]: { ...(mapping.values[field] ?? {}), [value]: code } };
  return { ...mapping, values };
}

/** What a reviewed value means now: its entry in the mapping, else what the core resolved. */
export function currentCode(mapping: Mapping, v: ValueReview): string {
  const entry = valueEntry(mapping, v.field, v.value);
  return entry !== undefined ? entry : (v.mapped ?? '');
}

/** Values with a suggestion that is not what they mean now. */
export function openSuggestions(mapping: Mapping, reviews: ValueReview[]): ValueReview[] {
  return reviews.filter((v) => v.suggestion && currentCode(mapping, v) === '');
}

/** Accepts every open suggestion. */
export function acceptSuggestions(mapping: Mapping, reviews: ValueReview[]): Mapping {
  return openSuggestions(mapping, reviews).reduce((m, v) => setValue(m, v.field, v.value, v.suggestion ?? ''), mapping);
}

/** How many values still have no code. */
export function valuesWithoutCode(mapping: Mapping, reviews: ValueReview[]): number {
  return reviews.filter((v) => currentCode(mapping, v) === '').length;
}

/** The mapping to start from: the draft's columns with no value suggestions accepted (the
 * advisor confirms those in the values step), or the saved one. */
export function startingMapping(draft: Mapping, saved: Mapping | undefined, useSaved: boolean): Mapping {
  if (useSaved && saved) return { ...saved, sheet: draft.sheet, header_row: draft.header_row };
  return { ...draft, values: {} };
}

/** The codes a coded field can take, with their labels (organisations by name). */
export function targets(field: Field, orgs: Organisation[], cats: Category[]): { code: string; label: string }[] {
  switch (field) {
    case 'organisation':
      return orgs.filter((o) => !o.archived).map((o) => ({ code: o.name, label: o.name }));
    case 'categories':
      return cats.filter((c) => c.active).map((c) => ({ code: c.code, label: categoryLabel(c, c.code) }));
    case 'contact_type':
    case 'relation':
    case 'reporter_role':
    case 'outcome':
      return (VOCABULARIES[field] as readonly string[]).map((code) => ({ code, label: label(field, code) }));
    default:
      return [];
  }
}
