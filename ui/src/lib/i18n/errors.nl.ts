// Dutch messages per error code (the `Record` makes a new Rust code break the type check).
// Kept apart from nl.ts, which is near its size limit.
import type { ErrorCode } from '../types';

export const errors: Record<ErrorCode, string> = {
  not_unlocked: 'De kluis is vergrendeld. Ontgrendel hem opnieuw om verder te gaan.',
  wrong_passphrase: 'Deze wachtwoordzin klopt niet. Probeer het opnieuw of gebruik je herstelsleutel.',
  wrong_recovery_key: 'Deze herstelsleutel hoort niet bij deze kluis. Controleer hem teken voor teken.',
  malformed_recovery_key:
    'Dit is geen geldige herstelsleutel. Controleer of je hem volledig en zonder tikfouten hebt overgenomen.',
  weak_passphrase: 'Deze wachtwoordzin is te zwak. Maak hem langer, bijvoorbeeld met een extra woord.',
  passphrase_required: 'Er is een wachtwoordzin nodig om deze kluis te openen. Vul hem in en probeer het opnieuw.',
  not_a_vault: 'Dit bestand is geen kluis van Kluis. Kies een ander bestand.',
  unsupported_version: 'Deze kluis is gemaakt met een nieuwere versie van Kluis. Werk Kluis bij om hem te openen.',
  damaged:
    'Deze kluis is beschadigd en kan niet worden geopend. Gebruik een back-up: die staan in de map naast de kluis.',
  locked_elsewhere: 'Deze kluis is al geopend in een ander venster of programma. Sluit hem daar eerst.',
  already_exists: 'Op deze plek staat al een bestand. Kies een andere naam of map.',
  not_found: 'Niet gevonden. Misschien is het bestand verplaatst of het gegeven verwijderd.',
  validation: 'Niet alles is goed ingevuld. Kijk de gemarkeerde velden na.',
  io: 'Het bestand kon niet worden gelezen of geschreven. Controleer de schijf en probeer het opnieuw.',
  database: 'Er ging iets mis in de kluis. Er is niets opgeslagen; probeer het opnieuw.',
  internal: 'Er ging iets onverwachts mis. Probeer het opnieuw; helpt dat niet, start Kluis dan opnieuw.',
  invalid_period: 'Kies een geldige periode: twee jaar, een jaar, een halfjaar of een kwartaal.',
  pooled_too_few:
    'Een gebundelde rapportage heeft meer organisaties nodig: ten minste 3, en 5 bij het strikte profiel.',
  period_frozen:
    'Over deze periode is eerder gerapporteerd met andere cijfers. Gepubliceerde cijfers liggen vast, dus deze rapportage kan zo niet worden gemaakt. Kies een andere periode.',
  profile_frozen:
    'Deze periode is al gepubliceerd met een ander profiel. Gepubliceerde cijfers liggen vast voor elk profiel: kies het profiel van de eerste publicatie.',
  legacy_ledger:
    'De publicatiegeschiedenis van deze organisatie is door een testversie van Kluis vastgelegd en kan niet veilig worden gebruikt. Er is niets geschreven.',
  anonymisation_failed:
    'Het anonimiseren van deze rapportage is mislukt. Er is niets geschreven. Probeer een andere periode of het strikte profiel.',
  audit_failed: 'De anonimiteitscontrole is niet geslaagd. Er is niets geschreven.',
  lint_not_accepted:
    'Er staan nog waarschuwingen bij je tekst. Pas de tekst aan of geef aan dat je ze accepteert. Er is niets geschreven.',
  nothing_chosen: 'Kies eerst een bestand om naar te exporteren.',
  invalid_path: 'Geef de volledige locatie van het nieuwe bestand op, of kies er een met "Kiezen...".',
  file_exists:
    'Dit bestand bestaat al. Kies een nieuwe bestandsnaam: Kluis overschrijft nooit een bestaand bestand. Er is niets geschreven.',
  same_file: 'Kies voor de PDF en de CSV verschillende bestanden.',
  render_failed: 'De rapportage kon niet worden opgemaakt. Er is niets geschreven; probeer het opnieuw.',
  keyslot_damaged:
    'Het sleutelvak voor de wachtwoordzin is beschadigd, dus de wachtwoordzin kan niet worden gecontroleerd. Open de kluis met je herstelsleutel en stel daarna een nieuwe wachtwoordzin in.',
  file_too_large: 'Dit bestand is groter dan een kluis kan zijn. Kies een ander bestand.',
  database_altered:
    'De database in deze kluis is buiten Kluis gewijzigd en kan niet worden vertrouwd. Gebruik een back-up: die staan in de map naast de kluis.',
  key_mismatch:
    'De sleutels in deze kluis horen niet bij de sleutel waarmee hij is geopend. De kluis kan niet worden vertrouwd; gebruik een back-up.',
  foreign_database: 'Dit bestand bevat een database, maar geen Kluis-database. Kies een ander bestand.',
  wal_database:
    'De database in deze kluis is met een ander programma bewerkt en staat in WAL-modus. Zet hem terug met PRAGMA journal_mode=DELETE, of gebruik een back-up.',
  notes_on_command_line:
    'Notities horen niet op de opdrachtregel: andere gebruikers van deze computer kunnen ze lezen en de shell bewaart ze. Er is niets opgeslagen.',
  read_only:
    'Deze kluis is alleen-lezen geopend omdat de map of schijf niet beschrijfbaar is. Er is niets opgeslagen; kopieer de kluis naar een beschrijfbare map om te wijzigen.',
  legal_hold:
    'Een dossier met een juridische blokkade kan niet worden vernietigd. Hef de blokkade eerst op in het dossier. Er is niets vernietigd.',
  dossier_open: 'Een open dossier kan niet worden vernietigd. Sluit het eerst. Er is niets vernietigd.',
  not_reported:
    'Dit dossier is nog niet geteld in een gepubliceerde rapportage van zijn periode. Publiceer die eerst, of vernietig het toch met een reden. Er is niets vernietigd.',
  not_confirmed: 'Het vernietigen is niet bevestigd. Er is niets vernietigd.',
  retention_not_over:
    'De bewaartermijn van dit dossier is nog niet voorbij. Wacht tot de vernietigdatum, of vernietig het toch met een reden. Er is niets vernietigd.',
  change_kept:
    'Een andere kluis heeft nog een wijziging die bij het vergrendelen niet kon worden opgeslagen. Ontgrendel eerst die kluis; dan wordt de wijziging alsnog opgeslagen.',
  already_extended: 'Deze termijn is al eens verlengd; de wet staat één verlenging toe. Er is niets gewijzigd.',
  not_extendable: 'Deze termijn kan niet worden verlengd. Er is niets gewijzigd.',
  deadline_done: 'Deze termijn is al afgerond. Er is niets gewijzigd.',
  wbk_not_applicable:
    'De termijnen van de Wet bescherming klokkenluiders gelden alleen voor een vermoeden van een misstand of een integriteitsmelding. Kies een andere soort termijn.',
  public_key_malformed: 'Dit is geen geldige publieke sleutel.',
  signature_missing: 'De handtekening ontbreekt.',
  signature_malformed: 'Het handtekeningbestand is onleesbaar of gewijzigd.',
  signature_other_key: 'Deze handtekening is met een andere sleutel gemaakt.',
  file_changed: 'Het bestand is gewijzigd nadat het werd ondertekend.',
  unreadable_file: 'Dit bestand kan niet worden ingelezen. Kies een Excel-, OpenDocument- of CSV-bestand.',
  import_too_large: 'Dit bestand is te groot om in te lezen (meer dan 64 MB). Splits het in delen.',
  too_many_rows: 'Dit blad heeft te veel rijen of kolommen om in te lezen. Splits het in delen.',
  sheet_missing: 'Het gekozen blad staat niet (meer) in dit bestand. Kies het blad opnieuw.',
  mapping_invalid: 'De koppeling is ongeldig. Kies de kolommen opnieuw.',
  import_has_errors: 'Er zijn rijen met fouten; er is niets ingelezen. Doe de proefdraai opnieuw.',
  nothing_to_import: 'Er is geen rij die een dossier zou worden.',
  already_imported: 'Dit bestand is al eerder ingelezen.',
  conflict_undecided:
    'Een betrokkene komt mogelijk ook in een ander dossier voor. Leg eerst vast of er een belangenconflict is.',
  link_to_itself: 'Een dossier kan niet aan zichzelf worden gekoppeld. Kies een ander dossier.',
  name_on_command_line: 'Namen horen niet op de opdrachtregel.',
  invoice_not_final:
    'Alleen een definitieve factuur kan worden geëxporteerd. Maak de factuur eerst definitief.',
  document_too_large:
    'Dit bestand is groter dan 25 MB en past niet in de kluis. Bewaar alleen wat het dossier nodig heeft, of verklein het bestand.',
  documents_full:
    'De kluis bevat al zoveel documenten (samen bijna 512 MB) dat er niets meer bij kan. Verwijder documenten die niet meer nodig zijn.',
  document_exists: 'Dit bestand zit al in dit dossier (dezelfde inhoud).',
  document_empty: 'Dit bestand is leeg.',
  document_on_hold:
    'Dit dossier heeft een juridische blokkade: er worden geen documenten uit verwijderd. Hef de blokkade eerst op.',
  not_a_handover: 'Dit is geen overdrachtsbestand van Kluis, of het is beschadigd. Er is niets ingelezen.',
  handover_not_for_you:
    'Dit overdrachtsbestand is niet voor deze kluis gemaakt (een andere ontvangstsleutel of wachtwoordzin). Vraag de afzender het opnieuw te maken voor jouw ontvangstsleutel. Er is niets ingelezen.',
  deputy_expired: 'De waarneming voor dit dossier is afgelopen: het wordt niet meer geopend. Vernietig het via Bewaartermijnen.',
  not_a_contribution: 'Dit is geen bijdrage aan een gezamenlijke rapportage voor deze kluis (een ander bestand, een andere ontvangstsleutel, of beschadigd). Er is niets ingelezen.',
  contribution_exists: 'Deze bijdrage of dit ontvangstbewijs is al ingelezen. Er is niets veranderd.',
  joint_pooled_history: 'Deze organisatie zat in deze jaren in een gebundelde rapportage met andere organisaties; daaruit kan geen bijdrage aan een gezamenlijke rapportage worden gemaakt zonder de andere organisaties mee te geven. Er is niets gemaakt.',
  joint_unknown_organisation: 'Geen organisatie in deze kluis heeft de naam uit de bijdrage. Voeg de organisatie toe (of geef haar dezelfde naam) en lees de bijdrage opnieuw in. Er is niets ingelezen.',
  joint_unknown_category: 'De bijdrage telt een categorie die deze kluis niet kent (een eigen categorie van de collega). Voeg die categorie toe met dezelfde code en lees de bijdrage opnieuw in. Er is niets ingelezen.',
  no_contributions: 'Voor een gezamenlijke rapportage is minstens één ingelezen bijdrage van een collega nodig voor deze organisatie en periode.',
  not_a_receipt: 'Dit is geen geldig ontvangstbewijs voor een bijdrage uit deze kluis (een ander bestand, gewijzigd, of voor een andere kluis). Er is niets ingelezen.',
  joint_not_published: 'Deze gezamenlijke rapportage is nog niet geëxporteerd: ontvangstbewijzen horen bij een rapportage die de opdrachtgever heeft gekregen.',
};
