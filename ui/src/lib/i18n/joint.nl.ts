// Dutch texts of Settings → Gezamenlijke rapportage and the joint option on Rapportages.
// Mounted in nl.ts as `joint`; joint.en.ts has the same shape (typed as `JointDict`).

export const jointNl = {
  section: 'Gezamenlijke rapportage',
  intro:
    'Werk je met collega’s bij één opdrachtgever, dan maakt één van jullie (de coördinator) één rapportage over alle meldingen. Elke collega stuurt een bijdrage: alleen de gecodeerde registraties (categorie, kwartaal, relatie, afloop) en de eigen eerdere rapportages, nooit notities, namen, dossiernummers of datums.',
  contributeTitle: 'Bijdrage maken (ik lever aan)',
  organisation: 'Organisatie',
  period: 'Periode',
  periodHelp: 'Een jaar (2025), halfjaar (2025-H1), kwartaal (2025-Q3) of twee jaar (2024-2025), dezelfde als de coördinator.',
  to: 'Ontvangstsleutel van de coördinator (age1…)',
  path: 'Bijdrage opslaan als',
  pick: 'Kiezen…',
  dialogContribute: 'Bijdrage opslaan',
  dialogOpen: 'Bestand kiezen',
  dialogDir: 'Map voor de ontvangstbewijzen',
  contribute: 'Bijdrage maken',
  contributed: (records: number, file: string) =>
    `Bijdrage met ${records === 1 ? '1 registratie' : `${records} registraties`} opgeslagen als ${file}. Lees straks het ontvangstbewijs van de coördinator in.`,
  importTitle: 'Bijdrage inlezen (ik coördineer)',
  importHelp:
    'Lees de bijdragen van je collega’s in. Maak daarna op Rapportages de rapportage van deze organisatie met “Gezamenlijke rapportage” aan.',
  file: 'Bestand met de bijdrage',
  receiptFile: 'Bestand met het ontvangstbewijs',
  read: 'Bijdrage inlezen',
  imported: (records: number, organisation: string, period: string, from: string) =>
    `Bijdrage van ${from} ingelezen: ${records === 1 ? '1 registratie' : `${records} registraties`} voor ${organisation}, ${period}.`,
  receiptsTitle: 'Ontvangstbewijzen maken (na de export)',
  receiptsHelp:
    'Na het exporteren van de gezamenlijke rapportage krijgt elke collega een ondertekend ontvangstbewijs. Daarmee worden hun latere eigen rapportages getoetst aan de gezamenlijke, zodat niemand “gezamenlijk min eigen” kan uitrekenen.',
  dir: 'Map voor de ontvangstbewijzen',
  makeReceipts: 'Ontvangstbewijzen maken',
  receiptsMade: (n: number) => (n === 1 ? '1 ontvangstbewijs opgeslagen.' : `${n} ontvangstbewijzen opgeslagen.`),
  receiptTitle: 'Ontvangstbewijs inlezen (ik leverde aan)',
  readReceipt: 'Ontvangstbewijs inlezen',
  receiptRead: (organisation: string, period: string, signer: string) =>
    `Ontvangstbewijs voor ${organisation}, ${period} ingelezen. Ondertekend met sleutel-ID ${signer}: vergelijk die met die van de coördinator.`,
  unnamed: 'een collega',
  reportToggle: 'Gezamenlijke rapportage',
  reportHelp: (n: number) =>
    n === 0
      ? 'Nog geen bijdragen van collega’s ingelezen voor deze organisatie en periode (Instellingen → Gezamenlijke rapportage).'
      : `Telt ook ${n === 1 ? 'de bijdrage van 1 collega' : `de bijdragen van ${n} collega’s`} mee; dezelfde toets op herleidbaarheid, over ieders eerdere rapportages.`,
};

export type JointDict = typeof jointNl;
