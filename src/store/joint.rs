//! Joint reports in the vault (see `crate::joint`): the participants' rows and the
//! contributions sent.
//!
//! A participant is an organisation row marked in `joint_participants` that stands for a
//! share of a client seen from outside this vault: another advisor's contribution (at the
//! coordinator) or the other participants of a joint report (at a contributor, from the
//! receipt). Its frozen coded records go into `report_counted` (without a dossier) and its
//! release ledger into the ledger tables, all in one transaction: a participant is added
//! whole or not at all, and the ledger's triggers keep it from then on.

use super::{CountedDossier, ReleasedFact, ReleasedGuard, Store, StoreError};
use crate::Clock;
use crate::model::ReportPeriod;
use rusqlite::OptionalExtension as _;

/// A participant to add: its share of the client, frozen.
#[derive(Debug, Clone)]
pub struct NewParticipant {
    /// The client organisation in this vault.
    pub joint_of: i64,
    /// The period of the joint report it belongs to (`2026`).
    pub period: String,
    /// `bijdrage` (a contribution) or `ontvangstbewijs` (from a receipt).
    pub source: &'static str,
    /// Unique per participant (a contribution's nonce; a receipt's nonce and place).
    pub nonce: String,
    /// The contributor's receiving key (`age1...`), to seal its receipt; empty when unknown.
    pub recipient: String,
    /// Fingerprint of that key (or of the receipt's signer).
    pub fingerprint: String,
    /// The advisor's name as they gave it (may be empty).
    pub advisor: String,
    /// Its counted records (quarter, late, attributes; no dossier).
    pub units: Vec<CountedDossier>,
}

/// Releases to record with new participants, for each organisation of `organisations`.
/// Report keys and selections may name the new participants by [`placeholder`].
#[derive(Debug, Clone, Default)]
pub struct LedgerPart {
    /// Which organisations get the rows (ids here, or placeholders).
    pub organisations: Vec<i64>,
    /// Reports: key text and period.
    pub reports: Vec<(String, ReportPeriod)>,
    /// Facts.
    pub facts: Vec<ReleasedFact>,
    /// Guards.
    pub guards: Vec<ReleasedGuard>,
    /// Dossiers of this vault the release counted, frozen under their organisation.
    pub freeze: Vec<CountedDossier>,
}

/// How a key or selection names the `n`-th new participant before it has an id.
pub const fn placeholder(n: usize) -> i64 {
    -1 - n as i64
}

/// A participant as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JointParticipant {
    /// Its organisation row.
    pub organisation_id: i64,
    /// The client it is a share of.
    pub joint_of: i64,
    /// The joint report's period.
    pub period: String,
    /// `bijdrage` or `ontvangstbewijs`.
    pub source: String,
    /// Its nonce.
    pub nonce: String,
    /// The contributor's receiving key (may be empty).
    pub recipient: String,
    /// Its fingerprint.
    pub fingerprint: String,
    /// The advisor's name (may be empty).
    pub advisor: String,
    /// How many frozen records it holds.
    pub records: u64,
}

/// A contribution this vault sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JointSent {
    /// Its nonce.
    pub nonce: String,
    /// The client organisation.
    pub organisation_id: i64,
    /// The period.
    pub period: String,
    /// Fingerprint of the coordinator's receiving key.
    pub coordinator: String,
    /// The dossiers it counted, as sent (frozen when the receipt comes).
    pub counted: Vec<CountedDossier>,
    /// The key of the joint report, once its receipt was taken in.
    pub receipt_key: Option<String>,
    /// Fingerprint of the key that signed that receipt.
    pub receipt_signer: Option<String>,
}

fn integrity() -> StoreError {
    StoreError::Integrity { problems: 1 }
}

/// A stored key with the placeholders replaced.
fn map_key(text: &str, id: &dyn Fn(i64) -> i64) -> Result<String, StoreError> {
    let mut key = crate::report::ReportKey::parse(text).map_err(|_| integrity())?;
    for o in &mut key.organisations {
        *o = id(*o);
    }
    key.organisations.sort_unstable();
    key.organisations.dedup();
    Ok(key.to_string())
}

