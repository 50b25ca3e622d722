//! Letters in the vault: the advisor's own templates (one per kind and language; without one
//! the built-in template applies), the values a letter's fields are filled with, and every
//! letter as it left the vault (kept with its dossier, destroyed with it).

use super::{Store, StoreError};
use crate::letter::{
    FieldValues, Letter, LetterDraft, LetterInput, LetterTemplate, check_template, draft,
    lang_code, lang_from_code, months_in_words, templates,
};
use crate::model::deadline::{ACCESS_REQUEST_MONTHS, WBK_FEEDBACK_MONTHS, add_months};
use crate::model::party::own_entry;
use crate::model::{DeadlineKind, LetterField, LetterKind, LetterVia};
use crate::{Clock, Lang};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

const LETTER_COLUMNS: &str =
    "id, dossier_id, kind, lang, via, recipient, subject, body, sent_on, sha256";

fn letter_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Letter> {
    let lang: String = r.get(3)?;
    Ok(Letter {
        id: r.get(0)?,
        dossier_id: r.get(1)?,
        kind: r.get(2)?,
        lang: lang_from_code(&lang).unwrap_or_default(),
        via: r.get(4)?,
        recipient: r.get(5)?,
        subject: r.get(6)?,
        body: r.get(7)?,
        sent_on: r.get(8)?,
        sha256: r.get(9)?,
    })
}

impl Store {
    /// The template of a kind of letter in a language: the advisor's own, else the built-in.
    pub fn letter_template(
        &self,
        kind: LetterKind,
        lang: Lang,
    ) -> Result<LetterTemplate, StoreError> {
        let own = self
            .conn
            .query_row(
                "SELECT subject, body FROM letter_templates WHERE kind = ?1 AND lang = ?2",
                params![kind, lang_code(lang)],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
            )
            .optional()?;
        Ok(match own {
            Some((subject, body)) => LetterTemplate {
                kind,
                lang,
                subject,
                body,
                custom: true,
            },
            None => templates::built_in(kind, lang),
        })
    }

    /// Every template, by kind and then language (Dutch first).
    pub fn letter_templates(&self) -> Result<Vec<LetterTemplate>, StoreError> {
        let mut out = Vec::new();
        for &kind in LetterKind::ALL {
            for lang in [Lang::Nl, Lang::En] {
                out.push(self.letter_template(kind, lang)?);
            }
        }
        Ok(out)
    }

    /// Keeps the advisor's own version of a template, after checking it (every field in
    /// braces must be one Kluis knows).
    pub fn set_letter_template(
        &mut self,
        kind: LetterKind,
        lang: Lang,
        subject: &str,
        body: &str,
        clock: Clock,
    ) -> Result<LetterTemplate, StoreError> {
        check_template(subject, body)?;
        self.conn.execute(
            "INSERT INTO letter_templates (kind, lang, subject, body, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (kind, lang) DO UPDATE SET subject = excluded.subject,
                 body = excluded.body, updated_at = excluded.updated_at",
            params![
                kind,
                lang_code(lang),
                subject.trim(),
                body.trim_end(),
                clock.now.to_rfc3339()
            ],
        )?;
        self.letter_template(kind, lang)
    }

    /// Goes back to the built-in template.
    pub fn reset_letter_template(
        &mut self,
        kind: LetterKind,
        lang: Lang,
    ) -> Result<LetterTemplate, StoreError> {
        self.conn.execute(
            "DELETE FROM letter_templates WHERE kind = ?1 AND lang = ?2",
            params![kind, lang_code(lang)],
        )?;
        self.letter_template(kind, lang)
    }

