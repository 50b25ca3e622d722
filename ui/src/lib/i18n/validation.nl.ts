// Dutch texts per validation code (the Record makes a new code a type error here).
import type { ValidationCode } from '../types';

export const validation: Record<ValidationCode, string> = {
  required: 'Dit veld is verplicht.',
  too_long: 'Deze tekst is te lang.',
  duplicate: 'Deze naam is al in gebruik.',
  not_positive: 'Vul een getal groter dan 0 in.',
  too_large: 'Dit getal is onwaarschijnlijk groot.',
  closed_before_opened: 'De sluitdatum ligt voor de openingsdatum.',
  destroy_by_before_closed: 'De vernietigingsdatum ligt voor de sluitdatum.',
  in_future: 'Deze datum ligt in de toekomst.',
  before_opened: 'Deze datum ligt voor de openingsdatum van het dossier.',
  unknown_organisation: 'Deze organisatie bestaat niet.',
  archived_organisation: 'Deze organisatie is gearchiveerd; zet het archiveren eerst terug.',
  unknown_category: 'Deze categorie bestaat niet.',
  inactive_category: 'Deze categorie is niet meer in gebruik.',
  hold_needs_reason: 'Geef een reden voor de juridische blokkade.',
  already_closed: 'Dit dossier is al gesloten.',
  not_closed: 'Dit dossier is nog open.',
  repeated: 'Een waarde staat er twee keer in.',
  control_characters: 'Deze tekst bevat onzichtbare stuurtekens. Haal ze weg (typ de tekst opnieuw).',
  not_in_text: 'Deze passage staat niet (meer) in de tekst. Kies haar opnieuw.',
  not_a_date: 'Dit is geen datum.',
  impossible_date: 'Deze datum bestaat niet.',
  not_a_number: 'Dit is geen getal.',
  unknown_value: 'Aan deze waarde is nog geen code gekoppeld.',
};
