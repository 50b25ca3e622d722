//! Closed vocabularies of the domain (contact types, roles, relations, actions, outcomes,
//! conversation modes, activities, arrangements, gender, consent scope). Each value has a
//! stable Dutch code stored in the vault and labels in Dutch and English.

use crate::Lang;
use serde::{Deserialize, Serialize};

/// Defines a closed vocabulary: an enum whose variants map to a stored code and two labels.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $code:literal, $nl:literal, $en:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $code)] $variant, )+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable code stored in the vault and used on the command line.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// Parses a stored code; `None` for anything else.
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }

            /// The label shown to the advisor.
            pub fn label(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $( ($name::$variant, Lang::Nl) => $nl, ($name::$variant, Lang::En) => $en, )+
                }
            }

            /// All codes joined for help texts and error messages.
            pub fn codes() -> String {
                [$($code),+].join(", ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl std::str::FromStr for $name {
            type Err = crate::model::UnknownCode;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::from_code(s.trim()).ok_or(crate::model::UnknownCode {
                    vocabulary: stringify!($name),
                    allowed: Self::codes(),
                })
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.code().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let s = v.as_str()?;
                Self::from_code(s).ok_or(rusqlite::types::FromSqlError::InvalidType)
            }
        }
    };
}

vocabulary! {
    /// What kind of contact a dossier records.
    ContactType {
        /// Advice only ("sparren").
        Consult => "consult", "Consult", "Consultation";
        /// A report of undesirable behaviour.
        MeldingOmgangsvormen => "melding_omgangsvormen", "Melding ongewenste omgangsvormen", "Report of undesirable behaviour";
        /// An integrity report.
        MeldingIntegriteit => "melding_integriteit", "Melding integriteit", "Integrity report";
        /// Suspected wrongdoing under the whistleblower act (Wbk).
        VermoedenMisstand => "vermoeden_misstand", "Vermoeden van een misstand", "Suspected wrongdoing";
        /// Out of scope.
        Overig => "overig", "Overig", "Other";
    }
}

vocabulary! {
    /// Whether a dossier is still being handled.
    DossierStatus {
        /// Being handled.
        Open => "open", "Open", "Open";
        /// Closed; a destroy-by date applies.
        Closed => "gesloten", "Gesloten", "Closed";
    }
}

vocabulary! {
    /// The reporter's position in the organisation.
    ReporterRole {
        /// Employee.
        Medewerker => "medewerker", "Medewerker", "Employee";
        /// Manager.
        Leidinggevende => "leidinggevende", "Leidinggevende", "Manager";
        /// Temp, intern, freelancer or volunteer.
        Flexibel => "flexibel", "Flexibele kracht", "Temporary or flexible worker";
        /// Former employee.
        OudMedewerker => "oud_medewerker", "Oud-medewerker", "Former employee";
        /// Someone from outside the organisation.
        Extern => "extern", "Extern", "External";
    }
}

vocabulary! {
    /// Relation of the reporter to the person complained about.
    Relation {
        /// The person complained about is the reporter's manager.
        Leidinggevende => "leidinggevende", "Leidinggevende", "Manager";
        /// A colleague.
        Collega => "collega", "Collega", "Colleague";
        /// A subordinate.
        Ondergeschikte => "ondergeschikte", "Ondergeschikte", "Subordinate";
        /// A client, patient, pupil or member of the public.
        Extern => "extern", "Extern (cliënt, patiënt, leerling, publiek)", "External (client, patient, pupil, public)";
        /// Unknown or not applicable.
        Onbekend => "onbekend", "Onbekend", "Unknown";
    }
}

vocabulary! {
    /// What the advisor did or advised.
    Action {
        /// Listening.
        LuisterendOor => "luisterend_oor", "Luisterend oor", "Listening";
        /// Advice and information.
        AdviesInformatie => "advies_informatie", "Advies en informatie", "Advice and information";
        /// Referral (company doctor, HR, care, police, whistleblowers' authority).
        Verwijzing => "verwijzing", "Verwijzing", "Referral";
        /// Accompanying the reporter to a conversation.
        BegeleidingGesprek => "begeleiding_gesprek", "Begeleiding bij gesprek", "Accompanying a conversation";
        /// Mediation by a third party.
        BemiddelingDerde => "bemiddeling_derde", "Bemiddeling via derde", "Mediation by a third party";
        /// Formal complaint to the complaints committee.
        FormeleKlacht => "formele_klacht", "Formele klacht", "Formal complaint";
        /// Internal report of wrongdoing.
        InterneMelding => "interne_melding", "Interne melding misstand", "Internal report of wrongdoing";
    }
}

