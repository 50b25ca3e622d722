// English texts of the Documents card (same shape as documents.nl.ts).
import type { DocumentsDict } from './documents.nl';

export const documentsEn: DocumentsDict = {
  section: 'Documents',
  intro: 'Keep e-mails, letters, PDFs and photos encrypted in the vault, not loose on the disk. Drag files here or choose them.',
  saveFirst: 'Documents can be added once the case file is saved.',
  empty: 'No documents in this case file yet.',
  drop: 'Release to add to this case file',
  choose: 'Choose files…',
  dialogAdd: 'Add documents to the case file',
  path: "Or type a file's path",
  add: 'Add',
  removeOriginal: 'Remove the original from the disk afterwards',
  removeOriginalHelp: 'Only after the vault is saved. The disk may still hold the old blocks.',
  colName: 'Name',
  colKind: 'Kind',
  colSize: 'Size',
  colAdded: 'Added',
  copy: 'Save a copy…',
  copyTitle: (name: string) => `Save a copy of ${name}`,
  copyPath: 'Save as',
  copySave: 'Save copy',
  copied: (file: string) => `Copy saved as ${file} and recorded in the export log.`,
  remove: 'Remove',
  removeTitle: 'Remove the document?',
  removeBody: (name: string) => `${name} leaves the vault. This cannot be undone.`,
  added: (n: number) => (n === 1 ? '1 document added.' : `${n} documents added.`),
  original: {
    removed: 'The original was removed from the disk.',
    not_removed: 'The original could not be removed; remove it yourself.',
  },
  total: (count: number, size: string) => `${count} document(s), ${size} in all.`,
  growing: (size: string) =>
    `The documents in this vault take ${size}. Every save writes them again and every backup holds them; keep only what is needed.`,
};
