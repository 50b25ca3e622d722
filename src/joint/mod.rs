//! Joint reports of several advisors for one client ("gezamenlijke rapportage", issue 12
//! part 2), for both shells. Bureaus place several advisors at one client; the client wants
//! one report. Each step is a file between colleagues, sealed with age to a receiving key
//! (`crate::handover`):
//!
//! 1. [`contribute`]: an advisor writes a contribution ("bijdrage") for a client and period:
//!    the coded records a report of those years counts ([`ReportableDossier`]: no notes,
//!    names, numbers or dates, the quarter only) and their own release ledger of the client
//!    in those years, sealed to the coordinating advisor's receiving key;
//! 2. [`import_contribution`]: the coordinator takes it in as a participant row
//!    (`store::joint`): the records frozen, the ledger as that share's;
//! 3. the joint report is an ordinary report request with `joint` set
//!    ([`crate::report::build_joint_report`]): the same gates, suppression and audit, against
//!    the union of every participant's ledger; exporting it records the release for the
//!    client and every share;
//! 4. [`receipts`]: for each contributor, the joint release ("ontvangstbewijs"), signed with
//!    the coordinator's signing key and sealed to the contributor's receiving key. It carries
//!    the other participants' coded records in the years the release spans (merged where no
//!    released cell tells them apart): later reports are audited against the joint release
//!    exactly, and that needs the true counts behind it;
//! 5. [`import_receipt`]: the contributor takes it in (only the answer to a contribution it
//!    sent, only once, only with a valid signature), so that every later individual report
//!    of the client is audited against the joint one: joint minus own stays protected.

pub mod wire;

use crate::error::{Coded, ErrorCode};
use crate::handover::{self, HandoverError, HandoverTo, fingerprint};
use crate::model::{ReportPeriod, ValidationErrors};
use crate::report::export::{ExportError, deliver};
use crate::report::history::years_in_play;
use crate::report::{ReportKey, participants::Merge};
use crate::signing::{PublicKey, trusted_comment};
use crate::store::{
    CountedDossier, LedgerPart, NewParticipant, Store, StoreError, placeholder, sha256_hex,
};
use crate::vault::{Vault, VaultError};
use crate::{Clock, Lang};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use wire::{
    CONTRIBUTION_FORMAT, Contribution, RECEIPT_FORMAT, Receipt, SignedReceipt, VERSION, WireFact,
    WireGuard, WireReport, WireUnit,
};

/// `joint_participants.source` of a contribution.
pub const SOURCE_CONTRIBUTION: &str = "bijdrage";
/// `joint_participants.source` of the participants a receipt names.
pub const SOURCE_RECEIPT: &str = "ontvangstbewijs";
/// The export-log kind of a contribution.
pub const LOG_CONTRIBUTION: &str = "bijdrage";
/// The export-log kind of a receipt.
pub const LOG_RECEIPT: &str = "ontvangstbewijs";

