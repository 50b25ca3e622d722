// Dutch texts of the dossier page's Documenten card. Mounted in nl.ts as `documents`;
// documents.en.ts has the same shape (typed as `DocumentsDict`).
import type { OriginalFile } from '../types';

export const documentsNl = {
  section: 'Documenten',
  intro:
    'E-mails, brieven, pdf’s en foto’s bewaar je versleuteld in de kluis, niet los op de schijf. Sleep bestanden hierheen of kies ze.',
  saveFirst: 'Documenten kun je toevoegen zodra het dossier is opgeslagen.',
  empty: 'Nog geen documenten in dit dossier.',
  drop: 'Laat los om toe te voegen aan dit dossier',
  choose: 'Bestanden kiezen…',
  dialogAdd: 'Documenten toevoegen aan het dossier',
  path: 'Of typ het pad van een bestand',
  add: 'Toevoegen',
  removeOriginal: 'Het origineel daarna van de schijf verwijderen',
  removeOriginalHelp: 'Pas nadat de kluis is opgeslagen. De schijf kan de oude blokken nog bevatten.',
  colName: 'Naam',
  colKind: 'Soort',
  colSize: 'Grootte',
  colAdded: 'Toegevoegd',
  copy: 'Kopie opslaan…',
  copyTitle: (name: string) => `Kopie van ${name} opslaan`,
  copyPath: 'Opslaan als',
  copySave: 'Kopie opslaan',
  copied: (file: string) => `Kopie opgeslagen als ${file} en vastgelegd in het exportlogboek.`,
  remove: 'Verwijderen',
  removeTitle: 'Document verwijderen?',
  removeBody: (name: string) => `${name} verdwijnt uit de kluis. Dit kan niet ongedaan worden gemaakt.`,
  added: (n: number) => (n === 1 ? '1 document toegevoegd.' : `${n} documenten toegevoegd.`),
  original: {
    removed: 'Het origineel is van de schijf verwijderd.',
    not_removed: 'Het origineel kon niet worden verwijderd; verwijder het zelf.',
  } satisfies Record<Exclude<OriginalFile, 'kept'>, string> as Record<Exclude<OriginalFile, 'kept'>, string>,
  total: (count: number, size: string) => `${count} document(en), samen ${size}.`,
  growing: (size: string) =>
    `De documenten in deze kluis zijn samen ${size}. Elke keer opslaan schrijft ze opnieuw weg en elke reservekopie bevat ze; bewaar alleen wat nodig is.`,
};

export type DocumentsDict = typeof documentsNl;
