//! The one closed list of error codes, [`ErrorCode`], and the one place that maps every core
//! error the shells surface onto it ([`Coded`]). The CLI's `--json` errors and the desktop
//! app's IPC errors both take their `code` from here, so a script and the UI see the same
//! word for the same failure (`locked_elsewhere`, `damaged`, `render_failed`, ...).
//!
//! Messages, generic ([`ErrorCode::message`]) and specific ([`Coded::error_message`]), are in
//! Dutch and English and never contain case content, names, paths or file contents: only
//! fixed words and safe structured data such as a minimum count or a format version.
//!
//! ```
//! use kluis::error::{Coded, ErrorCode};
//! use kluis::vault::VaultError;
//! use kluis::Lang;
//!
//! let e = VaultError::Locked;
//! assert_eq!(e.error_code(), ErrorCode::LockedElsewhere);
//! assert_eq!(e.error_code().code(), "locked_elsewhere");
//! assert!(e.error_message(Lang::En).contains("already open"));
//! ```

use crate::Lang;
use crate::model::ValidationErrors;
use crate::signing::SignError;
use crate::store::StoreError;
use crate::vault::VaultError;
use serde::{Deserialize, Serialize};

mod report;

/// Defines [`ErrorCode`] from one table: variant, code, Dutch message, English message. The
/// serde name comes from the variant (snake_case); a unit test checks it equals the code.
macro_rules! error_codes {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $code:literal, $nl:literal, $en:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every code, in the order of the list.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable code, as serialised (`locked_elsewhere`).
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// A generic message for the advisor, saying what happened and what to do. Never
            /// contains case content, names, paths or file contents.
            pub fn message(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $( ($name::$variant, Lang::Nl) => $nl, ($name::$variant, Lang::En) => $en, )+
                }
            }
        }
    };
}