/// Why a joint-report step failed. Carries no case content.
#[derive(Debug, thiserror::Error)]
pub enum JointError {
    /// Not a contribution for this vault (another file, key, version) or damaged.
    #[error("not a contribution")]
    NotAContribution,
    /// Not a valid receipt for a contribution of this vault.
    #[error("not a receipt")]
    NotAReceipt,
    /// Taken in before.
    #[error("imported before")]
    Exists,
    /// The client shares its release history with other organisations in these years.
    #[error("pooled release history")]
    PooledHistory,
    /// No organisation here has the contribution's name.
    #[error("unknown organisation")]
    UnknownOrganisation,
    /// A record names a category this vault does not know.
    #[error("unknown category")]
    UnknownCategory,
    /// Receipts for a joint report that was not exported.
    #[error("joint report not published")]
    NotPublished,
    /// The store refused.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Writing a file failed.
    #[error(transparent)]
    Export(#[from] ExportError),
    /// Saving the vault failed.
    #[error(transparent)]
    Vault(#[from] VaultError),
    /// Sealing or the receiving key failed.
    #[error(transparent)]
    Handover(#[from] HandoverError),
}

impl Coded for JointError {
    fn error_code(&self) -> ErrorCode {
        match self {
            JointError::NotAContribution => ErrorCode::NotAContribution,
            JointError::NotAReceipt => ErrorCode::NotAReceipt,
            JointError::Exists => ErrorCode::ContributionExists,
            JointError::PooledHistory => ErrorCode::JointPooledHistory,
            JointError::UnknownOrganisation => ErrorCode::JointUnknownOrganisation,
            JointError::UnknownCategory => ErrorCode::JointUnknownCategory,
            JointError::NotPublished => ErrorCode::JointNotPublished,
            JointError::Store(e) => e.error_code(),
            JointError::Export(e) => e.error_code(),
            JointError::Vault(e) => e.error_code(),
            JointError::Handover(e) => e.error_code(),
        }
    }

    fn error_message(&self, lang: Lang) -> String {
        match self {
            JointError::Store(e) => e.error_message(lang),
            JointError::Export(e) => e.error_message(lang),
            JointError::Vault(e) => e.error_message(lang),
            JointError::Handover(e) => e.error_message(lang),
            other => other.error_code().message(lang).to_owned(),
        }
    }

    fn validation(&self) -> Option<&ValidationErrors> {
        match self {
            JointError::Store(e) => e.validation(),
            JointError::Export(e) => e.validation(),
            JointError::Vault(e) => e.validation(),
            JointError::Handover(e) => e.validation(),
            _ => None,
        }
    }
}

/// 16 random bytes, hex.
fn nonce() -> String {
    use rand_core::RngCore as _;
    let mut bytes = [0u8; 16];
    rand_core::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A contribution written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ContributionFile {
    /// Where.
    pub path: String,
    /// The period (`2026`).
    pub period: String,
    /// How many coded records it holds.
    pub records: usize,
    /// How many earlier reports of the client it carries.
    pub reports: usize,
    /// For whom: the coordinator's key fingerprint.
    pub recipient: String,
    /// SHA-256 of the file, hex (as in the export log).
    pub sha256: String,
}

/// Writes the contribution of organisation `org` for `period` to `dest` (which must not
/// exist), sealed to the coordinator's receiving key `to`; records it, logs `bijdrage` and
/// saves. See the module docs.
pub fn contribute(
    vault: &mut Vault,
    org: i64,
    period: ReportPeriod,
    to: &str,
    dest: &Path,
    clock: Clock,
) -> Result<ContributionFile, JointError> {
    let from = handover::receive_key(vault, clock)?.recipient;
    let store = vault.store();
    let organisation = store.organisation(org)?;
    let facts = store.release_facts(org)?;
    let guards = store.release_guards(org)?;
    // The years in play: the period's, and every year a release links to them.
    let years = years_in_play(period.years().into_iter().collect(), &facts, &guards);
    let in_play = |ys: BTreeSet<i32>| !ys.is_disjoint(&years);
    let own = |o: i64| (o == org).then_some(0);
    let mut wire_facts = Vec::new();
    for f in facts.iter().filter(|f| in_play(f.selection.years())) {
        wire_facts.push(WireFact::out(f, &own).ok_or(JointError::PooledHistory)?);
    }
    let mut wire_guards = Vec::new();
    for g in guards.iter().filter(|g| in_play(g.selection.years())) {
        wire_guards.push(WireGuard::out(g, &own).ok_or(JointError::PooledHistory)?);
    }
    let keys: BTreeSet<&str> = wire_facts
        .iter()
        .map(|f| f.report_key.as_str())
        .chain(wire_guards.iter().map(|g| g.report_key.as_str()))
        .collect();
    let mut reports = Vec::new();
    for r in store.released_reports(org)? {
        let wire_key = wire::rename_key(&r.report_key, &own);
        let spans_years = r.period.years().iter().any(|y| years.contains(y));
        match wire_key {
            Some(k) if spans_years || keys.contains(k.as_str()) => reports.push(WireReport {
                key: k,
                period: r.period.code(),
            }),
            None if spans_years => return Err(JointError::PooledHistory),
            _ => {}
        }
    }
    let year_list: Vec<i32> = years.iter().copied().collect();
    let mut units = Vec::new();
    let mut counted = Vec::new();
    for y in store.year_dossiers(&[org], &year_list)? {
        if let (false, Some(id)) = (y.frozen, y.dossier_id) {
            counted.push(CountedDossier {
                dossier_id: id,
                quarter: y.quarter.code(),
                late: y.late,
                dossier: y.dossier.clone(),
            });
        }
        let mut dossier = y.dossier;
        dossier.organisation_id = 0;
        units.push(WireUnit {
            participant: 0,
            quarter: y.quarter.code(),
            late: y.late,
            dossier,
        });
    }
    let contribution = Contribution {
        format: CONTRIBUTION_FORMAT.to_owned(),
        version: VERSION,
        nonce: nonce(),
        organisation: organisation.name.clone(),
        period: period.code(),
        advisor: store.advisor_name()?,
        from,
        units,
        reports,
        facts: wire_facts,
        guards: wire_guards,
    };
    let plain = zeroize::Zeroizing::new(
        serde_json::to_vec(&contribution)
            .map_err(|_| JointError::Export(ExportError::Render { code: "joint_data" }))?,
    );
    let sealed = handover::seal_bytes(&plain, &HandoverTo::Key(to.trim().to_owned()))?;
    let sha256 = sha256_hex(&sealed);
    let (_, failed) = deliver(&[(dest, sealed.as_slice())])?;
    if let Some(e) = failed {
        return Err(e.into());
    }
    let recipient = fingerprint(to.trim());
    let store = vault.store_mut();
    store.record_joint_sent(
        &contribution.nonce,
        org,
        &period.code(),
        &recipient,
        &counted,
        clock,
    )?;
    store.log_export(
        LOG_CONTRIBUTION,
        std::slice::from_ref(&organisation.name),
        &period.code(),
        &recipient,
        &sha256,
        clock,
    )?;
    vault.save(clock)?;
    Ok(ContributionFile {
        path: dest.to_string_lossy().into_owned(),
        period: period.code(),
        records: contribution.units.len(),
        reports: contribution.reports.len(),
        recipient,
        sha256,
    })
}

/// What an imported contribution added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ContributionImported {
    /// The client's name here.
    pub organisation: String,
    /// The period.
    pub period: String,
    /// The contributing advisor's name (may be empty).
    pub advisor: String,
    /// Their receiving key's fingerprint.
    pub fingerprint: String,
    /// How many coded records.
    pub records: usize,
    /// How many of their earlier reports.
    pub reports: usize,
}

/// Checks that every record's categories are known here.
fn check_categories<'a>(
    store: &Store,
    units: impl IntoIterator<Item = &'a WireUnit>,
) -> Result<(), JointError> {
    let known: BTreeSet<String> = store.categories()?.into_iter().map(|c| c.code).collect();
    for u in units {
        if u.dossier.categories.iter().any(|c| !known.contains(c)) {
            return Err(JointError::UnknownCategory);
        }
    }
    Ok(())
}

/// Opens a contribution made for this vault's receiving key and reads it (nothing is
/// added; [`import_contribution`] adds it).
pub fn read_contribution(store: &Store, bytes: &[u8]) -> Result<Contribution, JointError> {
    let plain =
        handover::open_bytes(store, bytes, None).map_err(|_| JointError::NotAContribution)?;
    let c: Contribution =
        serde_json::from_slice(&plain).map_err(|_| JointError::NotAContribution)?;
    if c.format != CONTRIBUTION_FORMAT || c.version != VERSION || c.nonce.len() != 32 {
        return Err(JointError::NotAContribution);
    }
    Ok(c)
}

/// Reads a contribution made for this vault and adds it as a participant of its client and
/// period, all or nothing; saves.
pub fn import_contribution(
    vault: &mut Vault,
    bytes: &[u8],
    clock: Clock,
) -> Result<ContributionImported, JointError> {
    let store = vault.store();
    let c = read_contribution(store, bytes)?;
    let period = ReportPeriod::parse(&c.period).map_err(|_| JointError::NotAContribution)?;
    if store.joint_nonce_known(&c.nonce)? {
        return Err(JointError::Exists);
    }
    let organisation = match store.organisation_by_name(&c.organisation) {
        Ok(o) => o,
        Err(StoreError::NotFound { .. }) => return Err(JointError::UnknownOrganisation),
        Err(e) => return Err(e.into()),
    };
    // One contribution per colleague, client and period: a second would count twice (and
    // what was taken in is part of the ledger, which never shrinks).
    if store
        .joint_participants(organisation.id, &period.code())?
        .iter()
        .any(|p| p.recipient == c.from)
    {
        return Err(JointError::Exists);
    }
    check_categories(store, &c.units)?;
    // The contributor's share is the first (and only) new participant.
    let share = |o: i64| (o == 0).then_some(placeholder(0));
    let bad = || JointError::NotAContribution;
    let units = c
        .units
        .iter()
        .map(|u| {
            (u.participant == 0)
                .then(|| u.inn())
                .flatten()
                .ok_or_else(bad)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let facts = c
        .facts
        .iter()
        .map(|f| f.inn(&share).ok_or_else(bad))
        .collect::<Result<Vec<_>, _>>()?;
    let guards = c
        .guards
        .iter()
        .map(|g| g.inn(&share).ok_or_else(bad))
        .collect::<Result<Vec<_>, _>>()?;
    let reports = c
        .reports
        .iter()
        .map(|r| {
            let key = wire::rename_key(&r.key, &share).ok_or_else(bad)?;
            let period = ReportPeriod::parse(&r.period).map_err(|_| bad())?;
            Ok((key, period))
        })
        .collect::<Result<Vec<_>, JointError>>()?;
    let participant = NewParticipant {
        joint_of: organisation.id,
        period: period.code(),
        source: SOURCE_CONTRIBUTION,
        nonce: c.nonce.clone(),
        recipient: c.from.clone(),
        fingerprint: fingerprint(&c.from),
        advisor: c.advisor.clone(),
        units,
    };
    let ledger = LedgerPart {
        organisations: vec![placeholder(0)],
        reports,
        facts,
        guards,
        freeze: Vec::new(),
    };
    vault
        .store_mut()
        .add_joint_participants(&[participant], &[ledger], clock)?;
    vault.save(clock)?;
    Ok(ContributionImported {
        organisation: organisation.name,
        period: period.code(),
        advisor: c.advisor,
        fingerprint: fingerprint(&c.from),
        records: c.units.len(),
        reports: c.reports.len(),
    })
}

/// The newest joint report of `org` for `period` in the ledger.
fn published_joint(store: &Store, org: i64, period: ReportPeriod) -> Result<ReportKey, JointError> {
    store
        .released_reports(org)?
        .into_iter()
        .rev()
        .filter_map(|r| ReportKey::parse(&r.report_key).ok())
        .find(|k| k.joint && k.period == period && k.organisations.contains(&org))
        .ok_or(JointError::NotPublished)
}

/// A receipt written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReceiptFile {
    /// Where.
    pub path: String,
    /// For whom: the contributor's name (may be empty).
    pub advisor: String,
    /// Their receiving key's fingerprint.
    pub recipient: String,
    /// SHA-256 of the file, hex.
    pub sha256: String,
}

/// Writes a receipt for every contributor of the exported joint report of `org` and `period`
/// into `dir` (`ontvangstbewijs-<period>-<fingerprint>.age`, never over a file); logs each
/// and saves.
pub fn receipts(
    vault: &mut Vault,
    org: i64,
    period: ReportPeriod,
    dir: &Path,
    clock: Clock,
) -> Result<Vec<ReceiptFile>, JointError> {
    let signing = vault.signing_key(clock)?;
    let store = vault.store();
    let organisation = store.organisation(org)?;
    let key = published_joint(store, org, period)?;
    let key_text = key.to_string();
    let facts: Vec<_> = store
        .release_facts(org)?
        .into_iter()
        .filter(|f| f.report_key == key_text)
        .collect();
    let guards: Vec<_> = store
        .release_guards(org)?
        .into_iter()
        .filter(|g| g.report_key == key_text)
        .collect();
    let mut years = BTreeSet::new();
    for q in facts
        .iter()
        .map(|f| &f.selection)
        .chain(guards.iter().map(|g| &g.selection))
    {
        years.extend(q.years());
    }
    let year_list: Vec<i32> = years.iter().copied().collect();
    let participants: BTreeMap<i64, crate::store::JointParticipant> = store
        .joint_participants(org, &period.code())?
        .into_iter()
        .filter(|p| {
            p.source == SOURCE_CONTRIBUTION && key.organisations.contains(&p.organisation_id)
        })
        .map(|p| (p.organisation_id, p))
        .collect();
    let coordinator = store.advisor_name()?;
    // What the receipts carry, as a history: the cells that may tell participants apart.
    let history = crate::report::history::History {
        facts: facts.clone(),
        guards: guards.clone(),
        ..Default::default()
    };
    let mut sealed_files = Vec::new();
    for (&share, p) in &participants {
        let others: Vec<i64> = key
            .organisations
            .iter()
            .copied()
            .filter(|&o| o != share)
            .collect();
        // The others as this contributor's readers can tell them apart.
        let merge = Merge::of(&others, &history);
        let reps: Vec<i64> = merge
            .set(&others.iter().copied().collect())
            .into_iter()
            .collect();
        let number = |o: i64| -> Option<i64> {
            if o == share {
                return Some(0);
            }
            let rep = merge.set(&[o].into()).into_iter().next()?;
            reps.iter().position(|&r| r == rep).map(|i| i as i64 + 1)
        };
        let mut units = Vec::new();
        for &o in &others {
            let n = number(o).ok_or(JointError::PooledHistory)?;
            for y in store.year_dossiers(&[o], &year_list)? {
                let mut dossier = y.dossier;
                dossier.organisation_id = n;
                units.push(WireUnit {
                    participant: n,
                    quarter: y.quarter.code(),
                    late: y.late,
                    dossier,
                });
            }
        }
        let receipt = Receipt {
            format: RECEIPT_FORMAT.to_owned(),
            version: VERSION,
            nonce: p.nonce.clone(),
            key: wire::rename_key(&key_text, &number).ok_or(JointError::PooledHistory)?,
            period: period.code(),
            coordinator: coordinator.clone(),
            others: reps.len() as i64,
            units,
            facts: facts
                .iter()
                .map(|f| WireFact::out(f, &number).ok_or(JointError::PooledHistory))
                .collect::<Result<_, _>>()?,
            guards: guards
                .iter()
                .map(|g| WireGuard::out(g, &number).ok_or(JointError::PooledHistory))
                .collect::<Result<_, _>>()?,
        };
        let json = serde_json::to_string(&receipt)
            .map_err(|_| JointError::Export(ExportError::Render { code: "joint_data" }))?;
        let name = format!(
            "ontvangstbewijs-{}-{}.age",
            period.code(),
            p.fingerprint.replace(' ', "")
        );
        let signed = SignedReceipt {
            signature: signing.sign(json.as_bytes(), &trusted_comment(&name, clock)),
            public_key: signing.public_key().to_base64(),
            receipt: json,
        };
        let plain = zeroize::Zeroizing::new(
            serde_json::to_vec(&signed)
                .map_err(|_| JointError::Export(ExportError::Render { code: "joint_data" }))?,
        );
        let sealed = handover::seal_bytes(&plain, &HandoverTo::Key(p.recipient.clone()))?;
        sealed_files.push((dir.join(name), sealed, p.clone()));
    }
    let items: Vec<(&Path, &[u8])> = sealed_files
        .iter()
        .map(|(path, bytes, _)| (path.as_path(), bytes.as_slice()))
        .collect();
    let (written, failed) = deliver(&items)?;
    let mut out = Vec::new();
    for (path, bytes, p) in sealed_files.iter().take(written) {
        let sha256 = sha256_hex(bytes);
        vault.store_mut().log_export(
            LOG_RECEIPT,
            std::slice::from_ref(&organisation.name),
            &period.code(),
            &p.fingerprint,
            &sha256,
            clock,
        )?;
        out.push(ReceiptFile {
            path: path.to_string_lossy().into_owned(),
            advisor: p.advisor.clone(),
            recipient: p.fingerprint.clone(),
            sha256,
        });
    }
    vault.save(clock)?;
    if let Some(e) = failed {
        return Err(e.into());
    }
    Ok(out)
}

/// What an imported receipt added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReceiptImported {
    /// The client's name here.
    pub organisation: String,
    /// The period.
    pub period: String,
    /// The coordinating advisor's name (may be empty).
    pub coordinator: String,
    /// The fingerprint of the key that signed it (compare with the coordinator's).
    pub signer: String,
    /// How many cells of the joint report it records.
    pub facts: usize,
}

/// Reads a receipt for a contribution this vault sent: checks its signature, records the
/// joint release for the client and the other participants (with their records), all or
/// nothing; saves.
pub fn import_receipt(
    vault: &mut Vault,
    bytes: &[u8],
    clock: Clock,
) -> Result<ReceiptImported, JointError> {
    let store = vault.store();
    let plain = handover::open_bytes(store, bytes, None).map_err(|_| JointError::NotAReceipt)?;
    let signed: SignedReceipt =
        serde_json::from_slice(&plain).map_err(|_| JointError::NotAReceipt)?;
    let signer = PublicKey::parse(&signed.public_key).map_err(|_| JointError::NotAReceipt)?;
    signer
        .verify(signed.receipt.as_bytes(), signed.signature.as_bytes())
        .map_err(|_| JointError::NotAReceipt)?;
    let r: Receipt = serde_json::from_str(&signed.receipt).map_err(|_| JointError::NotAReceipt)?;
    if r.format != RECEIPT_FORMAT || r.version != VERSION || !(1..=64).contains(&r.others) {
        return Err(JointError::NotAReceipt);
    }
    let sent = store.joint_sent(&r.nonce)?.ok_or(JointError::NotAReceipt)?;
    if sent.receipt_key.is_some() {
        return Err(JointError::Exists);
    }
    let period = ReportPeriod::parse(&r.period).map_err(|_| JointError::NotAReceipt)?;
    if period.code() != sent.period {
        return Err(JointError::NotAReceipt);
    }
    check_categories(store, &r.units)?;
    let org = sent.organisation_id;
    let organisation = store.organisation(org)?;
    let others = r.others;
    let here = |o: i64| match o {
        0 => Some(org),
        n if (1..=others).contains(&n) => usize::try_from(n - 1).ok().map(placeholder),
        _ => None,
    };
    let bad = || JointError::NotAReceipt;
    let signer_fp = signer.fingerprint();
    let mut participants: Vec<NewParticipant> = (1..=others)
        .map(|n| NewParticipant {
            joint_of: org,
            period: period.code(),
            source: SOURCE_RECEIPT,
            nonce: format!("{}:{n}", r.nonce),
            recipient: String::new(),
            fingerprint: signer_fp.clone(),
            advisor: String::new(),
            units: Vec::new(),
        })
        .collect();
    for u in &r.units {
        let n = usize::try_from(u.participant - 1).map_err(|_| bad())?;
        let slot = participants.get_mut(n).ok_or_else(bad)?;
        slot.units.push(u.inn().ok_or_else(bad)?);
    }
    let key = wire::rename_key(&r.key, &here).ok_or_else(bad)?;
    let ledger = LedgerPart {
        organisations: std::iter::once(org)
            .chain((0..participants.len()).map(placeholder))
            .collect(),
        reports: vec![(key, period)],
        facts: r
            .facts
            .iter()
            .map(|f| f.inn(&here).ok_or_else(bad))
            .collect::<Result<_, _>>()?,
        guards: r
            .guards
            .iter()
            .map(|g| g.inn(&here).ok_or_else(bad))
            .collect::<Result<_, _>>()?,
        // What this vault sent is what the joint report counted: frozen as sent.
        freeze: sent.counted.clone(),
    };
    let facts = ledger.facts.len();
    let store = vault.store_mut();
    let ids = store.add_joint_participants(&participants, &[ledger], clock)?;
    let stored = wire::rename_key(&r.key, &|o| match o {
        0 => Some(org),
        n => usize::try_from(n - 1)
            .ok()
            .and_then(|i| ids.get(i).copied()),
    })
    .ok_or_else(bad)?;
    store.record_joint_receipt(&r.nonce, &stored, &signer_fp, clock)?;
    vault.save(clock)?;
    Ok(ReceiptImported {
        organisation: organisation.name,
        period: period.code(),
        coordinator: r.coordinator,
        signer: signer_fp,
        facts,
    })
}

/// The contributions imported for a client and period (what a joint report would add).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ContributionView {
    /// The contributing advisor's name (may be empty).
    pub advisor: String,
    /// Their receiving key's fingerprint.
    pub fingerprint: String,
    /// How many coded records.
    pub records: u64,
}

/// The contributions imported for `org` and `period`.
pub fn contributions(
    store: &Store,
    org: i64,
    period: ReportPeriod,
) -> Result<Vec<ContributionView>, StoreError> {
    Ok(store
        .joint_participants(org, &period.code())?
        .into_iter()
        .filter(|p| p.source == SOURCE_CONTRIBUTION)
        .map(|p| ContributionView {
            advisor: p.advisor,
            fingerprint: p.fingerprint,
            records: p.records,
        })
        .collect())
}
