// Dutch texts of the dossier page's Betrokkenen card: parties, the conflict-of-interest check and
// links between dossiers. Kept apart from nl.ts (which is near its size limit) and mounted there
// as `parties`; parties.en.ts must have the same shape (typed as `PartiesDict`).
import type { ConflictDecision, LinkKind, PartyRole, SupportedSide } from '../types';

export const partiesNl = {
  section: 'Betrokkenen',
  intro: 'Wie er bij deze zaak betrokken zijn. Staat alleen in de kluis: nooit in een rapportage, logregel of bestandsnaam.',
  saveFirst: 'Betrokkenen kunt u toevoegen zodra het dossier is opgeslagen (kies eerst een organisatie).',
  empty: 'Nog geen betrokkenen vastgelegd.',
  loading: 'Betrokkenen laden…',
  role: {
    melder: 'Melder',
    beschuldigde: 'Beschuldigde',
    getuige: 'Getuige',
    leidinggevende: 'Leidinggevende',
    anders: 'Anders',
  } satisfies Record<PartyRole, string> as Record<PartyRole, string>,
  roleLabel: 'Rol',
  colName: 'Naam',
  colFunction: 'Functie of afdeling',
  name: 'Naam of omschrijving',
  nameHelp: 'Een naam, of een omschrijving zoals ‘teamleider B’.',
  function: 'Functie of afdeling (optioneel)',
  add: 'Betrokkene toevoegen',
  remove: 'Verwijderen',
  removeTitle: 'Betrokkene verwijderen?',
  removeBody: (role: string) =>
    `De betrokkene (${role.toLowerCase()}) wordt uit dit dossier verwijderd. Eerdere besluiten over belangenconflicten blijven staan.`,
  supports: 'U staat bij',
  supportsSide: {
    melder: 'de melder',
    beschuldigde: 'de beschuldigde',
  } satisfies Record<SupportedSide, string> as Record<SupportedSide, string>,
  supportsHelp:
    'Meestal de melder. Staat u de beschuldigde bij, kies dat dan: bij een inzageverzoek staat alleen de naam van de persoon die u bijstaat in de export.',
  possibleMatch: 'ook elders?',
  conflict: {
    title: 'Mogelijk belangenconflict',
    intro:
      'Deze betrokkenen komen mogelijk ook voor in andere dossiers. Ga na of u onafhankelijk kunt blijven en leg uw besluit vast voordat u verdergaat.',
    matchIn: (role: string, number: string, organisation: string) =>
      `${role.toLowerCase()} in ${number} (${organisation})`,
    surnameOnly: 'alleen de achternaam komt overeen',
    decision: 'Uw besluit',
    decisions: {
      geen_conflict: 'Geen conflict',
      doorverwijzen: 'Doorverwijzen naar collega',
    } satisfies Record<ConflictDecision, string> as Record<ConflictDecision, string>,
    decidedOn: 'Datum van het besluit',
    record: 'Besluit vastleggen',
    leave: 'Terug naar dossiers',
    decided: 'besloten',
    undecided: 'nog geen besluit',
    recorded: (decision: string, date: string) => `Besluit over belangenconflict: ${decision} (${date}).`,
  },
  links: {
    heading: 'Gekoppelde dossiers',
    empty: 'Geen gekoppelde dossiers.',
    kind: {
      zelfde_beschuldigde: 'Zelfde beschuldigde',
      zelfde_incident: 'Zelfde incident',
      zelfde_melder: 'Zelfde melder',
    } satisfies Record<LinkKind, string> as Record<LinkKind, string>,
    kindLabel: 'Soort koppeling',
    other: 'Dossiernummer',
    otherHelp: 'Bijvoorbeeld 2025-0012. De koppeling staat daarna in beide dossiers.',
    add: 'Koppelen',
    open: 'Openen',
    remove: 'Ontkoppelen',
    removeTitle: 'Koppeling verwijderen?',
    removeBody: (number: string) => `De koppeling met dossier ${number} verdwijnt uit beide dossiers.`,
  },
};

export type PartiesDict = typeof partiesNl;
