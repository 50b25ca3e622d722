//! A dossier's history in one list, derived from what the vault holds about it (opening,
//! consent, conversations, parties, conflict decisions, links, documents, deadlines, access
//! requests, letters, closing). Nothing is stored twice: the history lives in the dossier's own rows, so it goes
//! when the dossier is destroyed. The texts are the core's, in the advisor's language.

use super::{Store, StoreError};
use crate::Lang;
use crate::model::{
    ConflictDecision, ConversationMode, DeadlineKind, DocumentKind, LetterKind, LetterVia,
    LinkKind, PartyRole,
};
use chrono::NaiveDate;
use rusqlite::params;
use serde::{Deserialize, Serialize};

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TimelineKind {
    /// The dossier was opened.
    Opened,
    /// The dossier was received from a colleague's vault.
    Received,
    /// Consent was recorded.
    Consent,
    /// A party was added.
    PartyAdded,
    /// A conflict-of-interest decision was recorded.
    ConflictDecided,
    /// The dossier was linked to another.
    Linked,
    /// A conversation was held.
    Conversation,
    /// A document was added.
    DocumentAdded,
    /// An access request was received.
    AccessRequest,
    /// A deadline started.
    DeadlineSet,
    /// A deadline was extended.
    DeadlineExtended,
    /// A deadline was met.
    DeadlineMet,
    /// A letter left the vault (as a PDF or copied).
    LetterSent,
    /// The dossier was handed over to a colleague.
    HandedOver,
    /// The dossier was closed.
    Closed,
}

/// One entry of the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TimelineEvent {
    /// The day.
    pub on: NaiveDate,
    /// What happened.
    pub kind: TimelineKind,
    /// In words, in the advisor's language (no names: roles, codes, numbers and minutes).
    pub text: String,
}

fn day(lang: Lang, d: NaiveDate) -> String {
    lang.date_in_words(d)
}

/// The date part of a stored timestamp (`2026-11-30T10:00:00+01:00`).
fn date_of(stamp: &str) -> Option<NaiveDate> {
    stamp.get(..10)?.parse().ok()
}

