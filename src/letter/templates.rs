//! Kluis's own templates, one per kind of letter and language. The advisor may keep their own
//! version of each in the vault (settings); these apply otherwise and come back on a reset.
//! Fields in braces are filled from the dossier and the settings ([`super::LetterField`]);
//! `{doorverwezen_naar}` is never filled in, so a referral cannot leave without the advisor
//! naming where it goes.

use super::LetterTemplate;
use crate::Lang;
use crate::model::LetterKind;

const CLOSING_NL: &str = "Met vriendelijke groet,\n\n{adviseur}\nExterne vertrouwenspersoon";
const CLOSING_EN: &str = "Kind regards,\n\n{adviseur}\nExternal confidential advisor";

/// The built-in template of a kind of letter in a language.
pub fn built_in(kind: LetterKind, lang: Lang) -> LetterTemplate {
    let (subject, body) = text(kind, lang);
    let closing = match lang {
        Lang::Nl => CLOSING_NL,
        Lang::En => CLOSING_EN,
    };
    LetterTemplate {
        kind,
        lang,
        subject: subject.to_owned(),
        body: format!("{body}\n\n{closing}"),
        custom: false,
    }
}

fn text(kind: LetterKind, lang: Lang) -> (&'static str, &'static str) {
    match (kind, lang) {
        (LetterKind::Toestemming, Lang::Nl) => (
            "Vertrouwelijkheid en uw toestemming",
            "Beste {aan},

Op {eerste_contact} hebben wij gesproken in mijn rol als externe vertrouwenspersoon voor {organisatie}. In deze brief leg ik vast wat wij hebben afgesproken over vertrouwelijkheid en over uw dossier.

Wat u mij vertelt, blijft vertrouwelijk. Ik deel niets met uw werkgever of met anderen zonder uw uitdrukkelijke toestemming, tenzij de wet mij daartoe verplicht.

Op {toestemming_op} heeft u mij toestemming gegeven om een dossier over uw melding bij te houden. Ik bewaar het versleuteld; alleen ik kan het inzien. Aan {organisatie} rapporteer ik alleen geanonimiseerde aantallen, waaruit niet is af te leiden wie wat heeft gemeld.

Na de afsluiting bewaar ik uw dossier nog {bewaartermijn}; daarna vernietig ik het. U kunt uw toestemming altijd intrekken, en u heeft recht op inzage in wat ik over u heb vastgelegd.",
        ),
        (LetterKind::Toestemming, Lang::En) => (
            "Confidentiality and your consent",
            "Dear {aan},

On {eerste_contact} we spoke in my role as external confidential advisor for {organisatie}. In this letter I set down what we agreed about confidentiality and about your case file.

What you tell me stays confidential. I share nothing with your employer or anyone else without your explicit consent, unless the law obliges me to.

On {toestemming_op} you gave me your consent to keep a case file about your report. I keep it encrypted; only I can read it. To {organisatie} I report only anonymised counts, from which nobody can tell who reported what.

After closing I keep your case file for another {bewaartermijn}; then I destroy it. You may withdraw your consent at any time, and you have the right to see what I have recorded about you.",
        ),
        (LetterKind::WbkBevestiging, Lang::Nl) => (
            "Bevestiging van ontvangst van uw melding",
            "Beste {aan},

Hierbij bevestig ik dat ik op {melding_ontvangen} uw melding van een vermoeden van een misstand bij {organisatie} heb ontvangen. Deze bevestiging ontvangt u op grond van de Wet bescherming klokkenluiders.

Uw melding wordt vertrouwelijk behandeld. Uw identiteit wordt niet bekendgemaakt zonder uw uitdrukkelijke toestemming.

Uiterlijk {terugkoppeling_uiterlijk} ontvangt u informatie over de beoordeling van uw melding en, voor zover van toepassing, over de opvolging ervan. Lukt dat niet binnen die termijn, dan hoort u dat tijdig.",
        ),
        (LetterKind::WbkBevestiging, Lang::En) => (
            "Confirmation of receipt of your report",
            "Dear {aan},

I hereby confirm that on {melding_ontvangen} I received your report of a suspected wrongdoing at {organisatie}. You receive this confirmation under the Dutch Whistleblower Protection Act (Wet bescherming klokkenluiders).

Your report is treated confidentially. Your identity is not disclosed without your explicit consent.

By {terugkoppeling_uiterlijk} you will receive information about the assessment of your report and, where applicable, its follow-up. Should that not be possible within this term, you will hear so in good time.",
        ),
        (LetterKind::Doorverwijzing, Lang::Nl) => (
            "Doorverwijzing",
            "Beste {aan},

Naar aanleiding van ons gesprek op {laatste_gesprek} verwijs ik u, zoals afgesproken, door naar {doorverwezen_naar}.

Ik geef geen gegevens over u door zonder uw toestemming. U kunt ook zelf contact opnemen; vermeld dan dat u door mij bent doorverwezen.

Als vertrouwenspersoon blijf ik voor u beschikbaar.",
        ),
        (LetterKind::Doorverwijzing, Lang::En) => (
            "Referral",
            "Dear {aan},

Following our conversation on {laatste_gesprek}, I refer you, as agreed, to {doorverwezen_naar}.

I pass on no information about you without your consent. You may also get in touch yourself; please mention that I referred you.

As your confidential advisor I remain available to you.",
        ),
        (LetterKind::Afsluiting, Lang::Nl) => (
            "Afsluiting van uw dossier",
            "Beste {aan},

Op {eerste_contact} nam u voor het eerst contact met mij op als externe vertrouwenspersoon voor {organisatie}. Met deze brief bevestig ik dat ik de begeleiding op {afgesloten_op} heb afgesloten.

Dank voor het vertrouwen dat u in mij heeft gesteld. Heeft u later opnieuw behoefte aan een gesprek, dan kunt u altijd contact met mij opnemen.

Uw dossier bewaar ik versleuteld tot {vernietigen_na}; daarna vernietig ik het. Tot die datum kunt u mij om inzage vragen.",
        ),
        (LetterKind::Afsluiting, Lang::En) => (
            "Closing your case file",
            "Dear {aan},

On {eerste_contact} you first contacted me as external confidential advisor for {organisatie}. With this letter I confirm that I closed my support on {afgesloten_op}.

Thank you for the trust you placed in me. Should you want to talk again later, you can always contact me.

I keep your case file encrypted until {vernietigen_na}; then I destroy it. Until that date you may ask me to see it.",
        ),
        (LetterKind::Inzage, Lang::Nl) => (
            "Uw verzoek om inzage",
            "Beste {aan},

Op {inzage_ontvangen} ontving ik uw verzoek om inzage in de gegevens die ik als externe vertrouwenspersoon over u heb vastgelegd. Bij deze brief ontvangt u een overzicht van die gegevens.

Gegevens over anderen die in uw dossier voorkomen, zijn weggelaten of alleen met hun rol vermeld: uw recht op inzage mag de rechten van anderen niet schaden (artikel 15, lid 4 AVG).

Wilt u gegevens laten verbeteren of verwijderen, of heeft u vragen over het overzicht, laat het mij dan weten.",
        ),
        (LetterKind::Inzage, Lang::En) => (
            "Your request for access",
            "Dear {aan},

On {inzage_ontvangen} I received your request to see the data I recorded about you as external confidential advisor. With this letter you receive an overview of that data.

Data about others who appear in your case file has been left out or is shown by their role only: your right of access must not harm the rights of others (article 15(4) GDPR).

If you want data corrected or erased, or have questions about the overview, please let me know.",
        ),
    }
}
