// English texts of the Betrokkenen card (the shape of parties.nl.ts).
import type { PartiesDict } from './parties.nl';

export const partiesEn: PartiesDict = {
  section: 'Parties',
  intro: 'Who is involved in this case. Kept only in the vault: never in a report, a log line or a file name.',
  saveFirst: 'You can add parties once the case file is saved (choose an organisation first).',
  empty: 'No parties recorded yet.',
  loading: 'Loading parties…',
  role: {
    melder: 'Reporter',
    beschuldigde: 'Accused',
    getuige: 'Witness',
    leidinggevende: 'Manager',
    anders: 'Other',
  },
  roleLabel: 'Role',
  colName: 'Name',
  colFunction: 'Function or department',
  name: 'Name or description',
  nameHelp: 'A name, or a description such as ‘team leader B’.',
  function: 'Function or department (optional)',
  add: 'Add party',
  remove: 'Remove',
  removeTitle: 'Remove party?',
  removeBody: (role: string) =>
    `The party (${role.toLowerCase()}) is removed from this case file. Earlier decisions on conflicts of interest remain.`,
  supports: 'You support',
  supportsSide: {
    melder: 'the reporter',
    beschuldigde: 'the accused',
  },
  supportsHelp:
    'Usually the reporter. If you support the accused, choose that: an access export then names only the person you support.',
  possibleMatch: 'elsewhere too?',
  conflict: {
    title: 'Possible conflict of interest',
    intro:
      'These parties may also appear in other case files. Consider whether you can stay independent and record your decision before you go on.',
    matchIn: (role: string, number: string, organisation: string) =>
      `${role.toLowerCase()} in ${number} (${organisation})`,
    surnameOnly: 'only the surname agrees',
    decision: 'Your decision',
    decisions: {
      geen_conflict: 'No conflict',
      doorverwijzen: 'Refer to a colleague',
    },
    decidedOn: 'Date of the decision',
    record: 'Record decision',
    leave: 'Back to case files',
    decided: 'decided',
    undecided: 'no decision yet',
    recorded: (decision: string, date: string) => `Decision on conflict of interest: ${decision} (${date}).`,
  },
  links: {
    heading: 'Linked case files',
    empty: 'No linked case files.',
    kind: {
      zelfde_beschuldigde: 'Same accused',
      zelfde_incident: 'Same incident',
      zelfde_melder: 'Same reporter',
    },
    kindLabel: 'Kind of link',
    other: 'Case file number',
    otherHelp: 'For example 2025-0012. The link then shows on both case files.',
    add: 'Link',
    open: 'Open',
    remove: 'Unlink',
    removeTitle: 'Remove link?',
    removeBody: (number: string) => `The link with case file ${number} disappears from both case files.`,
  },
};
