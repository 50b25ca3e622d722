//! Parties of dossiers, whom the advisor supports, the conflict-of-interest check and its
//! decisions, and links between dossiers. The matching rule is
//! [`crate::model::names`]'s; what may be refused is [`PartyError`]'s. Every row goes with its
//! dossier when it is destroyed (`ON DELETE CASCADE`, see migration 0008).

use super::{Store, StoreError};
use crate::Clock;
use crate::model::names::NameKey;
use crate::model::*;
use rusqlite::{OptionalExtension as _, Row, params};
use std::collections::HashSet;

fn party_from_row(r: &Row<'_>) -> rusqlite::Result<Party> {
    Ok(Party {
        id: r.get(0)?,
        dossier_id: r.get(1)?,
        role: r.get(2)?,
        name: r.get(3)?,
        function: r.get(4)?,
    })
}

/// A party of any dossier, with what the conflict check shows about it.
struct Candidate {
    party: Party,
    number: String,
    organisation: String,
    key: NameKey,
}

impl Store {
    /// A dossier's parties, in the order they were added.
    pub fn parties(&self, dossier_id: i64) -> Result<Vec<Party>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, dossier_id, role, name, function FROM parties
             WHERE dossier_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([dossier_id], party_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One party.
    pub fn party(&self, id: i64) -> Result<Party, StoreError> {
        self.conn
            .query_row(
                "SELECT id, dossier_id, role, name, function FROM parties WHERE id = ?1",
                [id],
                party_from_row,
            )
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => StoreError::NotFound { what: "party" },
                e => e.into(),
            })
    }

    /// Adds a party to a dossier. The caller then shows [`Store::party_overview`]: a name
    /// that matches a party elsewhere leaves the dossier undecided until
    /// [`Store::decide_conflict`].
    pub fn add_party(
        &mut self,
        dossier_id: i64,
        input: &PartyInput,
        clock: Clock,
    ) -> Result<Party, StoreError> {
        self.dossier_exists(dossier_id)?;
        input.validate()?;
        self.conn.execute(
            "INSERT INTO parties (dossier_id, role, name, function, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                dossier_id,
                input.role,
                input.name.trim(),
                input.function.trim(),
                clock.now.to_rfc3339()
            ],
        )?;
        let id = self.conn.last_insert_rowid();
        self.touch_dossier_row(dossier_id, clock)?;
        self.party(id)
    }

    /// Removes a party (and the decisions' record of its matches). Returns its dossier.
    pub fn remove_party(&mut self, id: i64, clock: Clock) -> Result<i64, StoreError> {
        let p = self.party(id)?;
        self.conn
            .execute("DELETE FROM parties WHERE id = ?1", [id])?;
        self.touch_dossier_row(p.dossier_id, clock)?;
        Ok(p.dossier_id)
    }

    /// Whom the advisor supports in a dossier (the reporter unless recorded otherwise).
    pub fn supported_side(&self, dossier_id: i64) -> Result<SupportedSide, StoreError> {
        self.dossier_exists(dossier_id)?;
        Ok(self
            .conn
            .query_row(
                "SELECT supports FROM dossier_support WHERE dossier_id = ?1",
                [dossier_id],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(SupportedSide::Melder))
    }

    /// Records whom the advisor supports.
    pub fn set_supported_side(
        &mut self,
        dossier_id: i64,
        side: SupportedSide,
        clock: Clock,
    ) -> Result<(), StoreError> {
        self.dossier_exists(dossier_id)?;
        match side {
            SupportedSide::Melder => self.conn.execute(
                "DELETE FROM dossier_support WHERE dossier_id = ?1",
                [dossier_id],
            )?,
            other => self.conn.execute(
                "INSERT INTO dossier_support (dossier_id, supports) VALUES (?1, ?2)
                 ON CONFLICT (dossier_id) DO UPDATE SET supports = excluded.supports",
                params![dossier_id, other],
            )?,
        };
        self.touch_dossier_row(dossier_id, clock)
    }

    fn candidates(&self) -> Result<Vec<Candidate>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, p.dossier_id, p.role, p.name, p.function, d.number, o.name
               FROM parties p
               JOIN dossiers d ON d.id = p.dossier_id
               JOIN organisations o ON o.id = d.organisation_id
              ORDER BY d.number, p.id",
        )?;
        let rows = stmt.query_map([], |r| {
            let party = party_from_row(r)?;
            Ok(Candidate {
                key: NameKey::parse(&party.name),
                party,
                number: r.get(5)?,
                organisation: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The parties of other dossiers (of every organisation) whose names may be the same
    /// people as this dossier's parties, each marked decided when a decision of this dossier
    /// covers it.
    pub fn conflict_matches(&self, dossier_id: i64) -> Result<Vec<ConflictMatch>, StoreError> {
        self.dossier_exists(dossier_id)?;
        let all = self.candidates()?;
        let decided: HashSet<(i64, i64)> = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT m.party_id, m.other_party_id FROM conflict_decision_matches m
                   JOIN conflict_decisions c ON c.id = m.decision_id
                  WHERE c.dossier_id = ?1",
            )?;
            let rows = stmt.query_map([dossier_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        let (own, others): (Vec<&Candidate>, Vec<&Candidate>) =
            all.iter().partition(|c| c.party.dossier_id == dossier_id);
        let mut out = Vec::new();
        for mine in &own {
            for other in &others {
                if let Some(m) = mine.key.matches(&other.key) {
                    out.push(ConflictMatch {
                        party_id: mine.party.id,
                        other_party_id: other.party.id,
                        other_dossier_id: other.party.dossier_id,
                        other_number: other.number.clone(),
                        other_organisation: other.organisation.clone(),
                        other_role: other.party.role,
                        other_name: other.party.name.clone(),
                        surname_only: m.surname_only,
                        decided: decided.contains(&(mine.party.id, other.party.id)),
                    });
                }
            }
        }
        Ok(out)
    }

    /// True when a possible conflict of interest of this dossier has no decision.
    pub fn conflict_undecided(&self, dossier_id: i64) -> Result<bool, StoreError> {
        Ok(self
            .conflict_matches(dossier_id)?
            .iter()
            .any(|m| !m.decided))
    }

    /// Refuses with [`PartyError::ConflictUndecided`] while a match waits for a decision.
    pub fn check_conflict_decided(&self, dossier_id: i64) -> Result<(), StoreError> {
        if self.conflict_undecided(dossier_id)? {
            return Err(PartyError::ConflictUndecided.into());
        }
        Ok(())
    }

    /// Records the advisor's decision about this dossier's possible conflicts of interest. It
    /// covers every match there is now; one that appears later needs a new decision.
    pub fn decide_conflict(
        &mut self,
        dossier_id: i64,
        input: &ConflictDecisionInput,
        clock: Clock,
    ) -> Result<ConflictDecisionRecord, StoreError> {
        input.validate(clock.today)?;
        let matches = self.conflict_matches(dossier_id)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO conflict_decisions (dossier_id, decision, decided_on, matches, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                dossier_id,
                input.decision,
                input.decided_on,
                matches.len() as i64,
                clock.now.to_rfc3339()
            ],
        )?;
        let id = tx.last_insert_rowid();
        for m in &matches {
            tx.execute(
                "INSERT OR IGNORE INTO conflict_decision_matches (decision_id, party_id, other_party_id)
                 VALUES (?1, ?2, ?3)",
                params![id, m.party_id, m.other_party_id],
            )?;
        }
        tx.execute(
            "UPDATE dossiers SET updated_at = ?2 WHERE id = ?1",
            params![dossier_id, clock.now.to_rfc3339()],
        )?;
        tx.commit()?;
        Ok(ConflictDecisionRecord {
            id,
            decision: input.decision,
            decided_on: input.decided_on,
            matches: matches.len() as u32,
        })
    }

    /// A dossier's conflict decisions, newest first.
    pub fn conflict_decisions(
        &self,
        dossier_id: i64,
    ) -> Result<Vec<ConflictDecisionRecord>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, decision, decided_on, matches FROM conflict_decisions
              WHERE dossier_id = ?1 ORDER BY decided_on DESC, id DESC",
        )?;
        let rows = stmt.query_map([dossier_id], |r| {
            Ok(ConflictDecisionRecord {
                id: r.get(0)?,
                decision: r.get(1)?,
                decided_on: r.get(2)?,
                matches: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Links two dossiers (the other by its number). Linking them again the same way changes
    /// nothing and returns the existing link.
    pub fn add_link(
        &mut self,
        dossier_id: i64,
        other_number: &str,
        kind: LinkKind,
        clock: Clock,
    ) -> Result<DossierLink, StoreError> {
        self.dossier_exists(dossier_id)?;
        let other = self.dossier_by_number(other_number.trim())?;
        if other.id == dossier_id {
            return Err(PartyError::LinkToItself.into());
        }
        let (a, b) = (dossier_id.min(other.id), dossier_id.max(other.id));
        self.conn.execute(
            "INSERT OR IGNORE INTO dossier_links (dossier_a, dossier_b, kind, created_at)
             VALUES (?1, ?2, ?3, ?4)",
            params![a, b, kind, clock.now.to_rfc3339()],
        )?;
        let id: i64 = self.conn.query_row(
            "SELECT id FROM dossier_links WHERE dossier_a = ?1 AND dossier_b = ?2 AND kind = ?3",
            params![a, b, kind],
            |r| r.get(0),
        )?;
        self.links(dossier_id)?
            .into_iter()
            .find(|l| l.id == id)
            .ok_or(StoreError::NotFound { what: "link" })
    }

    /// A dossier's links, seen from it (the same link shows on both dossiers).
    pub fn links(&self, dossier_id: i64) -> Result<Vec<DossierLink>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT l.id, l.kind, d.id, d.number, o.name FROM dossier_links l
               JOIN dossiers d ON d.id = CASE WHEN l.dossier_a = ?1 THEN l.dossier_b ELSE l.dossier_a END
               JOIN organisations o ON o.id = d.organisation_id
              WHERE l.dossier_a = ?1 OR l.dossier_b = ?1
              ORDER BY d.number, l.kind",
        )?;
        let rows = stmt.query_map([dossier_id], |r| {
            Ok(DossierLink {
                id: r.get(0)?,
                kind: r.get(1)?,
                other_dossier_id: r.get(2)?,
                other_number: r.get(3)?,
                other_organisation: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Removes a link (from either side).
    pub fn remove_link(&mut self, id: i64) -> Result<(), StoreError> {
        if self
            .conn
            .execute("DELETE FROM dossier_links WHERE id = ?1", [id])?
            == 0
        {
            return Err(StoreError::NotFound { what: "link" });
        }
        Ok(())
    }

    /// Everything the Betrokkenen card shows: parties, whom the advisor supports, the
    /// conflict check (run now, over every organisation), decisions and links.
    pub fn party_overview(&self, dossier_id: i64) -> Result<PartyOverview, StoreError> {
        let matches = self.conflict_matches(dossier_id)?;
        Ok(PartyOverview {
            dossier_id,
            supports: self.supported_side(dossier_id)?,
            parties: self.parties(dossier_id)?,
            undecided: matches.iter().any(|m| !m.decided),
            matches,
            decisions: self.conflict_decisions(dossier_id)?,
            links: self.links(dossier_id)?,
        })
    }

    pub(crate) fn dossier_exists(&self, id: i64) -> Result<(), StoreError> {
        let n: i64 =
            self.conn
                .query_row("SELECT count(*) FROM dossiers WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
        if n == 0 {
            return Err(StoreError::NotFound { what: "dossier" });
        }
        Ok(())
    }

    pub(crate) fn touch_dossier_row(&self, id: i64, clock: Clock) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE dossiers SET updated_at = ?2 WHERE id = ?1",
            params![id, clock.now.to_rfc3339()],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clock() -> Clock {
        Clock::at("2026-03-02".parse().expect("date"))
    }

    /// A store with two organisations and one open dossier in each.
    fn two_dossiers() -> (Store, i64, i64) {
        let mut s = Store::create_empty(clock()).expect("store");
        let mut ids = Vec::new();
        for name in ["Voorbeeld BV", "Proefstichting"] {
            let org = s
                .add_organisation(
                    &OrganisationInput {
                        name: name.into(),
                        employee_count: 40,
                        arrangement: Arrangement::Collectief,
                        contact_label: String::new(),
                    },
                    clock(),
                )
                .expect("organisation");
            let d = s
                .add_dossier(
                    &DossierInput::new(org.id, ContactType::Consult, clock().today),
                    clock(),
                )
                .expect("dossier");
            ids.push(d.id);
        }
        (s, ids[0], ids[1])
    }

    fn add(s: &mut Store, dossier: i64, role: PartyRole, name: &str) -> Party {
        s.add_party(
            dossier,
            &PartyInput {
                role,
                name: name.into(),
                function: String::new(),
            },
            clock(),
        )
        .expect("party")
    }

    #[test]
    fn a_name_written_differently_in_another_organisation_is_a_match_until_decided() {
        let (mut s, a, b) = two_dossiers();
        add(&mut s, b, PartyRole::Beschuldigde, "de vries, jan");
        add(&mut s, a, PartyRole::Melder, "Piet Bakker");
        assert!(
            !s.conflict_undecided(a).expect("check"),
            "different people are no conflict"
        );
        add(&mut s, a, PartyRole::Getuige, "J. de Vries");
        let m = s.conflict_matches(a).expect("matches");
        assert_eq!(
            m.len(),
            1,
            "one party of the other dossier may be the same person"
        );
        assert_eq!(
            (m[0].other_role, m[0].decided),
            (PartyRole::Beschuldigde, false),
            "shown as 'beschuldigde in <number>', not yet decided"
        );
        let conv = ConversationInput {
            held_on: clock().today,
            minutes: 30,
            mode: ConversationMode::Telefoon,
        };
        assert!(
            matches!(
                s.add_conversation(a, &conv, clock()),
                Err(StoreError::Party(PartyError::ConflictUndecided))
            ),
            "the work on the dossier waits for the decision"
        );
        let d = s
            .decide_conflict(
                a,
                &ConflictDecisionInput {
                    decision: ConflictDecision::GeenConflict,
                    decided_on: clock().today,
                },
                clock(),
            )
            .expect("decide");
        assert_eq!(
            d.matches, 1,
            "the decision covers the match it was made for"
        );
        assert!(
            !s.conflict_undecided(a).expect("check"),
            "decided: the advisor may go on"
        );
        s.add_conversation(a, &conv, clock())
            .expect("a conversation after the decision");
        assert!(
            s.conflict_undecided(b).expect("check"),
            "the other dossier decides for itself when it is opened"
        );
        add(&mut s, b, PartyRole::Getuige, "Bakker, P.");
        assert!(
            s.conflict_undecided(a).expect("check"),
            "a new match elsewhere needs a new decision here"
        );
    }

    #[test]
    fn links_show_on_both_dossiers_and_go_once_removed() {
        let (mut s, a, b) = two_dossiers();
        let number_b = s.dossier(b).expect("b").number;
        let l = s
            .add_link(a, &number_b, LinkKind::ZelfdeBeschuldigde, clock())
            .expect("link");
        let again = s
            .add_link(a, &number_b, LinkKind::ZelfdeBeschuldigde, clock())
            .expect("the same link again");
        assert_eq!(l.id, again.id, "linking twice the same way adds nothing");
        let from_b = s.links(b).expect("links of b");
        assert_eq!(from_b.len(), 1, "the link shows on the other dossier too");
        assert_eq!(from_b[0].other_dossier_id, a, "pointing back");
        let number_a = s.dossier(a).expect("a").number;
        assert!(
            matches!(
                s.add_link(a, &number_a, LinkKind::ZelfdeIncident, clock()),
                Err(StoreError::Party(PartyError::LinkToItself))
            ),
            "a dossier is not linked to itself"
        );
        s.remove_link(l.id).expect("remove");
        assert!(
            s.links(a).expect("links").is_empty() && s.links(b).expect("links").is_empty(),
            "removed from both sides"
        );
    }

    #[test]
    fn the_supported_side_is_the_reporter_until_recorded_otherwise() {
        let (mut s, a, _) = two_dossiers();
        assert_eq!(s.supported_side(a).expect("side"), SupportedSide::Melder);
        s.set_supported_side(a, SupportedSide::Beschuldigde, clock())
            .expect("set");
        assert_eq!(
            s.supported_side(a).expect("side"),
            SupportedSide::Beschuldigde,
            "the advisor supports the accused in this dossier"
        );
        s.set_supported_side(a, SupportedSide::Melder, clock())
            .expect("back");
        assert_eq!(s.supported_side(a).expect("side"), SupportedSide::Melder);
    }
}