vocabulary! {
    /// How a dossier ended.
    Outcome {
        /// Solved informally.
        InformeelOpgelost => "informeel_opgelost", "Informeel opgelost", "Informal solution";
        /// Formal complaint filed.
        FormeleKlacht => "formele_klacht", "Formele klacht", "Formal complaint";
        /// No further action, the reporter's choice.
        GeenVervolg => "geen_vervolg", "Geen vervolg (keuze melder)", "No further action (reporter's choice)";
        /// Referred elsewhere.
        Doorverwezen => "doorverwezen", "Doorverwezen", "Referred";
        /// Unknown.
        Onbekend => "onbekend", "Onbekend", "Unknown";
    }
}

vocabulary! {
    /// How a conversation took place.
    ConversationMode {
        /// In person.
        Persoonlijk => "persoonlijk", "Persoonlijk", "In person";
        /// By phone.
        Telefoon => "telefoon", "Telefoon", "Phone";
        /// By video call.
        Video => "video", "Video", "Video";
        /// By e-mail.
        Email => "email", "E-mail", "E-mail";
    }
}

vocabulary! {
    /// Work for an organisation outside dossiers.
    Activity {
        /// Information sessions.
        Voorlichting => "voorlichting", "Voorlichting", "Information session";
        /// Advice to management.
        AdviesOrganisatie => "advies_organisatie", "Advies aan organisatie", "Advice to management";
        /// Meetings with management or works council.
        Overleg => "overleg", "Overleg", "Meeting";
        /// Writing reports.
        Rapportage => "rapportage", "Rapportage", "Reporting";
        /// Anything else.
        Overig => "overig", "Overig", "Other";
    }
}

vocabulary! {
    /// How an organisation contracts the advisor.
    Arrangement {
        /// Through a collective arrangement (small organisations).
        Collectief => "collectief", "Collectief", "Collective";
        /// A tailored subscription.
        Maatwerk => "maatwerk", "Maatwerk", "Tailored";
    }
}

vocabulary! {
    /// Gender, recorded only when the reporter states it.
    Gender {
        /// Woman.
        Vrouw => "vrouw", "Vrouw", "Woman";
        /// Man.
        Man => "man", "Man", "Man";
        /// Other or non-binary.
        Anders => "anders", "Anders", "Other";
    }
}

vocabulary! {
    /// What the reporter consented to.
    ConsentScope {
        /// Keeping a confidential file.
        Dossier => "dossier", "Vastleggen in dossier", "Keeping a file";
        /// Keeping a file and contacting third parties on the reporter's request.
        DossierEnDerden => "dossier_en_derden", "Vastleggen en contact met derden", "Keeping a file and contacting third parties";
    }
}

vocabulary! {
    /// The three groups categories belong to (reports collapse to these when counts are small).
    CategoryGroup {
        /// Undesirable behaviour.
        Omgangsvormen => "omgangsvormen", "Ongewenste omgangsvormen", "Undesirable behaviour";
        /// Integrity.
        Integriteit => "integriteit", "Integriteit", "Integrity";
        /// Other.
        Overig => "overig", "Overig", "Other";
    }
}

vocabulary! {
    /// Why a dossier may not be destroyed now. The first two are absolute; the last two can
    /// be overridden with a reason, which the destruction log keeps.
    DestructionBlock {
        /// A legal hold pauses destruction until it is lifted in the dossier.
        LegalHold => "juridische_blokkade", "Juridische blokkade", "Legal hold";
        /// The dossier is still open.
        StillOpen => "open", "Nog open", "Still open";
        /// No published report of its period has counted it yet.
        NotReported => "niet_gerapporteerd", "Nog niet gerapporteerd", "Not yet reported";
        /// Its destroy-by date has not come yet (or it has none).
        NotDue => "termijn_loopt", "Bewaartermijn loopt nog", "Retention term not over";
    }
}

impl DestructionBlock {
    /// Whether the advisor may destroy anyway, with a reason (logged).
    pub fn overridable(self) -> bool {
        matches!(
            self,
            DestructionBlock::NotReported | DestructionBlock::NotDue
        )
    }
}