error_codes! {
    /// What went wrong, as a script or the UI needs to know it: one closed list shared by the
    /// CLI (`--json`) and the desktop app (IPC).
    pub enum ErrorCode {
        /// No vault is unlocked (it may have been locked meanwhile).
        NotUnlocked => "not_unlocked",
            "De kluis is vergrendeld.",
            "The vault is locked.";
        /// The passphrase does not open the vault.
        WrongPassphrase => "wrong_passphrase",
            "Deze wachtwoordzin klopt niet. Probeer het opnieuw of gebruik je herstelsleutel.",
            "This passphrase is not correct. Try again or use your recovery key.";
        /// The recovery key does not open the vault.
        WrongRecoveryKey => "wrong_recovery_key",
            "Deze herstelsleutel hoort niet bij deze kluis.",
            "This recovery key does not belong to this vault.";
        /// The text is not a recovery key.
        MalformedRecoveryKey => "malformed_recovery_key",
            "Dit is geen geldige herstelsleutel. Een herstelsleutel begint met AGE-SECRET-KEY-1.",
            "This is not a valid recovery key. A recovery key starts with AGE-SECRET-KEY-1.";
        /// The new passphrase is too easy to guess.
        WeakPassphrase => "weak_passphrase",
            "Deze wachtwoordzin is te makkelijk te raden. Kies een langere zin van minstens vier ongewone woorden.",
            "This passphrase is too easy to guess. Choose a longer phrase of at least four unusual words.";
        /// A passphrase is needed but none was given and none could be asked for (no terminal).
        PassphraseRequired => "passphrase_required",
            "Er is een wachtwoordzin nodig, maar die is niet opgegeven en kon niet worden gevraagd.",
            "A passphrase is needed, but none was given and none could be asked for.";
        /// The file is not a Kluis vault.
        NotAVault => "not_a_vault",
            "Dit bestand is geen Kluis-kluis.",
            "This file is not a Kluis vault.";
        /// Made by a newer Kluis (file format or database schema).
        UnsupportedVersion => "unsupported_version",
            "Deze kluis is gemaakt met een nieuwere versie van Kluis. Werk Kluis bij.",
            "This vault was made by a newer version of Kluis. Update Kluis.";
        /// Truncated, tampered with, trailing bytes, a malformed header, an excessive work
        /// factor, or a database that fails its integrity check.
        Damaged => "damaged",
            "Het kluisbestand is beschadigd of gewijzigd en kan niet worden vertrouwd. Gebruik een reservekopie.",
            "The vault file is damaged or altered and cannot be trusted. Use a backup.";
        /// Open in another window or program.
        LockedElsewhere => "locked_elsewhere",
            "Deze kluis is al geopend in een ander venster of programma. Sluit hem daar eerst.",
            "This vault is already open in another window or program. Close it there first.";
        /// The target of a new vault or a backup exists (never overwritten).
        AlreadyExists => "already_exists",
            "Op deze plek staat al een bestand. Kies een andere naam.",
            "A file already exists at this location. Choose another name.";
        /// A record or file was not found.
        NotFound => "not_found",
            "Niet gevonden.",
            "Not found.";
        /// Invalid input; the invalid fields are listed where the shell can (`fields`).
        Validation => "validation",
            "Ongeldige invoer.",
            "Invalid input.";
        /// An operating-system error while reading or writing a file.
        Io => "io",
            "Een bestand kon niet worden gelezen of geschreven. Er is niets verloren gegaan; probeer het opnieuw.",
            "A file could not be read or written. Nothing was lost; try again.";
        /// A database error.
        Database => "database",
            "Databasefout. Er is niets opgeslagen; probeer het opnieuw.",
            "Database error. Nothing was saved; try again.";
        /// Anything else (a bug).
        Internal => "internal",
            "Er ging iets onverwachts mis. Probeer het opnieuw.",
            "Something unexpected went wrong. Try again.";
        /// A report period that is not `2025`, `2025-H1` or `2025-Q3`.
        InvalidPeriod => "invalid_period",
            "Kies een geldige periode: een jaar, een halfjaar of een kwartaal.",
            "Choose a valid period: a year, a half year or a quarter.";
        /// A pooled report with fewer organisations than the profile needs.
        PooledTooFew => "pooled_too_few",
            "Een gebundelde rapportage heeft meer organisaties nodig.",
            "A pooled report needs more organisations.";
        /// The period was published before with other figures; it is frozen.
        PeriodFrozen => "period_frozen",
            "Deze periode is eerder met andere cijfers gepubliceerd en ligt vast; er is niets geschreven.",
            "This period was published before with different figures and is frozen; nothing was written.";
        /// The period was published under another profile; it is frozen for every profile.
        ProfileFrozen => "profile_frozen",
            "Deze periode is al gepubliceerd met een ander profiel en ligt vast; kies dat profiel. Er is niets geschreven.",
            "This period was already published with another profile and is frozen; choose that profile. Nothing was written.";
        /// An organisation's release history is in the format of a test version.
        LegacyLedger => "legacy_ledger",
            "De publicatiegeschiedenis van deze organisatie is door een testversie van Kluis vastgelegd en kan niet veilig worden gebruikt. Er is niets geschreven.",
            "This organisation's publication history was recorded by a test version of Kluis and cannot be used safely. Nothing was written.";
        /// Disclosure control could not protect the report (nothing is written).
        AnonymisationFailed => "anonymisation_failed",
            "De anonimisering van dit rapport is mislukt; er is niets geschreven.",
            "Anonymising this report failed; nothing was written.";
        /// The disclosure audit did not pass; nothing may be exported.
        AuditFailed => "audit_failed",
            "De anonimiteitscontrole is niet geslaagd; er is niets geschreven.",
            "The disclosure audit did not pass; nothing was written.";
        /// Lint warnings on the advisor's text are neither fixed nor accepted.
        LintNotAccepted => "lint_not_accepted",
            "Waarschuwingen bij de tekst zijn niet opgelost of geaccepteerd; er is niets geschreven.",
            "Warnings on the text are neither fixed nor accepted; nothing was written.";
        /// No file to export was given.
        NothingChosen => "nothing_chosen",
            "Kies ten minste één bestand om te schrijven.",
            "Choose at least one file to write.";
        /// An export file must be a full path.
        InvalidPath => "invalid_path",
            "Geef de volledige locatie van het nieuwe bestand op.",
            "Give the full location of the new file.";
        /// The chosen export file exists already (never overwritten).
        FileExists => "file_exists",
            "Dit bestand bestaat al; kies een nieuwe bestandsnaam. Er is niets geschreven.",
            "This file already exists; choose a new file name. Nothing was written.";
        /// Two exports name the same file.
        SameFile => "same_file",
            "Kies voor PDF en CSV verschillende bestanden.",
            "Choose different files for the PDF and the CSV.";
        /// The report could not be laid out or written in its format.
        RenderFailed => "render_failed",
            "Het rapport kon niet worden opgemaakt; er is niets geschreven.",
            "The report could not be laid out; nothing was written.";
        /// The passphrase keyslot in the header is damaged (the passphrase cannot be checked;
        /// the recovery key still opens the vault).
        KeyslotDamaged => "keyslot_damaged",
            "Het sleutelvak voor de wachtwoordzin is beschadigd. Open de kluis met je herstelsleutel en stel een nieuwe wachtwoordzin in.",
            "The passphrase keyslot is damaged. Open the vault with your recovery key and set a new passphrase.";
        /// The file is larger than any vault can be.
        FileTooLarge => "file_too_large",
            "Dit bestand is groter dan een kluis kan zijn.",
            "This file is larger than a vault can be.";
        /// The database holds objects its migrations do not define, or an impossible schema
        /// version: altered outside Kluis.
        DatabaseAltered => "database_altered",
            "De database in de kluis is buiten Kluis gewijzigd en kan niet worden vertrouwd. Gebruik een reservekopie.",
            "The database inside the vault was altered outside Kluis and cannot be trusted. Use a backup.";
        /// The keys recorded in the database do not belong to the key that unlocked it.
        KeyMismatch => "key_mismatch",
            "De sleutels in de kluis horen niet bij de sleutel waarmee hij is geopend. Gebruik een reservekopie.",
            "The keys inside the vault do not belong to the key that opened it. Use a backup.";
        /// The decrypted image is a SQLite database, but not a Kluis one.
        ForeignDatabase => "foreign_database",
            "Dit bestand bevat een database, maar geen Kluis-database.",
            "This file holds a database, but not a Kluis database.";
        /// The decrypted image is in WAL mode (edited with another tool, not converted back).
        WalDatabase => "wal_database",
            "De database in de kluis staat in WAL-modus; zet hem terug met PRAGMA journal_mode=DELETE.",
            "The database inside the vault is in WAL mode; convert it with PRAGMA journal_mode=DELETE.";
        /// Notes given as a command-line value (readable by other local users through
        /// /proc/PID/cmdline, and kept in the shell history): refused, nothing saved.
        NotesOnCommandLine => "notes_on_command_line",
            "Notities horen niet op de opdrachtregel: andere gebruikers van deze computer kunnen ze lezen en de shell bewaart ze. Er is niets opgeslagen.",
            "Notes do not belong on the command line: other users of this computer can read them and the shell keeps them. Nothing was saved.";
        /// The vault was opened read-only (its folder or medium cannot be written), so a
        /// change cannot be saved.
        ReadOnly => "read_only",
            "Deze kluis is alleen-lezen geopend omdat de map of schijf niet beschrijfbaar is; er is niets opgeslagen. Kopieer de kluis naar een beschrijfbare map om te wijzigen.",
            "This vault was opened read-only because its folder or disk cannot be written; nothing was saved. Copy the vault to a writable folder to make changes.";
        /// A dossier under legal hold cannot be destroyed (the hold is lifted in the dossier).
        LegalHold => "legal_hold",
            "Een dossier met een juridische blokkade kan niet worden vernietigd. Hef de blokkade eerst op in het dossier. Er is niets vernietigd.",
            "A case file under legal hold cannot be destroyed. Lift the hold in the case file first. Nothing was destroyed.";
        /// An open dossier cannot be destroyed.
        DossierOpen => "dossier_open",
            "Een open dossier kan niet worden vernietigd. Sluit het eerst. Er is niets vernietigd.",
            "An open case file cannot be destroyed. Close it first. Nothing was destroyed.";
        /// No published report counted the dossier yet (an override with a reason is needed).
        NotReported => "not_reported",
            "Dit dossier is nog niet geteld in een gepubliceerde rapportage van zijn periode. Publiceer die eerst, of vernietig het toch met een reden. Er is niets vernietigd.",
            "This case file has not been counted in a published report of its period yet. Publish that first, or destroy it anyway with a reason. Nothing was destroyed.";
        /// A destruction was not confirmed (the typed confirmation differs, or none could be
        /// asked for).
        NotConfirmed => "not_confirmed",
            "Het vernietigen is niet bevestigd. Er is niets vernietigd.",
            "The destruction was not confirmed. Nothing was destroyed.";
        /// The dossier's destroy-by date has not come (an override with a reason is needed).
        RetentionNotOver => "retention_not_over",
            "De bewaartermijn van dit dossier is nog niet voorbij. Wacht tot de vernietigdatum, of vernietig het toch met een reden. Er is niets vernietigd.",
            "The retention term of this case file is not over yet. Wait for its destroy-by date, or destroy it anyway with a reason. Nothing was destroyed.";
        /// The app holds a change to another vault that could not be saved when it locked:
        /// that vault must be unlocked (and the change saved) before another is opened.
        ChangeKept => "change_kept",
            "Een andere kluis heeft nog een wijziging die bij het vergrendelen niet kon worden opgeslagen. Ontgrendel eerst die kluis; dan wordt de wijziging opgeslagen.",
            "Another vault still holds a change that could not be saved when it locked. Unlock that vault first; the change is then saved.";
        /// The deadline was extended before; the law allows one extension.
        AlreadyExtended => "already_extended",
            "Deze termijn is al eens verlengd; de wet staat één verlenging toe. Er is niets gewijzigd.",
            "This deadline was extended before; the law allows one extension. Nothing was changed.";
        /// This kind of deadline cannot be extended (the Wbk confirmation, a follow-up).
        NotExtendable => "not_extendable",
            "Deze termijn kan niet worden verlengd. Er is niets gewijzigd.",
            "This deadline cannot be extended. Nothing was changed.";
        /// The deadline is done already.
        DeadlineDone => "deadline_done",
            "Deze termijn is al afgerond. Er is niets gewijzigd.",
            "This deadline is done already. Nothing was changed.";
        /// A Wbk deadline on a dossier whose contact type the Wbk does not cover.
        WbkNotApplicable => "wbk_not_applicable",
            "De termijnen van de Wet bescherming klokkenluiders gelden alleen voor een vermoeden van een misstand of een integriteitsmelding. Er is niets toegevoegd.",
            "The Whistleblower Protection Act's deadlines apply only to a suspected wrongdoing or an integrity report. Nothing was added.";
        /// The public key given to check a signature is not a minisign public key.
        PublicKeyMalformed => "public_key_malformed",
            "Dit is geen geldige publieke sleutel. Geef de sleutel (een regel die met RW begint) of een .pub-bestand van minisign op.",
            "This is not a valid public key. Give the key (a line starting with RW) or a minisign .pub file.";
        /// The report has no signature file beside it (`<file>.minisig`), nor where given.
        SignatureMissing => "signature_missing",
            "De handtekening ontbreekt: er staat geen .minisig-bestand bij dit bestand. Vraag de vertrouwenspersoon om het handtekeningbestand.",
            "The signature is missing: there is no .minisig file with this file. Ask the confidential advisor for the signature file.";
        /// The signature file is not a signature Kluis can check, or it was altered.
        SignatureMalformed => "signature_malformed",
            "Het handtekeningbestand is onleesbaar of gewijzigd. Vertrouw dit bestand niet en vraag de vertrouwenspersoon om een nieuwe kopie.",
            "The signature file is unreadable or altered. Do not trust this file and ask the confidential advisor for a new copy.";
        /// The signature was made with another key than the one given.
        SignatureOtherKey => "signature_other_key",
            "Deze handtekening is met een andere sleutel gemaakt dan de opgegeven publieke sleutel. Controleer of u de sleutel uit de afspraak met de vertrouwenspersoon gebruikt; vertrouw het bestand anders niet.",
            "This signature was made with another key than the public key given. Check that you use the key from the agreement with the confidential advisor; otherwise do not trust the file.";
        /// The file does not match its signature: it was changed after signing.
        FileChanged => "file_changed",
            "Het bestand is gewijzigd nadat het werd ondertekend. Vertrouw deze versie niet en vraag de vertrouwenspersoon om een nieuwe kopie.",
            "The file was changed after it was signed. Do not trust this version and ask the confidential advisor for a new copy.";
        /// The file to import is not a spreadsheet or CSV file Kluis can read.
        UnreadableFile => "unreadable_file",
            "Dit bestand kan niet worden ingelezen. Kies een Excel-bestand (.xlsx, .xls), een OpenDocument-bestand (.ods) of een CSV-bestand.",
            "This file cannot be read. Choose an Excel file (.xlsx, .xls), an OpenDocument file (.ods) or a CSV file.";
        /// The file to import is larger than Kluis reads.
        ImportTooLarge => "import_too_large",
            "Dit bestand is te groot om in te lezen (meer dan 64 MB). Splits het in delen.",
            "This file is too large to import (more than 64 MB). Split it into parts.";
        /// The sheet has more rows or columns than Kluis reads.
        TooManyRows => "too_many_rows",
            "Dit blad heeft te veel rijen of kolommen om in te lezen. Splits het in delen.",
            "This sheet has too many rows or columns to import. Split it into parts.";
        /// The mapping names a sheet the file does not have.
        SheetMissing => "sheet_missing",
            "Het blad uit de koppeling staat niet in dit bestand. Kies het blad opnieuw.",
            "The sheet named in the mapping is not in this file. Choose the sheet again.";
        /// The mapping is not valid.
        MappingInvalid => "mapping_invalid",
            "De koppeling is ongeldig. Controleer het koppelingsbestand.",
            "The mapping is not valid. Check the mapping file.";
        /// The dry run found errors, so nothing was imported.
        ImportHasErrors => "import_has_errors",
            "Er zijn rijen met fouten; er is niets ingelezen. Los de fouten op en probeer het opnieuw.",
            "Some rows have errors; nothing was imported. Fix the errors and try again.";
        /// No row would become a dossier.
        NothingToImport => "nothing_to_import",
            "Er is geen rij die een dossier zou worden.",
            "No row would become a dossier.";
        /// The same file was imported before.
        AlreadyImported => "already_imported",
            "Dit bestand is al eerder ingelezen. Lees het alleen opnieuw in als u de dossiers echt dubbel wilt hebben.",
            "This file was imported before. Import it again only if you really want the dossiers twice.";
        /// A possible conflict of interest of the dossier has no recorded decision yet.
        ConflictUndecided => "conflict_undecided",
            "Een betrokkene komt mogelijk ook in een ander dossier voor. Leg eerst vast of er een belangenconflict is (geen conflict of doorverwijzen naar een collega). Er is niets opgeslagen.",
            "A party may also appear in another case file. First record whether there is a conflict of interest (no conflict, or refer to a colleague). Nothing was saved.";
        /// A dossier cannot be linked to itself.
        LinkToItself => "link_to_itself",
            "Een dossier kan niet aan zichzelf worden gekoppeld. Kies een ander dossier.",
            "A case file cannot be linked to itself. Choose another case file.";
        /// A party's name given as a command-line value (readable by other local users through
        /// /proc/PID/cmdline, and kept in the shell history): refused, nothing saved.
        NameOnCommandLine => "name_on_command_line",
            "Namen horen niet op de opdrachtregel: andere gebruikers van deze computer kunnen ze lezen en de shell bewaart ze. Er is niets opgeslagen.",
            "Names do not belong on the command line: other users of this computer can read them and the shell keeps them. Nothing was saved.";
        /// Only a final invoice is exported (a draft has no number yet).
        InvoiceNotFinal => "invoice_not_final",
            "Alleen een definitieve factuur kan worden geëxporteerd. Maak de factuur eerst definitief.",
            "Only a final invoice can be exported. Finalise the invoice first.";
        /// A document is larger than one document may be (25 MB); refused before reading it.
        DocumentTooLarge => "document_too_large",
            "Dit bestand is groter dan 25 MB en past niet in de kluis. Bewaar alleen wat het dossier nodig heeft, of verklein het bestand (bijvoorbeeld een scan met een lagere resolutie). Er is niets toegevoegd.",
            "This file is larger than 25 MB and does not fit in the vault. Keep only what the case file needs, or make the file smaller (for example a scan at a lower resolution). Nothing was added.";
        /// The vault's documents together would pass the most a vault keeps (512 MB).
        DocumentsFull => "documents_full",
            "De kluis bevat al zoveel documenten (samen bijna 512 MB) dat er niets meer bij kan. Verwijder documenten die niet meer nodig zijn. Er is niets toegevoegd.",
            "The vault already holds so many documents (together almost 512 MB) that nothing more fits. Remove documents that are no longer needed. Nothing was added.";
        /// The dossier holds this file already (the same SHA-256).
        DocumentExists => "document_exists",
            "Dit bestand zit al in dit dossier (dezelfde inhoud). Er is niets toegevoegd.",
            "This file is already in this case file (the same content). Nothing was added.";
        /// The file to add is empty.
        DocumentEmpty => "document_empty",
            "Dit bestand is leeg. Er is niets toegevoegd.",
            "This file is empty. Nothing was added.";
        /// A document of a dossier under legal hold is not removed.
        DocumentOnHold => "document_on_hold",
            "Dit dossier heeft een juridische blokkade: er worden geen documenten uit verwijderd. Hef de blokkade eerst op in het dossier. Er is niets verwijderd.",
            "This case file is under legal hold: no documents are removed from it. Lift the hold in the case file first. Nothing was removed.";
        /// The file is no Kluis handover file (or it was damaged).
        NotAHandover => "not_a_handover",
            "Dit is geen overdrachtsbestand van Kluis, of het is beschadigd. Er is niets ingelezen.",
            "This is not a Kluis handover file, or it is damaged. Nothing was imported.";
        /// The handover file was made for another vault's key (or another passphrase).
        HandoverNotForYou => "handover_not_for_you",
            "Dit overdrachtsbestand is niet voor deze kluis gemaakt (een andere ontvangstsleutel of wachtwoordzin). Vraag de afzender het opnieuw te maken voor uw ontvangstsleutel. Er is niets ingelezen.",
            "This handover file was not made for this vault (another receiving key or passphrase). Ask the sender to make it again for your receiving key. Nothing was imported.";
        /// A deputy copy past its end date is not opened.
        DeputyExpired => "deputy_expired",
            "De waarneming voor dit dossier is afgelopen: het wordt niet meer geopend. Vernietig het via Bewaartermijnen.",
            "The deputy period for this case file has ended: it is no longer opened. Destroy it through Retention.";
        /// The file is no Kluis contribution for this vault (or it was damaged).
        NotAContribution => "not_a_contribution",
            "Dit is geen bijdrage aan een gezamenlijke rapportage voor deze kluis (een ander bestand, een andere ontvangstsleutel, of beschadigd). Er is niets ingelezen.",
            "This is not a contribution to a joint report for this vault (another file, another receiving key, or damaged). Nothing was imported.";
        /// The contribution (or receipt) was taken in before.
        ContributionExists => "contribution_exists",
            "Deze bijdrage of dit ontvangstbewijs is al ingelezen. Er is niets veranderd.",
            "This contribution or receipt was imported before. Nothing changed.";
        /// The organisation shares its release history with others through a pooled report.
        JointPooledHistory => "joint_pooled_history",
            "Deze organisatie zat in deze jaren in een gebundelde rapportage met andere organisaties; daaruit kan geen bijdrage aan een gezamenlijke rapportage worden gemaakt zonder de andere organisaties mee te geven. Er is niets gemaakt.",
            "This organisation was part of a pooled report with other organisations in these years; no contribution to a joint report can be made from it without giving away the others. Nothing was written.";
        /// No organisation here has the contribution's organisation name.
        JointUnknownOrganisation => "joint_unknown_organisation",
            "Geen organisatie in deze kluis heeft de naam uit de bijdrage. Voeg de organisatie toe (of geef haar dezelfde naam) en lees de bijdrage opnieuw in. Er is niets ingelezen.",
            "No organisation in this vault has the name in the contribution. Add the organisation (or give it the same name) and import the contribution again. Nothing was imported.";
        /// The contribution counts a category this vault does not know.
        JointUnknownCategory => "joint_unknown_category",
            "De bijdrage telt een categorie die deze kluis niet kent (een eigen categorie van de collega). Voeg die categorie toe met dezelfde code en lees de bijdrage opnieuw in. Er is niets ingelezen.",
            "The contribution counts a category this vault does not know (a colleague's own category). Add that category with the same code and import the contribution again. Nothing was imported.";
        /// A joint report needs at least one contribution for its organisation and period.
        NoContributions => "no_contributions",
            "Voor een gezamenlijke rapportage is minstens één ingelezen bijdrage van een collega nodig voor deze organisatie en periode.",
            "A joint report needs at least one imported contribution from a colleague for this organisation and period.";
        /// The file is no valid receipt for a contribution of this vault.
        NotAReceipt => "not_a_receipt",
            "Dit is geen geldig ontvangstbewijs voor een bijdrage uit deze kluis (een ander bestand, gewijzigd, of voor een andere kluis). Er is niets ingelezen.",
            "This is not a valid receipt for a contribution from this vault (another file, changed, or for another vault). Nothing was imported.";
        /// Receipts are made for a joint report that was exported.
        JointNotPublished => "joint_not_published",
            "Deze gezamenlijke rapportage is nog niet geëxporteerd: ontvangstbewijzen horen bij een rapportage die de opdrachtgever heeft gekregen.",
            "This joint report has not been exported yet: receipts belong to a report the client has received.";
    }
}

