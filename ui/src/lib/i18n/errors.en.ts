// English messages per error code (the `Record` makes a new Rust code break the type check).
// Kept apart from en.ts, as errors.nl.ts is from nl.ts.
import type { ErrorCode } from '../types';

export const errorsEn: Record<ErrorCode, string> = {
  not_unlocked: 'The vault is locked. Unlock it again to continue.',
  wrong_passphrase: 'This passphrase is not correct. Try again or use your recovery key.',
  wrong_recovery_key: 'This recovery key does not belong to this vault. Check it character by character.',
  malformed_recovery_key: 'This is not a valid recovery key. Check that you copied all of it without typos.',
  weak_passphrase: 'This passphrase is too weak. Make it longer, for example with one more word.',
  passphrase_required: 'A passphrase is needed to open this vault. Enter it and try again.',
  not_a_vault: 'This file is not a Kluis vault. Choose another file.',
  unsupported_version: 'This vault was made by a newer version of Kluis. Update Kluis to open it.',
  damaged: 'This vault is damaged and cannot be opened. Use a backup: they are in the folder beside the vault.',
  locked_elsewhere: 'This vault is already open in another window or program. Close it there first.',
  already_exists: 'A file already exists at this place. Choose another name or folder.',
  not_found: 'Not found. The file may have moved or the item may have been deleted.',
  validation: 'Not everything is filled in correctly. Check the marked fields.',
  io: 'The file could not be read or written. Check the disk and try again.',
  database: 'Something went wrong inside the vault. Nothing was saved; try again.',
  internal: 'Something unexpected went wrong. Try again; if that does not help, restart Kluis.',
  invalid_period: 'Choose a valid period: two years, a year, a half year or a quarter.',
  pooled_too_few: 'A pooled report needs more organisations: at least 3, and 5 in the strict profile.',
  period_frozen:
    'This period was reported on before with different figures. Published figures are frozen, so this report cannot be made like this. Choose another period.',
  profile_frozen:
    'This period was already published with another profile. Published figures are frozen for every profile: choose the profile of the first publication.',
  legacy_ledger:
    "This organisation's publication history was recorded by a test version of Kluis and cannot be used safely. Nothing was written.",
  anonymisation_failed:
    'Anonymising this report failed. Nothing was written. Try another period or the strict profile.',
  audit_failed: 'The anonymity check did not pass. Nothing was written.',
  lint_not_accepted:
    'There are still warnings on your text. Change the text or confirm that you accept them. Nothing was written.',
  nothing_chosen: 'Choose a file to export to first.',
  invalid_path: 'Give the full location of the new file, or choose one with "Choose...".',
  file_exists:
    'This file already exists. Choose a new file name: Kluis never overwrites an existing file. Nothing was written.',
  same_file: 'Choose different files for the PDF and the CSV.',
  render_failed: 'The report could not be laid out. Nothing was written; try again.',
  keyslot_damaged:
    'The passphrase keyslot is damaged, so the passphrase cannot be checked. Open the vault with your recovery key and then set a new passphrase.',
  file_too_large: 'This file is larger than a vault can be. Choose another file.',
  database_altered:
    'The database in this vault was altered outside Kluis and cannot be trusted. Use a backup: they are in the folder beside the vault.',
  key_mismatch:
    'The keys inside this vault do not belong to the key that opened it. The vault cannot be trusted; use a backup.',
  foreign_database: 'This file holds a database, but not a Kluis database. Choose another file.',
  wal_database:
    'The database in this vault was edited with another program and is in WAL mode. Convert it with PRAGMA journal_mode=DELETE, or use a backup.',
  notes_on_command_line:
    'Notes do not belong on the command line: other users of this computer can read them and the shell keeps them. Nothing was saved.',
  read_only:
    'This vault is open read-only because its folder or disk cannot be written. Nothing was saved; copy the vault to a writable folder to make changes.',
  legal_hold:
    'A case file under legal hold cannot be destroyed. Lift the hold in the case file first. Nothing was destroyed.',
  dossier_open: 'An open case file cannot be destroyed. Close it first. Nothing was destroyed.',
  not_reported:
    'This case file has not been counted in a published report of its period yet. Publish that first, or destroy it anyway with a reason. Nothing was destroyed.',
  not_confirmed: 'The destruction was not confirmed. Nothing was destroyed.',
  retention_not_over:
    'The retention term of this case file is not over yet. Wait for its destroy-by date, or destroy it anyway with a reason. Nothing was destroyed.',
  change_kept:
    'Another vault still holds a change that could not be saved when it locked. Unlock that vault first; the change is then saved.',
  already_extended: 'This deadline was extended before; the law allows one extension. Nothing was changed.',
  not_extendable: 'This deadline cannot be extended. Nothing was changed.',
  deadline_done: 'This deadline is done already. Nothing was changed.',
  wbk_not_applicable:
    "The Whistleblower Protection Act's deadlines apply only to a suspected wrongdoing or an integrity report. Choose another kind of deadline.",
  public_key_malformed: 'This is not a valid public key.',
  signature_missing: 'The signature is missing.',
  signature_malformed: 'The signature file is unreadable or altered.',
  signature_other_key: 'This signature was made with another key.',
  file_changed: 'The file was changed after it was signed.',
  unreadable_file: 'This file cannot be read. Choose an Excel, OpenDocument or CSV file.',
  import_too_large: 'This file is too large to import (more than 64 MB). Split it into parts.',
  too_many_rows: 'This sheet has too many rows or columns to import. Split it into parts.',
  sheet_missing: 'The chosen sheet is not (or no longer) in this file. Choose the sheet again.',
  mapping_invalid: 'The mapping is not valid. Choose the columns again.',
  import_has_errors: 'Some rows have errors; nothing was imported. Do the dry run again.',
  nothing_to_import: 'No row would become a dossier.',
  already_imported: 'This file was imported before.',
  conflict_undecided:
    'A party may also appear in another case file. First record whether there is a conflict of interest.',
  link_to_itself: 'A case file cannot be linked to itself. Choose another case file.',
  name_on_command_line: 'Names do not belong on the command line.',
  invoice_not_final: 'Only a final invoice can be exported. Finalise the invoice first.',
  document_too_large:
    'This file is larger than 25 MB and does not fit in the vault. Keep only what the case file needs, or make the file smaller.',
  documents_full:
    'The vault already holds so many documents (together almost 512 MB) that nothing more fits. Remove documents that are no longer needed.',
  document_exists: 'This file is already in this case file (the same content).',
  document_empty: 'This file is empty.',
  document_on_hold:
    'This case file is under legal hold: no documents are removed from it. Lift the hold first.',
  not_a_handover: 'This is not a Kluis handover file, or it is damaged. Nothing was imported.',
  handover_not_for_you:
    'This handover file was not made for this vault (another receiving key or passphrase). Ask the sender to make it again for your receiving key. Nothing was imported.',
  deputy_expired: 'The deputy period for this case file has ended: it is no longer opened. Destroy it through Retention.',
  not_a_contribution: 'This is not a contribution to a joint report for this vault (another file, another receiving key, or damaged). Nothing was imported.',
  contribution_exists: 'This contribution or receipt was imported before. Nothing changed.',
  joint_pooled_history: 'This organisation was part of a pooled report with other organisations in these years; no contribution to a joint report can be made from it without giving away the others. Nothing was written.',
  joint_unknown_organisation: 'No organisation in this vault has the name in the contribution. Add the organisation (or give it the same name) and import the contribution again. Nothing was imported.',
  joint_unknown_category: 'The contribution counts a category this vault does not know (a colleague\'s own category). Add that category with the same code and import the contribution again. Nothing was imported.',
  no_contributions: 'A joint report needs at least one imported contribution from a colleague for this organisation and period.',
  not_a_receipt: 'This is not a valid receipt for a contribution from this vault (another file, changed, or for another vault). Nothing was imported.',
  joint_not_published: 'This joint report has not been exported yet: receipts belong to a report the client has received.',
};
