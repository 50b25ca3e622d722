//! What a handover file holds, built from one vault and applied to another. Coded fields and
//! the history in words always; notes, parties and documents only when the advisor chose
//! them. Nothing else of the sending vault (no other dossier, no settings, no ledger, no keys).

use super::{CLASH_PREFIX, HandoverError, HandoverImported};
use crate::model::{
    ConversationInput, DossierInput, OrganisationInput, PartyInput, SupportedSide, ValidationErrors,
};
use crate::store::{Received, Store, StoreError};
use crate::{Clock, Lang};
use base64::Engine as _;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The package's format name.
pub const FORMAT: &str = "kluis-overdracht";
/// The package's version.
pub const VERSION: u32 = 1;

/// What goes with the dossiers besides their coded fields and history.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HandoverOptions {
    /// The advisor's notes.
    pub notes: bool,
    /// The parties (names) and whom the advisor supports.
    pub parties: bool,
    /// The documents (their content).
    pub documents: bool,
    /// A deputy copy: the last day the deputy may open these dossiers.
    pub deputy_until: Option<NaiveDate>,
}

/// The decrypted content of a handover file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Package {
    /// [`FORMAT`].
    pub format: String,
    /// [`VERSION`].
    pub version: u32,
    /// The day it was made.
    pub made_on: NaiveDate,
    /// The sending advisor's name (from their details; may be empty).
    pub from: String,
    /// For a deputy copy: the last day it may be opened.
    pub deputy_until: Option<NaiveDate>,
    /// The dossiers.
    pub dossiers: Vec<PackedDossier>,
}

/// One dossier in a package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackedDossier {
    /// Its number in the sending vault.
    pub number: String,
    /// Its organisation (matched by name on import).
    pub organisation: OrganisationInput,
    /// Its coded fields (organisation id 0; notes empty unless chosen).
    pub input: DossierInput,
    /// The closing date, when closed.
    pub closed_on: Option<NaiveDate>,
    /// Its conversations (date, minutes, how).
    pub conversations: Vec<ConversationInput>,
    /// Its history in the sender's words, one line per event (no names).
    pub summary: Vec<String>,
    /// Its parties, when chosen.
    pub parties: Vec<PartyInput>,
    /// Whom the advisor supports, when parties were chosen.
    pub supports: Option<SupportedSide>,
    /// Its documents, when chosen: name and content (base64).
    pub documents: Vec<(String, String)>,
}

/// Packs the dossiers `numbers` of `store`.
pub fn build(
    store: &Store,
    numbers: &[String],
    options: &HandoverOptions,
    lang: Lang,
    today: NaiveDate,
) -> Result<Package, StoreError> {
    let mut dossiers = Vec::with_capacity(numbers.len());
    for number in numbers {
        let d = store.dossier_by_number(number)?;
        let org = store.organisation(d.organisation_id)?;
        let mut input = DossierInput::from(&d);
        input.organisation_id = 0;
        if !options.notes {
            input.notes.clear();
        }
        let summary = store
            .timeline(d.id, lang)?
            .into_iter()
            .map(|e| format!("{} {}", e.on, e.text))
            .collect();
        let (parties, supports) = if options.parties {
            (
                store
                    .parties(d.id)?
                    .into_iter()
                    .map(|p| PartyInput {
                        role: p.role,
                        name: p.name,
                        function: p.function,
                    })
                    .collect(),
                Some(store.supported_side(d.id)?),
            )
        } else {
            (Vec::new(), None)
        };
        let mut documents = Vec::new();
        if options.documents {
            for doc in store.documents(d.id)? {
                let content = store.document_content(doc.id)?;
                documents.push((
                    doc.name,
                    base64::engine::general_purpose::STANDARD.encode(content.as_slice()),
                ));
            }
        }
        dossiers.push(PackedDossier {
            number: d.number.clone(),
            organisation: OrganisationInput {
                name: org.name,
                employee_count: org.employee_count,
                arrangement: org.arrangement,
                contact_label: org.contact_label,
            },
            input,
            closed_on: d.closed_on,
            conversations: d
                .conversations
                .iter()
                .map(|c| ConversationInput {
                    held_on: c.held_on,
                    minutes: c.minutes.into(),
                    mode: c.mode,
                })
                .collect(),
            summary,
            parties,
            supports,
            documents,
        });
    }
    Ok(Package {
        format: FORMAT.to_owned(),
        version: VERSION,
        made_on: today,
        from: store.advisor_details()?.name,
        deputy_until: options.deputy_until,
        dossiers,
    })
}