impl Store {
    /// The dossier's history, oldest first (on one day: in the order things happen to a
    /// dossier, opening first and closing last).
    pub fn timeline(&self, dossier_id: i64, lang: Lang) -> Result<Vec<TimelineEvent>, StoreError> {
        let nl = lang == Lang::Nl;
        let d = self.dossier(dossier_id)?;
        let mut events = Vec::new();
        let mut push = |on: NaiveDate, kind: TimelineKind, text: String| {
            events.push(TimelineEvent { on, kind, text });
        };
        push(
            d.opened_on,
            TimelineKind::Opened,
            format!(
                "{} ({})",
                if nl {
                    "Dossier geopend"
                } else {
                    "Case file opened"
                },
                d.contact_type.label(lang).to_lowercase()
            ),
        );
        push(
            d.consent_on,
            TimelineKind::Consent,
            format!(
                "{}: {}",
                if nl {
                    "Toestemming vastgelegd"
                } else {
                    "Consent recorded"
                },
                d.consent_scope.label(lang).to_lowercase()
            ),
        );
        let mut stmt = self.conn.prepare_cached(
            "SELECT held_on, minutes, mode FROM conversations WHERE dossier_id = ?1",
        )?;
        let rows = stmt.query_map([dossier_id], |r| {
            Ok((
                r.get::<_, NaiveDate>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        for row in rows {
            let (on, minutes, mode) = row?;
            let mode = ConversationMode::from_code(&mode).map(|m| m.label(lang).to_lowercase());
            push(
                on,
                TimelineKind::Conversation,
                format!(
                    "{} ({}{minutes} min)",
                    if nl { "Gesprek" } else { "Conversation" },
                    mode.map(|m| format!("{m}, ")).unwrap_or_default()
                ),
            );
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT created_at, role FROM parties WHERE dossier_id = ?1")?;
        let rows = stmt.query_map([dossier_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (at, role) = row?;
            let (Some(on), Some(role)) = (date_of(&at), PartyRole::from_code(&role)) else {
                continue;
            };
            push(
                on,
                TimelineKind::PartyAdded,
                format!(
                    "{}: {}",
                    if nl {
                        "Betrokkene toegevoegd"
                    } else {
                        "Party added"
                    },
                    role.label(lang).to_lowercase()
                ),
            );
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT decided_on, decision FROM conflict_decisions WHERE dossier_id = ?1",
        )?;
        let rows = stmt.query_map([dossier_id], |r| {
            Ok((r.get::<_, NaiveDate>(0)?, r.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (on, decision) = row?;
            if let Some(decision) = ConflictDecision::from_code(&decision) {
                push(
                    on,
                    TimelineKind::ConflictDecided,
                    format!(
                        "{}: {}",
                        if nl {
                            "Besluit over belangenconflict"
                        } else {
                            "Conflict-of-interest decision"
                        },
                        decision.label(lang).to_lowercase()
                    ),
                );
            }
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT l.created_at, l.kind, o.number FROM dossier_links l
             JOIN dossiers o ON o.id = CASE WHEN l.dossier_a = ?1 THEN l.dossier_b ELSE l.dossier_a END
             WHERE l.dossier_a = ?1 OR l.dossier_b = ?1",
        )?;
        let rows = stmt.query_map([dossier_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        for row in rows {
            let (at, kind, other) = row?;
            let (Some(on), Some(kind)) = (date_of(&at), LinkKind::from_code(&kind)) else {
                continue;
            };
            push(
                on,
                TimelineKind::Linked,
                format!(
                    "{} {other} ({})",
                    if nl { "Gekoppeld aan" } else { "Linked to" },
                    kind.label(lang).to_lowercase()
                ),
            );
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT received_on FROM access_requests WHERE dossier_id = ?1")?;
        let rows = stmt.query_map([dossier_id], |r| r.get::<_, NaiveDate>(0))?;
        for on in rows {
            push(
                on?,
                TimelineKind::AccessRequest,
                (if nl {
                    "Inzageverzoek ontvangen"
                } else {
                    "Access request received"
                })
                .to_owned(),
            );
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT kind, starts_on, original_due_on, due_on, extended_on, done_on
             FROM deadlines WHERE dossier_id = ?1",
        )?;
        let rows = stmt.query_map(params![dossier_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, NaiveDate>(1)?,
                r.get::<_, NaiveDate>(2)?,
                r.get::<_, NaiveDate>(3)?,
                r.get::<_, Option<NaiveDate>>(4)?,
                r.get::<_, Option<NaiveDate>>(5)?,
            ))
        })?;
        for row in rows {
            let (kind, starts, original, due, extended, done) = row?;
            let Some(kind) = DeadlineKind::from_code(&kind) else {
                continue;
            };
            let what = kind.label(lang);
            push(
                starts,
                TimelineKind::DeadlineSet,
                if nl {
                    format!("Termijn gestart: {what}, uiterlijk {}", day(lang, original))
                } else {
                    format!("Deadline started: {what}, due {}", day(lang, original))
                },
            );
            if let Some(on) = extended {
                push(
                    on,
                    TimelineKind::DeadlineExtended,
                    if nl {
                        format!("Termijn verlengd: {what}, nu uiterlijk {}", day(lang, due))
                    } else {
                        format!("Deadline extended: {what}, now due {}", day(lang, due))
                    },
                );
            }
            if let Some(on) = done {
                let late = on > due;
                push(
                    on,
                    TimelineKind::DeadlineMet,
                    match (nl, late) {
                        (true, false) => format!("Termijn gehaald: {what}"),
                        (true, true) => format!("Termijn afgerond na de uiterste datum: {what}"),
                        (false, false) => format!("Deadline met: {what}"),
                        (false, true) => format!("Deadline completed after it was due: {what}"),
                    },
                );
            }
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT added_on, kind FROM documents WHERE dossier_id = ?1")?;
        let rows = stmt.query_map([dossier_id], |r| {
            Ok((r.get::<_, NaiveDate>(0)?, r.get::<_, DocumentKind>(1)?))
        })?;
        for row in rows {
            let (on, kind) = row?;
            push(
                on,
                TimelineKind::DocumentAdded,
                format!(
                    "{}: {}",
                    if nl {
                        "Document toegevoegd"
                    } else {
                        "Document added"
                    },
                    kind.label(lang).to_lowercase()
                ),
            );
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT sent_on, kind, via FROM letters WHERE dossier_id = ?1")?;
        let rows = stmt.query_map([dossier_id], |r| {
            Ok((
                r.get::<_, NaiveDate>(0)?,
                r.get::<_, LetterKind>(1)?,
                r.get::<_, LetterVia>(2)?,
            ))
        })?;
        for row in rows {
            let (on, kind, via) = row?;
            push(
                on,
                TimelineKind::LetterSent,
                format!(
                    "{}: {} ({})",
                    if nl { "Brief verstuurd" } else { "Letter sent" },
                    kind.label(lang),
                    via.label(lang).to_lowercase()
                ),
            );
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT direction, on_date, counterpart, original_number, deputy_until
             FROM handovers WHERE dossier_id = ?1",
        )?;
        let rows = stmt.query_map([dossier_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, NaiveDate>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<NaiveDate>>(4)?,
            ))
        })?;
        for row in rows {
            let (direction, on, counterpart, original, until) = row?;
            let deputy = until
                .map(|u| match lang {
                    Lang::Nl => format!(", waarneming tot en met {}", day(lang, u)),
                    Lang::En => format!(", deputy copy until {}", day(lang, u)),
                })
                .unwrap_or_default();
            if direction == "in" {
                push(
                    on,
                    TimelineKind::Received,
                    match lang {
                        Lang::Nl => {
                            format!("Overgedragen door {counterpart} (daar {original}){deputy}")
                        }
                        Lang::En => {
                            format!("Handed over by {counterpart} (there {original}){deputy}")
                        }
                    },
                );
            } else {
                push(
                    on,
                    TimelineKind::HandedOver,
                    match lang {
                        Lang::Nl => format!("Overgedragen aan sleutel {counterpart}{deputy}"),
                        Lang::En => format!("Handed over to key {counterpart}{deputy}"),
                    },
                );
            }
        }
        if let Some(on) = d.closed_on {
            push(
                on,
                TimelineKind::Closed,
                format!(
                    "{} ({})",
                    if nl {
                        "Dossier gesloten"
                    } else {
                        "Case file closed"
                    },
                    d.outcome.label(lang).to_lowercase()
                ),
            );
        }
        events.sort_by(|a, b| a.on.cmp(&b.on).then(a.kind.cmp(&b.kind)));
        Ok(events)
    }
}
