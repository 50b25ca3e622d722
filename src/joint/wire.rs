//! What a contribution and a receipt hold, as JSON inside age. Organisations are written as
//! small numbers, never as another vault's ids: `0` is the contributor's share of the client
//! (in a receipt: the receiving contributor's own), `1`, `2`, ... the other participants.

use crate::model::{CellQuery, ReportPeriod, ReportableDossier};
use crate::report::ReportKey;
use crate::store::{CountedDossier, ReleasedFact, ReleasedGuard};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The `format` of a contribution.
pub const CONTRIBUTION_FORMAT: &str = "kluis-bijdrage";
/// The `format` of a receipt.
pub const RECEIPT_FORMAT: &str = "kluis-ontvangstbewijs";
/// The version both are written in.
pub const VERSION: u32 = 1;

/// One coded record: what a report counts of a dossier, no notes, names, numbers or dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireUnit {
    /// Whose (0: the contributor; in a receipt 1.. the others).
    pub participant: i64,
    /// The quarter it is counted in (`2026-Q2`).
    pub quarter: String,
    /// Counted later than its own quarter.
    pub late: bool,
    /// Its coded attributes (`organisation_id` is the participant).
    pub dossier: ReportableDossier,
}

/// One released cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireFact {
    /// Its report's key (participants as small numbers).
    pub report_key: String,
    /// Table code.
    pub table_code: String,
    /// Cell key.
    pub cell_key: String,
    /// Which records it counts (participants as small numbers).
    pub selection: CellQuery,
    /// The smallest value the report allows.
    pub lower: u64,
    /// The largest; `None`: no upper end.
    pub upper: Option<u64>,
}

/// One protected cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireGuard {
    /// Its report's key.
    pub report_key: String,
    /// Table code.
    pub table_code: String,
    /// Cell key.
    pub cell_key: String,
    /// Which records it protects.
    pub selection: CellQuery,
}

/// A released report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireReport {
    /// Its key.
    pub key: String,
    /// Its period (`2026`).
    pub period: String,
}

/// A contribution: what a joint report needs from one advisor.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Contribution {
    /// [`CONTRIBUTION_FORMAT`].
    pub format: String,
    /// [`VERSION`].
    pub version: u32,
    /// Random, names this contribution (its receipt answers it).
    pub nonce: String,
    /// The client's name (matched by name in the coordinator's vault).
    pub organisation: String,
    /// The period of the joint report.
    pub period: String,
    /// The contributing advisor's name (from their settings; may be empty).
    pub advisor: String,
    /// Their receiving key (`age1...`): the receipt is sealed to it.
    pub from: String,
    /// The coded records of the years in play.
    pub units: Vec<WireUnit>,
    /// The contributor's earlier reports of the client in those years.
    pub reports: Vec<WireReport>,
    /// What they released.
    pub facts: Vec<WireFact>,
    /// What they protect.
    pub guards: Vec<WireGuard>,
}

/// A receipt: the joint release, for one contributor's ledger.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Receipt {
    /// [`RECEIPT_FORMAT`].
    pub format: String,
    /// [`VERSION`].
    pub version: u32,
    /// The nonce of the contribution it answers.
    pub nonce: String,
    /// The joint report's key (0: the contributor, 1..: the others).
    pub key: String,
    /// Its period.
    pub period: String,
    /// The coordinating advisor's name (may be empty).
    pub coordinator: String,
    /// How many other participants the records and cells name (1..=others).
    pub others: i64,
    /// The others' coded records in the years the joint report's cells span.
    pub units: Vec<WireUnit>,
    /// What the joint report released.
    pub facts: Vec<WireFact>,
    /// What it protects.
    pub guards: Vec<WireGuard>,
}

/// A receipt as sent: its JSON, signed with the coordinator's signing key.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SignedReceipt {
    /// The receipt's JSON, exactly as signed.
    pub receipt: String,
    /// The signature (minisign format).
    pub signature: String,
    /// The coordinator's public signing key (base64, as `kluis key show` prints it).
    pub public_key: String,
}

/// Organisation ids renamed between a vault and the wire (`None`: refuse the record).
pub(crate) type Rename<'a> = &'a dyn Fn(i64) -> Option<i64>;

fn rename_set(s: &BTreeSet<i64>, f: Rename<'_>) -> Option<BTreeSet<i64>> {
    s.iter().map(|&o| f(o)).collect()
}

/// A query renamed; `None` when it names an organisation `f` refuses.
pub(crate) fn rename_query(q: &CellQuery, f: Rename<'_>) -> Option<CellQuery> {
    if q.organisation_sets()
        .into_iter()
        .any(|s| rename_set(s, f).is_none())
    {
        return None;
    }
    Some(q.map_organisations(&|s| rename_set(s, f).unwrap_or_default()))
}

/// A key renamed (and its organisations sorted again).
pub(crate) fn rename_key(text: &str, f: Rename<'_>) -> Option<String> {
    let mut key = ReportKey::parse(text).ok()?;
    key.organisations = key
        .organisations
        .iter()
        .map(|&o| f(o))
        .collect::<Option<BTreeSet<i64>>>()?
        .into_iter()
        .collect();
    Some(key.to_string())
}

impl WireFact {
    /// A fact for the wire.
    pub(crate) fn out(f: &ReleasedFact, r: Rename<'_>) -> Option<WireFact> {
        Some(WireFact {
            report_key: rename_key(&f.report_key, r)?,
            table_code: f.table_code.clone(),
            cell_key: f.cell_key.clone(),
            selection: rename_query(&f.selection, r)?,
            lower: f.lower,
            upper: f.upper,
        })
    }

    /// A fact from the wire.
    pub(crate) fn inn(&self, r: Rename<'_>) -> Option<ReleasedFact> {
        if self.upper.is_some_and(|u| u < self.lower) {
            return None;
        }
        Some(ReleasedFact {
            report_key: rename_key(&self.report_key, r)?,
            table_code: self.table_code.clone(),
            cell_key: self.cell_key.clone(),
            selection: rename_query(&self.selection, r)?,
            lower: self.lower,
            upper: self.upper,
        })
    }
}

impl WireGuard {
    /// A guard for the wire.
    pub(crate) fn out(g: &ReleasedGuard, r: Rename<'_>) -> Option<WireGuard> {
        Some(WireGuard {
            report_key: rename_key(&g.report_key, r)?,
            table_code: g.table_code.clone(),
            cell_key: g.cell_key.clone(),
            selection: rename_query(&g.selection, r)?,
        })
    }

    /// A guard from the wire.
    pub(crate) fn inn(&self, r: Rename<'_>) -> Option<ReleasedGuard> {
        Some(ReleasedGuard {
            report_key: rename_key(&self.report_key, r)?,
            table_code: self.table_code.clone(),
            cell_key: self.cell_key.clone(),
            selection: rename_query(&self.selection, r)?,
        })
    }
}

impl WireUnit {
    /// A record from the wire, for `store::NewParticipant` (its quarter checked).
    pub(crate) fn inn(&self) -> Option<CountedDossier> {
        match ReportPeriod::parse(&self.quarter) {
            Ok(q @ ReportPeriod::Quarter(..)) => Some(CountedDossier {
                dossier_id: 0,
                quarter: q.code(),
                late: self.late,
                dossier: self.dossier.clone(),
            }),
            _ => None,
        }
    }
}
