// English texts of Settings → Handing over (same shape as handover.nl.ts).
import type { HandoverDict } from './handover.nl';

export const handoverEn: HandoverDict = {
  section: 'Handing over',
  intro:
    'Hand case files over to a colleague (illness, leaving, holiday) without mailing them around: Kluis makes a file only your colleague’s vault can open.',
  keyTitle: 'My receiving key',
  keyHelp: 'Give this key to whoever hands case files over to you, and compare the fingerprint by phone before they make the file.',
  fingerprint: 'Fingerprint',
  copyKey: 'Copy key',
  copied: 'Copied. The clipboard is cleared after 10 seconds.',
  exportTitle: 'Hand case files over',
  organisation: 'Organisation',
  allOrganisations: 'All organisations',
  choose: 'Choose the case files that go (the open ones by default).',
  none: 'No case files for this choice.',
  withNotes: 'Include the notes',
  withParties: 'Include the parties (names)',
  withDocuments: 'Include the documents',
  always: 'The recorded fields and the timeline always go.',
  deputyUntil: 'Deputy until (optional)',
  deputyHelp: 'After this date your colleague’s vault no longer opens these case files.',
  to: 'Your colleague’s receiving key (age1…)',
  path: 'Save as',
  pick: 'Choose…',
  dialogExport: 'Save the handover file',
  make: 'Make handover file',
  made: (n: number, file: string) =>
    `${n === 1 ? '1 case file' : `${n} case files`} in ${file}, marked as handed over and recorded in the export log. Destroy them here once your colleague has imported them.`,
  importTitle: 'Import a handover',
  file: 'Handover file',
  dialogImport: 'Choose a handover file',
  passphrase: 'One-time passphrase (only if the sender used one)',
  read: 'Import',
  imported: (n: number, from: string) => `${n === 1 ? '1 case file' : `${n} case files`} imported, handed over by ${from}.`,
  renamed: (from: string, to: string) => `${from} is called ${to} here (the number was taken).`,
  deputy: (until: string) => `Deputy copy: these case files open up to and including ${until}.`,
};