impl ErrorCode {
    /// The code of a block that refuses a destruction.
    pub fn of_block(block: crate::model::DestructionBlock) -> ErrorCode {
        use crate::model::DestructionBlock as B;
        match block {
            B::LegalHold => ErrorCode::LegalHold,
            B::StillOpen => ErrorCode::DossierOpen,
            B::NotReported => ErrorCode::NotReported,
            B::NotDue => ErrorCode::RetentionNotOver,
        }
    }
}

impl ErrorCode {
    /// The code of a refused change to a deadline.
    pub fn of_deadline(e: crate::model::DeadlineError) -> ErrorCode {
        use crate::model::DeadlineError as D;
        match e {
            D::AlreadyExtended => ErrorCode::AlreadyExtended,
            D::NotExtendable => ErrorCode::NotExtendable,
            D::AlreadyDone => ErrorCode::DeadlineDone,
            D::WbkNotApplicable => ErrorCode::WbkNotApplicable,
        }
    }
}

impl ErrorCode {
    /// The code of a refused change to parties or links.
    pub fn of_party(e: crate::model::PartyError) -> ErrorCode {
        use crate::model::PartyError as P;
        match e {
            P::ConflictUndecided => ErrorCode::ConflictUndecided,
            P::LinkToItself => ErrorCode::LinkToItself,
        }
    }
}