impl Store {
    /// Adds participants (see the module docs) and the releases that go with them, all or
    /// nothing. Returns their organisation ids, in order.
    pub(crate) fn add_joint_participants(
        &mut self,
        participants: &[NewParticipant],
        ledgers: &[LedgerPart],
        clock: Clock,
    ) -> Result<Vec<i64>, StoreError> {
        let now = clock.now.to_rfc3339();
        let tx = self.conn.transaction()?;
        let mut ids = Vec::with_capacity(participants.len());
        for p in participants {
            // A name nobody types: the nonce makes it unique; the row is never listed.
            tx.execute(
                "INSERT INTO organisations (name, employee_count, arrangement, contact_label,
                     archived, created_at)
                 VALUES (?1, 1, 'maatwerk', '', 1, ?2)",
                rusqlite::params![format!("\u{2060}deelnemer {}", p.nonce), now],
            )?;
            let id = tx.last_insert_rowid();
            ids.push(id);
            tx.execute(
                "INSERT INTO joint_participants (organisation_id, joint_of, period, source,
                     nonce, recipient, fingerprint, advisor, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                rusqlite::params![
                    id,
                    p.joint_of,
                    p.period,
                    p.source,
                    p.nonce,
                    p.recipient,
                    p.fingerprint,
                    p.advisor,
                    now
                ],
            )?;
            let mut unit = tx.prepare_cached(
                "INSERT INTO report_counted (organisation_id, dossier_id, quarter, late,
                     attributes, recorded_at)
                 VALUES (?1, NULL, ?2, ?3, ?4, ?5)",
            )?;
            for u in &p.units {
                let mut dossier = u.dossier.clone();
                dossier.organisation_id = id;
                let attributes = serde_json::to_string(&dossier).map_err(|_| integrity())?;
                unit.execute(rusqlite::params![id, u.quarter, u.late, attributes, now])?;
            }
        }
        let id = |o: i64| -> i64 {
            if o < 0 {
                usize::try_from(-1 - o)
                    .ok()
                    .and_then(|n| ids.get(n).copied())
                    .unwrap_or(o)
            } else {
                o
            }
        };
        let set = |s: &std::collections::BTreeSet<i64>| s.iter().map(|&o| id(o)).collect();
        for part in ledgers {
            let mut report = tx.prepare_cached(
                "INSERT OR IGNORE INTO released_reports (organisation_id, report_key, period,
                     published_at)
                 VALUES (?1, ?2, ?3, ?4)",
            )?;
            let mut fact = tx.prepare_cached(
                "INSERT OR IGNORE INTO release_facts (organisation_id, report_key, table_code,
                     cell_key, selection, lower, upper, published_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            let mut guard = tx.prepare_cached(
                "INSERT OR IGNORE INTO release_guards (organisation_id, report_key, table_code,
                     cell_key, selection, published_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            let mut frozen = tx.prepare_cached(
                // A dossier destroyed since it was sent is frozen without its link, as a
                // destruction leaves a frozen record.
                "INSERT OR IGNORE INTO report_counted (organisation_id, dossier_id, quarter,
                     late, attributes, recorded_at)
                 VALUES (?1, (SELECT id FROM dossiers WHERE id = ?2), ?3, ?4, ?5, ?6)",
            )?;
            for c in &part.freeze {
                let attributes = serde_json::to_string(&c.dossier).map_err(|_| integrity())?;
                frozen.execute(rusqlite::params![
                    c.dossier.organisation_id,
                    c.dossier_id,
                    c.quarter,
                    c.late,
                    attributes,
                    now
                ])?;
            }
            for &org in &part.organisations {
                let org = id(org);
                for (key, period) in &part.reports {
                    report.execute(rusqlite::params![
                        org,
                        map_key(key, &id)?,
                        period.code(),
                        now
                    ])?;
                }
                for f in &part.facts {
                    let lower = i64::try_from(f.lower).map_err(|_| integrity())?;
                    let upper = f
                        .upper
                        .map(i64::try_from)
                        .transpose()
                        .map_err(|_| integrity())?;
                    fact.execute(rusqlite::params![
                        org,
                        map_key(&f.report_key, &id)?,
                        f.table_code,
                        f.cell_key,
                        f.selection.map_organisations(&set).to_json(),
                        lower,
                        upper,
                        now
                    ])?;
                }
                for g in &part.guards {
                    guard.execute(rusqlite::params![
                        org,
                        map_key(&g.report_key, &id)?,
                        g.table_code,
                        g.cell_key,
                        g.selection.map_organisations(&set).to_json(),
                        now
                    ])?;
                }
            }
        }
        tx.commit()?;
        Ok(ids)
    }

    /// The participants of a client for a period (contributions and receipts), by id.
    pub fn joint_participants(
        &self,
        joint_of: i64,
        period: &str,
    ) -> Result<Vec<JointParticipant>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.organisation_id, p.joint_of, p.period, p.source, p.nonce, p.recipient,
                    p.fingerprint, p.advisor,
                    (SELECT count(*) FROM report_counted c WHERE c.organisation_id = p.organisation_id)
               FROM joint_participants p
              WHERE p.joint_of = ?1 AND p.period = ?2
              ORDER BY p.organisation_id",
        )?;
        let rows = stmt.query_map(rusqlite::params![joint_of, period], |r| {
            Ok(JointParticipant {
                organisation_id: r.get(0)?,
                joint_of: r.get(1)?,
                period: r.get(2)?,
                source: r.get(3)?,
                nonce: r.get(4)?,
                recipient: r.get(5)?,
                fingerprint: r.get(6)?,
                advisor: r.get(7)?,
                records: r.get::<_, i64>(8)?.try_into().unwrap_or(0),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Whether a participant with this nonce was taken in already.
    pub(crate) fn joint_nonce_known(&self, nonce: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM joint_participants WHERE nonce = ?1
                 UNION SELECT 1 FROM joint_sent WHERE nonce = ?1",
                [nonce],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Records a contribution sent.
    pub(crate) fn record_joint_sent(
        &mut self,
        nonce: &str,
        organisation_id: i64,
        period: &str,
        coordinator: &str,
        counted: &[CountedDossier],
        clock: Clock,
    ) -> Result<(), StoreError> {
        let counted: Vec<(i64, &str, bool, &crate::model::ReportableDossier)> = counted
            .iter()
            .map(|c| (c.dossier_id, c.quarter.as_str(), c.late, &c.dossier))
            .collect();
        let counted = serde_json::to_string(&counted).map_err(|_| integrity())?;
        self.conn.execute(
            "INSERT INTO joint_sent (nonce, organisation_id, period, coordinator, counted,
                 sent_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            rusqlite::params![
                nonce,
                organisation_id,
                period,
                coordinator,
                counted,
                clock.now.to_rfc3339()
            ],
        )?;
        Ok(())
    }

    /// A contribution sent, by nonce.
    pub fn joint_sent(&self, nonce: &str) -> Result<Option<JointSent>, StoreError> {
        self.conn
            .query_row(
                "SELECT nonce, organisation_id, period, coordinator, receipt_key, receipt_signer,
                        counted
                   FROM joint_sent WHERE nonce = ?1",
                [nonce],
                |r| {
                    Ok((
                        JointSent {
                            nonce: r.get(0)?,
                            organisation_id: r.get(1)?,
                            period: r.get(2)?,
                            coordinator: r.get(3)?,
                            counted: Vec::new(),
                            receipt_key: r.get(4)?,
                            receipt_signer: r.get(5)?,
                        },
                        r.get::<_, String>(6)?,
                    ))
                },
            )
            .optional()?
            .map(|(mut sent, counted)| {
                let rows: Vec<(i64, String, bool, crate::model::ReportableDossier)> =
                    serde_json::from_str(&counted).map_err(|_| integrity())?;
                sent.counted = rows
                    .into_iter()
                    .map(|(dossier_id, quarter, late, dossier)| CountedDossier {
                        dossier_id,
                        quarter,
                        late,
                        dossier,
                    })
                    .collect();
                Ok::<_, StoreError>(sent)
            })
            .transpose()
    }

    /// Marks a sent contribution as answered by the receipt of joint report `key`.
    pub(crate) fn record_joint_receipt(
        &mut self,
        nonce: &str,
        key: &str,
        signer: &str,
        clock: Clock,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE joint_sent SET receipt_key = ?2, receipt_signer = ?3, receipt_at = ?4
              WHERE nonce = ?1 AND receipt_key IS NULL",
            rusqlite::params![nonce, key, signer, clock.now.to_rfc3339()],
        )?;
        Ok(())
    }
}