vocabulary! {
    /// What a deadline is for. The first three follow a rule of law (the due date is counted
    /// from the day the term starts); a follow-up has a date the advisor chooses.
    DeadlineKind {
        /// Wet bescherming klokkenluiders: confirm receipt of a report within 7 days of
        /// receiving or passing it on.
        WbkBevestiging => "wbk_ontvangstbevestiging", "Wbk: ontvangstbevestiging", "Whistleblower act: acknowledgement";
        /// Wet bescherming klokkenluiders: feedback within 3 months of the confirmation,
        /// extendable once by 3 months.
        WbkTerugkoppeling => "wbk_terugkoppeling", "Wbk: terugkoppeling", "Whistleblower act: feedback";
        /// AVG: answer an access request within 1 month, extendable once by 2 with a reason.
        Inzageverzoek => "inzageverzoek", "AVG: inzageverzoek", "GDPR: access request";
        /// A follow-up date of the advisor's own ("bel terug", "evaluatiegesprek").
        Vervolg => "vervolg", "Vervolgafspraak", "Follow-up";
    }
}

vocabulary! {
    /// How pressing a deadline is on a given day.
    DeadlineUrgency {
        /// Its due date has passed and it is not done.
        Verlopen => "verlopen", "Verlopen", "Overdue";
        /// Due today or within three days.
        Binnenkort => "binnenkort", "Binnenkort", "Due soon";
        /// Due later.
        Later => "later", "Later", "Later";
        /// Done.
        Afgerond => "afgerond", "Afgerond", "Done";
    }
}

vocabulary! {
    /// How the advisor checked that the person asking for their data is the reporter.
    IdentityCheck {
        /// An identity document was shown in person.
        Legitimatiebewijs => "legitimatiebewijs", "Legitimatiebewijs getoond", "Identity document shown";
        /// A video call in which an identity document was shown.
        Videogesprek => "videogesprek", "Videogesprek met legitimatiebewijs", "Video call with an identity document";
        /// The advisor knows the reporter from the conversations (and the request came
        /// through the usual contact).
        BekendUitGesprekken => "bekend_uit_gesprekken", "Bekend uit de gesprekken", "Known from the conversations";
        /// Otherwise (the note says how).
        Anders => "anders", "Anders (zie toelichting)", "Otherwise (see the note)";
    }
}

vocabulary! {
    /// A person's part in a dossier ("betrokkene").
    PartyRole {
        /// The person who reported.
        Melder => "melder", "Melder", "Reporter";
        /// The person complained about.
        Beschuldigde => "beschuldigde", "Beschuldigde", "Accused";
        /// A witness.
        Getuige => "getuige", "Getuige", "Witness";
        /// A manager involved in the case.
        Leidinggevende => "leidinggevende", "Leidinggevende", "Manager";
        /// Anyone else.
        Anders => "anders", "Anders", "Other";
    }
}

vocabulary! {
    /// Whom the advisor supports in a dossier: usually the reporter; sometimes the accused.
    SupportedSide {
        /// The reporter (the usual case).
        Melder => "melder", "De melder", "The reporter";
        /// The person complained about.
        Beschuldigde => "beschuldigde", "De beschuldigde", "The accused";
    }
}

vocabulary! {
    /// What the advisor decided about a possible conflict of interest.
    ConflictDecision {
        /// No conflict of interest: the advisor goes on.
        GeenConflict => "geen_conflict", "Geen conflict", "No conflict";
        /// The advisor refers the person to a colleague.
        Doorverwijzen => "doorverwijzen", "Doorverwijzen naar collega", "Refer to a colleague";
    }
}

vocabulary! {
    /// Why two dossiers are linked.
    LinkKind {
        /// The same person is complained about in both.
        ZelfdeBeschuldigde => "zelfde_beschuldigde", "Zelfde beschuldigde", "Same accused";
        /// Both are about the same incident.
        ZelfdeIncident => "zelfde_incident", "Zelfde incident", "Same incident";
        /// The same person reported in both.
        ZelfdeMelder => "zelfde_melder", "Zelfde melder", "Same reporter";
    }
}