impl ErrorCode {
    /// The code of a refused document.
    pub fn of_document(e: crate::model::DocumentError) -> ErrorCode {
        use crate::model::DocumentError as D;
        match e {
            D::TooLarge => ErrorCode::DocumentTooLarge,
            D::VaultFull => ErrorCode::DocumentsFull,
            D::Duplicate => ErrorCode::DocumentExists,
            D::Empty => ErrorCode::DocumentEmpty,
            D::OnHold => ErrorCode::DocumentOnHold,
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// A core error as the shells surface it: its code from the one list and its message.
///
/// Every mapping from a core error to an [`ErrorCode`] is in this file, as a `match` that
/// names every variant, so a new variant does not compile until it has a code here.
pub trait Coded {
    /// The code from the one list.
    fn error_code(&self) -> ErrorCode;

    /// The message for the advisor: more specific than [`ErrorCode::message`] where the error
    /// carries safe structured data (a minimum, a format version, an operation), never case
    /// content, names, paths or file contents.
    fn error_message(&self, lang: Lang) -> String {
        self.error_code().message(lang).to_owned()
    }

    /// The invalid fields, when the code is [`ErrorCode::Validation`] and they are known.
    fn validation(&self) -> Option<&ValidationErrors> {
        None
    }
}

impl Coded for ErrorCode {
    fn error_code(&self) -> ErrorCode {
        *self
    }
}

impl Coded for ValidationErrors {
    fn error_code(&self) -> ErrorCode {
        ErrorCode::Validation
    }

    fn error_message(&self, lang: Lang) -> String {
        self.describe(lang)
    }

    fn validation(&self) -> Option<&ValidationErrors> {
        Some(self)
    }
}

impl Coded for StoreError {
    fn error_code(&self) -> ErrorCode {
        match self {
            StoreError::Validation(_) => ErrorCode::Validation,
            StoreError::NotFound { .. } => ErrorCode::NotFound,
            StoreError::UnsupportedSchema { .. } => ErrorCode::UnsupportedVersion,
            StoreError::Integrity { .. } => ErrorCode::Damaged,
            StoreError::AlteredSchema => ErrorCode::DatabaseAltered,
            StoreError::ForeignDatabase => ErrorCode::ForeignDatabase,
            StoreError::DestructionRefused { block, .. } => ErrorCode::of_block(*block),
            StoreError::Deadline(e) => ErrorCode::of_deadline(*e),
            StoreError::Party(e) => ErrorCode::of_party(*e),
            StoreError::Document(e) => ErrorCode::of_document(*e),
            StoreError::Sqlite { .. } => ErrorCode::Database,
        }
    }

    fn error_message(&self, lang: Lang) -> String {
        self.message(lang)
    }

    fn validation(&self) -> Option<&ValidationErrors> {
        match self {
            StoreError::Validation(v) => Some(v),
            _ => None,
        }
    }
}

impl Coded for VaultError {
    fn error_code(&self) -> ErrorCode {
        match self {
            VaultError::WeakPassphrase { .. } => ErrorCode::WeakPassphrase,
            VaultError::WrongPassphrase => ErrorCode::WrongPassphrase,
            VaultError::WrongRecoveryKey => ErrorCode::WrongRecoveryKey,
            VaultError::MalformedRecoveryKey => ErrorCode::MalformedRecoveryKey,
            VaultError::NotAVault => ErrorCode::NotAVault,
            VaultError::UnsupportedVersion { .. } => ErrorCode::UnsupportedVersion,
            VaultError::ExcessiveWorkFactor { .. }
            | VaultError::Truncated
            | VaultError::Tampered
            | VaultError::TrailingBytes
            | VaultError::MalformedHeader => ErrorCode::Damaged,
            VaultError::KeyslotDamaged => ErrorCode::KeyslotDamaged,
            VaultError::TooLarge { .. } => ErrorCode::FileTooLarge,
            VaultError::WalImage => ErrorCode::WalDatabase,
            VaultError::KeyMismatch => ErrorCode::KeyMismatch,
            VaultError::Locked => ErrorCode::LockedElsewhere,
            VaultError::AlreadyExists => ErrorCode::AlreadyExists,
            VaultError::NotFound => ErrorCode::NotFound,
            VaultError::ReadOnly => ErrorCode::ReadOnly,
            VaultError::Io { .. } => ErrorCode::Io,
            VaultError::Store(e) => e.error_code(),
        }
    }

    /// Each variant's own message (truncated and tampered say different things).
    fn error_message(&self, lang: Lang) -> String {
        self.message(lang)
    }

    fn validation(&self) -> Option<&ValidationErrors> {
        match self {
            VaultError::Store(e) => e.validation(),
            _ => None,
        }
    }
}

impl Coded for SignError {
    fn error_code(&self) -> ErrorCode {
        match self {
            SignError::PublicKeyMalformed => ErrorCode::PublicKeyMalformed,
            SignError::SignatureMissing => ErrorCode::SignatureMissing,
            SignError::SignatureMalformed => ErrorCode::SignatureMalformed,
            SignError::OtherKey => ErrorCode::SignatureOtherKey,
            SignError::FileChanged => ErrorCode::FileChanged,
            SignError::FileMissing => ErrorCode::NotFound,
            SignError::Io { .. } => ErrorCode::Io,
        }
    }
}

impl Coded for crate::import::ImportError {
    fn error_code(&self) -> ErrorCode {
        use crate::import::ImportError as I;
        match self {
            I::Unreadable => ErrorCode::UnreadableFile,
            I::TooLarge { .. } => ErrorCode::ImportTooLarge,
            I::TooManyRows { .. } | I::TooManyColumns { .. } => ErrorCode::TooManyRows,
            I::SheetMissing => ErrorCode::SheetMissing,
            I::MappingInvalid { .. } | I::MappingColumn { .. } => ErrorCode::MappingInvalid,
            I::HasErrors { .. } => ErrorCode::ImportHasErrors,
            I::NothingToImport => ErrorCode::NothingToImport,
            I::AlreadyImported => ErrorCode::AlreadyImported,
            I::Store(e) => e.error_code(),
            I::Vault(e) => e.error_code(),
        }
    }

    fn error_message(&self, lang: Lang) -> String {
        use crate::import::ImportError as I;
        match (self, lang) {
            (I::TooManyRows { max_rows }, Lang::Nl) => {
                format!("Dit blad heeft meer dan {max_rows} rijen. Splits het in delen.")
            }
            (I::TooManyRows { max_rows }, Lang::En) => {
                format!("This sheet has more than {max_rows} rows. Split it into parts.")
            }
            (I::TooManyColumns { max_columns }, Lang::Nl) => {
                format!("Dit blad heeft meer dan {max_columns} kolommen.")
            }
            (I::TooManyColumns { max_columns }, Lang::En) => {
                format!("This sheet has more than {max_columns} columns.")
            }
            (I::MappingInvalid { line: Some(line) }, Lang::Nl) => {
                format!("De koppeling is ongeldig (regel {line}).")
            }
            (I::MappingInvalid { line: Some(line) }, Lang::En) => {
                format!("The mapping is not valid (line {line}).")
            }
            (I::MappingColumn { field }, Lang::Nl) => format!(
                "De kolom voor '{}' in de koppeling is geen kolomletter (zoals C), of er staan er meer dan één.",
                field.code()
            ),
            (I::MappingColumn { field }, Lang::En) => format!(
                "The column for '{}' in the mapping is not a column letter (such as C), or there are several.",
                field.code()
            ),
            (I::HasErrors { rows }, Lang::Nl) => format!(
                "{rows} rijen hebben fouten; er is niets ingelezen. Los ze op en probeer het opnieuw."
            ),
            (I::HasErrors { rows }, Lang::En) => {
                format!("{rows} rows have errors; nothing was imported. Fix them and try again.")
            }
            (I::Store(e), _) => e.error_message(lang),
            (I::Vault(e), _) => e.error_message(lang),
            _ => self.error_code().message(lang).to_owned(),
        }
    }

    fn validation(&self) -> Option<&ValidationErrors> {
        match self {
            crate::import::ImportError::Store(e) => e.validation(),
            _ => None,
        }
    }
}

impl<T: Coded + ?Sized> Coded for &T {
    fn error_code(&self) -> ErrorCode {
        (**self).error_code()
    }

    fn error_message(&self, lang: Lang) -> String {
        (**self).error_message(lang)
    }

    fn validation(&self) -> Option<&ValidationErrors> {
        (**self).validation()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ValidationCode;
    use crate::report::ReportError;
    use crate::report::disclosure::DisclosureError;
    use crate::report::export::ExportError;
    use std::collections::BTreeSet;

    #[test]
    fn every_code_is_distinct_serialises_as_itself_and_has_both_messages() {
        let codes: BTreeSet<&str> = ErrorCode::ALL.iter().map(|c| c.code()).collect();
        assert_eq!(
            codes.len(),
            ErrorCode::ALL.len(),
            "two error codes share a code string, so a script could not tell them apart"
        );
        for &c in ErrorCode::ALL {
            assert_eq!(
                serde_json::to_value(c).expect("an ErrorCode serialises"),
                serde_json::Value::from(c.code()),
                "{c:?}: the serialised name (CLI --json, IPC, TypeScript) must be code()"
            );
            assert!(
                c.code()
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{c:?}: codes are snake_case words"
            );
            for lang in [Lang::Nl, Lang::En] {
                assert!(
                    !c.message(lang).trim().is_empty(),
                    "{c:?} needs a {lang:?} message for the advisor"
                );
            }
            assert_ne!(
                c.message(Lang::Nl),
                c.message(Lang::En),
                "{c:?}: the Dutch and English messages must both be written"
            );
            assert_eq!(
                c.to_string(),
                c.code(),
                "{c:?}: Display prints the code, for logs"
            );
        }
    }

    #[test]
    fn the_codes_that_once_disagreed_between_the_shells_are_the_shared_ones() {
        assert_eq!(
            VaultError::Locked.error_code().code(),
            "locked_elsewhere",
            "the CLI once said `locked` where the app said `locked_elsewhere`"
        );
        assert_eq!(
            StoreError::Integrity { problems: 2 }.error_code().code(),
            "damaged",
            "the CLI once said `integrity` where the app said `damaged`"
        );
        assert_eq!(
            ExportError::Render { code: "render_pdf" }
                .error_code()
                .code(),
            "render_failed",
            "the CLI once said `render` where the app said `render_failed`"
        );
        for damaged in [
            VaultError::Truncated,
            VaultError::Tampered,
            VaultError::TrailingBytes,
            VaultError::MalformedHeader,
            VaultError::ExcessiveWorkFactor {
                required: 30,
                maximum: 22,
            },
        ] {
            assert_eq!(
                damaged.error_code(),
                ErrorCode::Damaged,
                "{damaged:?} is one kind of damage for a script or the UI"
            );
        }
    }

    #[test]
    fn wrapped_errors_keep_the_code_and_the_fields_of_the_inner_error() {
        let invalid =
            StoreError::Validation(ValidationErrors::single("name", ValidationCode::Required));
        let wrapped = ExportError::Vault(VaultError::Store(invalid));
        assert_eq!(
            wrapped.error_code(),
            ErrorCode::Validation,
            "an export that failed on invalid input reports `validation`, not a wrapper code"
        );
        assert!(
            wrapped
                .validation()
                .is_some_and(|v| v.has("name", ValidationCode::Required)),
            "and the shells can still list the invalid fields"
        );
        assert_eq!(
            ReportError::Store(StoreError::NotFound {
                what: "organisation"
            })
            .error_code(),
            ErrorCode::NotFound,
            "a report on a missing organisation is `not_found`"
        );
    }

    #[test]
    fn specific_messages_carry_only_safe_structured_data() {
        let pooled = ReportError::PooledTooFew { minimum: 5 };
        assert!(
            pooled.error_message(Lang::Nl).contains("ten minste 5"),
            "the minimum count is worth saying, in Dutch"
        );
        assert!(
            pooled.error_message(Lang::En).contains("at least 5"),
            "and in English"
        );
        let frozen = ReportError::Frozen {
            period: "2025-Q3".into(),
        };
        assert_eq!(
            frozen.error_message(Lang::En),
            ErrorCode::PeriodFrozen.message(Lang::En),
            "a frozen period's message is the code's message"
        );
        let profile = ReportError::ProfileFrozen {
            period: "2025".into(),
            profile: "strikt",
        };
        let message = profile.error_message(Lang::Nl);
        assert!(
            message.contains("strikt") && profile.error_code() == ErrorCode::ProfileFrozen,
            "a period frozen under another profile names that profile: {message}"
        );
        let disclosure = ReportError::Disclosure(DisclosureError::LedgerDiscloses {
            table: "categorie".into(),
            cell: "pesten|2025-Q1".into(),
        });
        let message = disclosure.error_message(Lang::En);
        assert!(
            message.starts_with(ErrorCode::AnonymisationFailed.message(Lang::En))
                && !message.contains("pesten"),
            "a disclosure failure says so, with its step's code but no cell key: {message}"
        );
    }
}
