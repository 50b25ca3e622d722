//! TypeScript bindings of every type that crosses IPC, generated with ts-rs into
//! `ui/src/lib/bindings/`. The test `bindings_are_current` fails when the committed files are
//! stale; run it with `KLUIS_WRITE_BINDINGS=1` to rewrite them.

use std::path::Path;
use ts_rs::{Config, ExportError, TS};

/// Writes every binding into `dir`.
pub fn export_all(dir: &Path) -> Result<(), ExportError> {
    use kluis::model::*;
    let cfg = Config::new().with_large_int("number").with_out_dir(dir);
    macro_rules! export {
        ($($t:ty),+ $(,)?) => { $( <$t as TS>::export_all(&cfg)?; )+ };
    }
    export!(
        crate::error::IpcError,
        kluis::error::ErrorCode,
        crate::state::VaultStatus,
        crate::state::RecentVault,
        crate::commands::app::AppInfo,
        crate::commands::app::AboutInfo,
        crate::commands::vault::DemoVault,
        crate::commands::vault::UnlockMethod,
        kluis::store::Settings,
        kluis::signing::PublicKeyView,
        kluis::Lang,
        Organisation,
        OrganisationInput,
        Category,
        Dossier,
        DossierInput,
        DossierSummary,
        DossierFilter,
        CloseInput,
        Conversation,
        ConversationInput,
        TimeEntry,
        TimeEntryInput,
        MonthHours,
        Overview,
        ValidationErrors,
        kluis::report::Profile,
        crate::commands::reports::ReportRequestInput,
        crate::commands::reports::ReportView,
        crate::commands::reports::ReportOptions,
        crate::commands::reports::ExportTargetInput,
        kluis::report::Narrative,
        kluis::report::lint::NarrativeSection,
        kluis::report::lint::LintRule,
        kluis::report::export::ExportFormat,
        kluis::report::export::ExportOutcome,
        RetentionRule,
        OrganisationRetention,
        DestructionBlock,
        DestructionItem,
        DestructionPlan,
        DestroyRequest,
        DestructionOutcome,
        DestructionLogEntry,
        DestroyedCopies,
        DeadlineKind,
        DeadlineUrgency,
        Deadline,
        DeadlineInput,
        DeadlineSummary,
        Breach,
        BreachInput,
        IdentityCheck,
        AccessRequestInput,
        AccessRequest,
        kluis::access::AccessDocument,
        kluis::access::AccessField,
        kluis::access::AccessConversation,
        kluis::access::AccessRequestPart,
        kluis::access::AccessFile,
        crate::commands::import::ImportInspection,
        crate::commands::import::SheetSummary,
        kluis::import::Mapping,
        kluis::import::ValueReview,
        kluis::import::DryRun,
        kluis::import::ImportOutcome,
        PartyRole,
        SupportedSide,
        ConflictDecision,
        LinkKind,
        PartyInput,
        Party,
        ConflictMatch,
        ConflictDecisionInput,
        ConflictDecisionRecord,
        DossierLink,
        PartyOverview,
        kluis::store::TimelineEvent,
        kluis::store::TimelineKind,
        kluis::store::AdvisorDetails,
        kluis::store::Invoice,
        kluis::store::InvoiceStatus,
        kluis::invoice::Agreement,
        kluis::invoice::Debtor,
        kluis::invoice::PostalAddress,
        kluis::invoice::InvoiceLine,
        kluis::invoice::InvoiceUnit,
        kluis::invoice::Totals,
        kluis::invoice::VatTotal,
        kluis::invoice::export::InvoiceFile,
        DocumentKind,
        Document,
        DocumentsSummary,
        kluis::documents::OriginalFile,
        kluis::documents::DocumentCopy,
        crate::commands::documents::DocumentsView,
        crate::commands::documents::DocumentAdded,
        LetterKind,
        LetterVia,
        LetterField,
        kluis::letter::LetterTemplate,
        kluis::letter::LetterInput,
        kluis::letter::LetterDraft,
        kluis::letter::Letter,
        kluis::letter::export::LetterFile,
        crate::commands::letters::LetterCopied,
        kluis::handover::ReceiveKey,
        kluis::handover::HandoverFile,
        kluis::handover::HandoverImported,
        kluis::joint::ContributionFile,
        kluis::joint::ContributionImported,
        kluis::joint::ContributionView,
        kluis::joint::ReceiptFile,
        kluis::joint::ReceiptImported,
        kluis::handover::package::HandoverOptions,
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};

    fn read_dir(dir: &Path) -> BTreeMap<String, String> {
        std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .flatten()
                    .filter(|e| e.path().extension().is_some_and(|x| x == "ts"))
                    .map(|e| {
                        (
                            e.file_name().to_string_lossy().into_owned(),
                            std::fs::read_to_string(e.path()).unwrap_or_default(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn bindings_are_current() {
        let committed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings");
        if std::env::var_os("KLUIS_WRITE_BINDINGS").is_some() {
            let _ = std::fs::remove_dir_all(&committed);
            super::export_all(&committed).expect("bindings are written");
        }
        let fresh = tempfile::tempdir().expect("tempdir");
        super::export_all(fresh.path()).expect("bindings generate");
        let expected = read_dir(fresh.path());
        assert!(expected.len() > 20, "every IPC type has a binding");
        let actual = read_dir(&committed);
        let stale: Vec<&String> = expected
            .keys()
            .chain(actual.keys())
            .filter(|k| expected.get(*k) != actual.get(*k))
            .collect();
        assert!(
            stale.is_empty(),
            "ui/src/lib/bindings is stale ({stale:?}): run `KLUIS_WRITE_BINDINGS=1 cargo test -p kluis-app bindings` and commit"
        );
    }
}
