// English texts of Settings → Joint report and the joint option on Reports (same shape as
// joint.nl.ts).
import type { JointDict } from './joint.nl';

export const jointEn: JointDict = {
  section: 'Joint report',
  intro:
    'When you work with colleagues at one client, one of you (the coordinator) makes one report over all contacts. Each colleague sends a contribution: the coded records only (category, quarter, relation, outcome) and their own earlier reports, never notes, names, case numbers or dates.',
  contributeTitle: 'Make a contribution (I contribute)',
  organisation: 'Organisation',
  period: 'Period',
  periodHelp: 'A year (2025), half year (2025-H1), quarter (2025-Q3) or two years (2024-2025), the same as the coordinator’s.',
  to: 'The coordinator’s receiving key (age1…)',
  path: 'Save contribution as',
  pick: 'Choose…',
  dialogContribute: 'Save contribution',
  dialogOpen: 'Choose a file',
  dialogDir: 'Folder for the receipts',
  contribute: 'Make contribution',
  contributed: (records: number, file: string) =>
    `Contribution with ${records === 1 ? '1 record' : `${records} records`} saved as ${file}. Import the coordinator’s receipt later.`,
  importTitle: 'Import a contribution (I coordinate)',
  importHelp:
    'Import your colleagues’ contributions. Then make this organisation’s report on Reports with “Joint report” switched on.',
  file: 'Contribution file',
  receiptFile: 'Receipt file',
  read: 'Import contribution',
  imported: (records: number, organisation: string, period: string, from: string) =>
    `Contribution from ${from} imported: ${records === 1 ? '1 record' : `${records} records`} for ${organisation}, ${period}.`,
  receiptsTitle: 'Make receipts (after the export)',
  receiptsHelp:
    'After the joint report is exported, each colleague gets a signed receipt. Their later own reports are then audited against the joint one, so nobody can compute “joint minus own”.',
  dir: 'Folder for the receipts',
  makeReceipts: 'Make receipts',
  receiptsMade: (n: number) => (n === 1 ? '1 receipt saved.' : `${n} receipts saved.`),
  receiptTitle: 'Import a receipt (I contributed)',
  readReceipt: 'Import receipt',
  receiptRead: (organisation: string, period: string, signer: string) =>
    `Receipt for ${organisation}, ${period} imported. Signed with key ID ${signer}: compare it with the coordinator’s.`,
  unnamed: 'a colleague',
  reportToggle: 'Joint report',
  reportHelp: (n: number) =>
    n === 0
      ? 'No contributions from colleagues imported for this organisation and period yet (Settings → Joint report).'
      : `Also counts ${n === 1 ? '1 colleague’s contribution' : `${n} colleagues’ contributions`}; the same disclosure audit, over everyone’s earlier reports.`,
};
