// Dutch texts of the dossier page's Brieven card and the letter templates in Settings. Mounted
// in nl.ts as `letters`; letters.en.ts has the same shape (typed as `LettersDict`).

export const lettersNl = {
  section: 'Brieven',
  intro:
    'Stel een brief op vanuit een sjabloon: de velden worden ingevuld uit het dossier en je gegevens (Instellingen). Pas de tekst aan en sla hem op als pdf of kopieer hem in een e-mail. Elke verstuurde brief blijft bij het dossier en komt in het exportlogboek.',
  saveFirst: 'Brieven kun je opstellen zodra het dossier is opgeslagen.',
  kind: 'Brief',
  language: 'Taal',
  languages: { nl: 'Nederlands', en: 'Engels' },
  compose: 'Opstellen',
  missing: 'Bij het opstellen waren deze velden nog onbekend. Vervang ze in de tekst door wat er moet staan:',
  recipient: 'Aan',
  recipientHelp: 'Naam en adres, één per regel. Leeg laten als je de brief overhandigt of mailt.',
  subject: 'Onderwerp',
  body: 'Tekst',
  bodyHelp: 'Alinea’s scheid je met een lege regel.',
  path: 'Opslaan als',
  choose: 'Kiezen…',
  dialogTitle: 'Brief opslaan als pdf',
  exportPdf: 'Opslaan als pdf',
  copy: 'Kopiëren',
  cancel: 'Annuleren',
  discardTitle: 'Brief weggooien?',
  discardBody: 'Je aanpassingen aan deze brief gaan verloren. Er is nog niets verstuurd.',
  discard: 'Weggooien',
  exported: (file: string) =>
    `Brief opgeslagen als ${file}, bewaard bij het dossier en vastgelegd in het exportlogboek. Het pdf-bestand staat onversleuteld buiten de kluis.`,
  copied: 'Brief gekopieerd, bewaard bij het dossier en vastgelegd in het exportlogboek. Het klembord wordt na 10 seconden gewist.',
  sent: 'Verstuurde brieven',
  none: 'Dit dossier heeft nog geen brieven verstuurd.',
  colDate: 'Datum',
  colKind: 'Brief',
  colVia: 'Hoe',
  colSubject: 'Onderwerp',
  showText: 'Tekst',
  // Settings: the templates.
  templates: {
    section: 'Briefsjablonen',
    intro:
      'De tekst waarmee elke brief begint, per soort en taal. Velden tussen accolades vult Kluis in uit het dossier; een veld zonder waarde blijft staan zodat je ziet wat je zelf moet invullen.',
    kind: 'Brief',
    language: 'Taal',
    own: 'Je eigen versie',
    builtIn: 'Sjabloon van Kluis',
    subject: 'Onderwerp',
    body: 'Tekst',
    fields: 'Velden die je kunt gebruiken',
    save: 'Sjabloon opslaan',
    saved: 'Sjabloon opgeslagen. Nieuwe brieven beginnen met deze tekst.',
    reset: 'Terug naar het sjabloon van Kluis',
    resetTitle: 'Terug naar het sjabloon van Kluis?',
    resetBody: 'Je eigen versie van dit sjabloon verdwijnt. Brieven die al zijn verstuurd, veranderen niet.',
    resetDone: 'Het sjabloon van Kluis geldt weer.',
  },
};

export type LettersDict = typeof lettersNl;