vocabulary! {
    /// What a document in a dossier is, decided from its name and first bytes
    /// ([`crate::model::document::detect`]).
    DocumentKind {
        /// A PDF file.
        Pdf => "pdf", "PDF", "PDF";
        /// An e-mail (.eml, .msg) as saved from a mail program.
        Email => "email", "E-mail", "E-mail";
        /// A photo, scan or screenshot.
        Image => "image", "Afbeelding", "Image";
        /// A word-processor, spreadsheet or presentation file.
        Office => "office", "Kantoordocument", "Office document";
        /// Plain text.
        Text => "text", "Tekst", "Text";
        /// Anything else.
        Other => "other", "Overig", "Other";
    }
}

vocabulary! {
    /// A letter the advisor sends, each with its own template ([`crate::letter`]).
    LetterKind {
        /// What the advisor keeps, who sees it and the reporter's consent.
        Toestemming => "toestemming", "Toestemming en vertrouwelijkheid", "Consent and confidentiality";
        /// Confirmation of receipt of a report under the Wet bescherming klokkenluiders.
        WbkBevestiging => "wbk_bevestiging", "Ontvangstbevestiging melding (Wbk)", "Confirmation of a report (Wbk)";
        /// Referral to another body or professional.
        Doorverwijzing => "doorverwijzing", "Doorverwijzing", "Referral";
        /// The case is closed.
        Afsluiting => "afsluiting", "Afsluitbrief", "Closing letter";
        /// Reply to a request for access (AVG art. 15).
        Inzage => "inzage", "Antwoord op inzageverzoek", "Reply to an access request";
    }
}

vocabulary! {
    /// How a letter left the vault.
    LetterVia {
        /// Written as a PDF file.
        Pdf => "pdf", "Als pdf", "As PDF";
        /// Copied as text (to paste into an e-mail).
        Kopie => "kopie", "Gekopieerd", "Copied";
    }
}

vocabulary! {
    /// A field a letter template names in braces (`{aan}`), filled from the dossier and the
    /// advisor's settings ([`crate::letter`]). The label says what it holds.
    LetterField {
        /// The person the letter is for: the one party of the side the advisor supports.
        Aan => "aan", "Aan wie de brief is (de melder of de ondersteunde betrokkene)", "Who the letter is for (the reporter or the supported party)";
        /// The dossier's number.
        Dossier => "dossier", "Dossiernummer", "Case file number";
        /// The client organisation's name.
        Organisatie => "organisatie", "Naam van de organisatie", "The organisation's name";
        /// The letter's date.
        Datum => "datum", "Datum van vandaag", "Today's date";
        /// The day of the first contact.
        EersteContact => "eerste_contact", "Datum van het eerste contact", "Date of the first contact";
        /// The day consent was given.
        ToestemmingOp => "toestemming_op", "Datum van de toestemming", "Date of consent";
        /// The day of the last conversation.
        LaatsteGesprek => "laatste_gesprek", "Datum van het laatste gesprek", "Date of the last conversation";
        /// The closing date.
        AfgeslotenOp => "afgesloten_op", "Datum van afsluiting", "Closing date";
        /// When the Wbk report was received (start of the confirmation term).
        MeldingOntvangen => "melding_ontvangen", "Datum waarop de melding (Wbk) binnenkwam", "Date the report (Wbk) was received";
        /// When the Wbk feedback is due.
        TerugkoppelingUiterlijk => "terugkoppeling_uiterlijk", "Uiterste datum van de terugkoppeling (Wbk)", "Due date of the feedback (Wbk)";
        /// When the latest access request was received.
        InzageOntvangen => "inzage_ontvangen", "Datum van het inzageverzoek", "Date of the access request";
        /// When the latest access request must be answered.
        InzageUiterlijk => "inzage_uiterlijk", "Uiterste datum van het antwoord op het inzageverzoek", "Due date of the reply to the access request";
        /// How long a closed dossier is kept (the retention setting).
        Bewaartermijn => "bewaartermijn", "Bewaartermijn na afsluiting", "Retention period after closing";
        /// The date by which the dossier is to be destroyed.
        VernietigenNa => "vernietigen_na", "Datum waarop het dossier wordt vernietigd", "Date the case file is destroyed";
        /// Where the advisor refers to: never filled in, the advisor writes it.
        DoorverwezenNaar => "doorverwezen_naar", "Naar wie u doorverwijst (vult u zelf in)", "Whom you refer to (you fill this in)";
        /// The advisor's name (settings, invoice details).
        Adviseur => "adviseur", "Uw naam", "Your name";
        /// The advisor's town (settings, invoice details).
        AdviseurPlaats => "adviseur_plaats", "Uw vestigingsplaats", "Your town";
    }
}