    /// What the vault knows for a dossier's letter fields on `today`; a field it does not
    /// know (no closing date yet, no access request, no name of the supported party) is
    /// absent, so it stays in braces for the advisor to fill in.
    pub fn letter_fields(
        &self,
        dossier_id: i64,
        lang: Lang,
        today: NaiveDate,
    ) -> Result<FieldValues, StoreError> {
        let d = self.dossier(dossier_id)?;
        let organisation = self.organisation(d.organisation_id)?;
        let day = |date: NaiveDate| lang.date_in_words(date);
        let mut v = FieldValues::new();
        let parties = self.parties(dossier_id)?;
        if let Some(p) = own_entry(&parties, self.supported_side(dossier_id)?) {
            v.insert(LetterField::Aan, p.name.clone());
        }
        v.insert(LetterField::Dossier, d.number.clone());
        v.insert(LetterField::Organisatie, organisation.name);
        v.insert(LetterField::Datum, day(today));
        v.insert(LetterField::EersteContact, day(d.opened_on));
        v.insert(LetterField::ToestemmingOp, day(d.consent_on));
        if let Some(last) = d.conversations.iter().map(|c| c.held_on).max() {
            v.insert(LetterField::LaatsteGesprek, day(last));
        }
        if let Some(closed) = d.closed_on {
            v.insert(LetterField::AfgeslotenOp, day(closed));
        }
        if let Some(by) = d.destroy_by {
            v.insert(LetterField::VernietigenNa, day(by));
        }
        let deadlines = self.deadlines(dossier_id, today)?;
        let latest = |kind: DeadlineKind| {
            deadlines
                .iter()
                .filter(|x| x.kind == kind)
                .max_by_key(|x| (x.starts_on, x.id))
        };
        let confirmation = latest(DeadlineKind::WbkBevestiging);
        if let Some(c) = confirmation {
            v.insert(LetterField::MeldingOntvangen, day(c.starts_on));
        }
        // The feedback term runs from the confirmation: its own deadline when it has one,
        // else counted from the day the confirmation was done, or from today (this letter).
        let feedback = latest(DeadlineKind::WbkTerugkoppeling)
            .map(|f| f.due_on)
            .or_else(|| {
                confirmation.map(|c| add_months(c.done_on.unwrap_or(today), WBK_FEEDBACK_MONTHS))
            });
        if let Some(due) = feedback {
            v.insert(LetterField::TerugkoppelingUiterlijk, day(due));
        }
        if let Some(request) = self.access_requests(dossier_id)?.first() {
            v.insert(LetterField::InzageOntvangen, day(request.received_on));
            let due = request
                .deadline_id
                .and_then(|id| deadlines.iter().find(|x| x.id == id))
                .map(|x| x.due_on)
                .unwrap_or_else(|| add_months(request.received_on, ACCESS_REQUEST_MONTHS));
            v.insert(LetterField::InzageUiterlijk, day(due));
        }
        v.insert(
            LetterField::Bewaartermijn,
            months_in_words(self.settings()?.retention_months, lang),
        );
        let advisor = self.advisor_details()?;
        if !advisor.name.trim().is_empty() {
            v.insert(LetterField::Adviseur, advisor.name.trim().to_owned());
        }
        if !advisor.address.city.trim().is_empty() {
            v.insert(
                LetterField::AdviseurPlaats,
                advisor.address.city.trim().to_owned(),
            );
        }
        Ok(v)
    }

    /// A letter of `kind` for a dossier, drafted from its template with the vault's values.
    pub fn letter_draft(
        &self,
        dossier_id: i64,
        kind: LetterKind,
        lang: Lang,
        today: NaiveDate,
    ) -> Result<LetterDraft, StoreError> {
        let values = self.letter_fields(dossier_id, lang, today)?;
        let template = self.letter_template(kind, lang)?;
        let number = self.dossier(dossier_id)?.number;
        Ok(draft(&template, &values, &number))
    }

    /// Keeps a letter as it left the vault (after [`LetterInput::validate`]).
    pub(crate) fn add_letter(
        &mut self,
        dossier_id: i64,
        input: &LetterInput,
        via: LetterVia,
        sha256: &str,
        clock: Clock,
    ) -> Result<Letter, StoreError> {
        input.validate()?;
        self.dossier_exists(dossier_id)?;
        self.conn.execute(
            "INSERT INTO letters (dossier_id, kind, lang, via, recipient, subject, body,
                 sent_on, sent_at, sha256)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                dossier_id,
                input.kind,
                lang_code(input.lang),
                via,
                input.recipient.trim(),
                input.subject.trim(),
                input.body.trim_end(),
                clock.today,
                clock.now.to_rfc3339(),
                sha256
            ],
        )?;
        let id = self.conn.last_insert_rowid();
        Ok(self.conn.query_row(
            &format!("SELECT {LETTER_COLUMNS} FROM letters WHERE id = ?1"),
            [id],
            letter_from_row,
        )?)
    }

    /// A dossier's letters, newest first.
    pub fn letters(&self, dossier_id: i64) -> Result<Vec<Letter>, StoreError> {
        self.dossier_exists(dossier_id)?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {LETTER_COLUMNS} FROM letters WHERE dossier_id = ?1
             ORDER BY sent_at DESC, id DESC"
        ))?;
        let rows = stmt.query_map([dossier_id], letter_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