/// Adds a package's dossiers to `store`, all or none (what was added is taken back when one
/// fails).
pub fn apply(
    store: &mut Store,
    package: &Package,
    clock: Clock,
) -> Result<HandoverImported, HandoverError> {
    let mut added = Vec::new();
    let mut created = Vec::new();
    match apply_each(store, package, clock, &mut added, &mut created) {
        Ok(dossiers) => Ok(HandoverImported {
            dossiers,
            organisations_created: created.iter().map(|(_, n)| n.clone()).collect(),
            from: package.from.clone(),
            deputy_until: package.deputy_until,
        }),
        Err(e) => {
            let orgs: Vec<i64> = created.iter().map(|(id, _)| *id).collect();
            store.undo_received(&added, &orgs)?;
            Err(e)
        }
    }
}

fn apply_each(
    store: &mut Store,
    package: &Package,
    clock: Clock,
    added: &mut Vec<i64>,
    created: &mut Vec<(i64, String)>,
) -> Result<Vec<(String, String)>, HandoverError> {
    let mut numbers = Vec::new();
    let from = if package.from.trim().is_empty() {
        "?".to_owned()
    } else {
        package.from.trim().to_owned()
    };
    for p in &package.dossiers {
        let org = match store.organisation_named(&p.organisation.name)? {
            Some(id) => id,
            None => {
                let o = store.add_organisation(&p.organisation, clock)?;
                created.push((o.id, o.name));
                o.id
            }
        };
        let mut input = p.input.clone();
        input.organisation_id = org;
        let d = store.add_dossier(&input, clock)?;
        added.push(d.id);
        let number = store.free_number(d.id, &p.number)?;
        store.renumber(d.id, &number)?;
        // Conversations first: the parties may match this vault's own, and an open
        // conflict-of-interest decision would hold conversations back; the advisor decides
        // it in the dossier as usual.
        for c in &p.conversations {
            store.add_conversation(d.id, c, clock)?;
        }
        if let Some(side) = p.supports {
            store.set_supported_side(d.id, side, clock)?;
        }
        for party in &p.parties {
            store.add_party(d.id, party, clock)?;
        }
        let mut files = Vec::new();
        for (name, content) in &p.documents {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(content)
                .map_err(|_| HandoverError::NotAHandover)?;
            files.push((name.clone(), bytes));
        }
        if !files.is_empty() {
            let batch: Vec<(&str, &[u8])> = files
                .iter()
                .map(|(n, b)| (n.as_str(), b.as_slice()))
                .collect();
            store.add_documents(d.id, &batch, clock)?;
        }
        if let Some(closed_on) = p.closed_on {
            store.close_dossier(
                d.id,
                &crate::model::CloseInput {
                    closed_on,
                    outcome: p.input.outcome,
                    destroy_by: p.input.destroy_by,
                },
                clock,
            )?;
        }
        store.record_received(
            d.id,
            &Received {
                on_date: clock.today,
                from: from.clone(),
                original_number: p.number.clone(),
                deputy_until: package.deputy_until,
            },
        )?;
        numbers.push((p.number.clone(), number));
    }
    if numbers.is_empty() {
        return Err(StoreError::Validation(ValidationErrors::single(
            "dossiers",
            crate::model::ValidationCode::Required,
        ))
        .into());
    }
    Ok(numbers)
}

/// The number a received dossier gets: its own when free, else with [`CLASH_PREFIX`] (and a
/// counter should that be taken too).
pub(crate) fn number_for(original: &str, mut taken: impl FnMut(&str) -> bool) -> String {
    if !taken(original) {
        return original.to_owned();
    }
    let first = format!("{CLASH_PREFIX}{original}");
    if !taken(&first) {
        return first;
    }
    (2..)
        .map(|n| format!("OV{n}-{original}"))
        .find(|c| !taken(c))
        .unwrap_or(first)
}
