// Dutch texts of Settings → Overdragen. Mounted in nl.ts as `handover`; handover.en.ts has the
// same shape (typed as `HandoverDict`).

export const handoverNl = {
  section: 'Overdragen',
  intro:
    'Draag dossiers over aan een collega (bij ziekte, vertrek of vakantie) zonder ze rond te mailen: Kluis maakt een bestand dat alleen de kluis van je collega kan openen.',
  keyTitle: 'Mijn ontvangstsleutel',
  keyHelp:
    'Geef deze sleutel aan wie dossiers aan jou overdraagt, en vergelijk de vingerafdruk telefonisch voordat je collega het bestand maakt.',
  qr: 'QR-code van mijn ontvangstsleutel',
  fingerprint: 'Vingerafdruk',
  copyKey: 'Sleutel kopiëren',
  copied: 'Gekopieerd. Het klembord wordt na 10 seconden gewist.',
  exportTitle: 'Dossiers overdragen',
  organisation: 'Organisatie',
  allOrganisations: 'Alle organisaties',
  choose: 'Kies de dossiers die meegaan (standaard de open dossiers).',
  none: 'Geen dossiers bij deze keuze.',
  withNotes: 'Notities meegeven',
  withParties: 'Betrokkenen (namen) meegeven',
  withDocuments: 'Documenten meegeven',
  always: 'De vastgelegde gegevens en de tijdlijn gaan altijd mee.',
  deputyUntil: 'Waarneming tot en met (optioneel)',
  deputyHelp: 'Na deze datum opent de kluis van je collega deze dossiers niet meer.',
  usePassphrase: 'Geen sleutel bij de hand: met een eenmalige wachtwoordzin',
  oncePassphrase: 'Eenmalige wachtwoordzin',
  oncePassphraseHelp: 'Minstens vier willekeurige woorden. Vertel hem je collega via een ander kanaal (telefoon), nooit in dezelfde mail als het bestand.',
  to: 'Ontvangstsleutel van je collega (age1…)',
  path: 'Opslaan als',
  pick: 'Kiezen…',
  dialogExport: 'Overdrachtsbestand opslaan',
  make: 'Overdrachtsbestand maken',
  made: (n: number, file: string) =>
    `${n === 1 ? '1 dossier' : `${n} dossiers`} in ${file}, gemarkeerd als overgedragen en vastgelegd in het exportlogboek. Vernietig ze hier zodra je collega ze heeft ingelezen.`,
  destroyNow: 'Overgedragen dossiers nu vernietigen…',
  importTitle: 'Overdracht inlezen',
  file: 'Overdrachtsbestand',
  dialogImport: 'Overdrachtsbestand kiezen',
  passphrase: 'Eenmalige wachtwoordzin (alleen als de afzender er een gebruikte)',
  read: 'Inlezen',
  imported: (n: number, from: string) => `${n === 1 ? '1 dossier' : `${n} dossiers`} ingelezen, overgedragen door ${from}.`,
  renamed: (from: string, to: string) => `${from} heet hier ${to} (het nummer was al in gebruik).`,
  deputy: (until: string) => `Waarneming: deze dossiers openen tot en met ${until}.`,
};

export type HandoverDict = typeof handoverNl;
