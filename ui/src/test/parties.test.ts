import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor, within } from '@testing-library/svelte';
import * as ipc from '$lib/ipc';
import { setLanguage } from '$lib/i18n/index.svelte';
import { todayIso } from '$lib/dates';
import { vault } from '$lib/session.svelte';
import PartiesCard from '$lib/components/dossier/PartiesCard.svelte';
import { partyOverview } from './fixtures';
import type { PartyOverview } from '$lib/types';

vi.mock('$lib/ipc');

/** The overview after adding "J. de Vries", who may be the reporter of another organisation's dossier. */
function withMatch(): PartyOverview {
  return partyOverview({
    parties: [
      { id: 11, dossier_id: 7, role: 'melder', name: 'Piet Verzonnen', function: '' },
      { id: 12, dossier_id: 7, role: 'getuige', name: 'J. de Vries', function: 'Inkoop' },
    ],
    matches: [
      {
        party_id: 12,
        other_party_id: 40,
        other_dossier_id: 3,
        other_number: '2025-0012',
        other_organisation: 'Zorggroep Noord',
        other_role: 'melder',
        other_name: 'de vries, jan',
        surname_only: false,
        decided: false,
      },
    ],
    undecided: true,
  });
}

const flush = () => Promise.resolve();

describe('Betrokkenen card', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    setLanguage('nl');
    vault.route = { name: 'dossier', id: 7 };
  });

  it('adds a party, shows the match in another organisation and requires a decision before going on', async () => {
    vi.mocked(ipc.partiesOverview).mockResolvedValue(partyOverview());
    vi.mocked(ipc.partyAdd).mockResolvedValue(withMatch());
    const decided = withMatch();
    decided.matches[0].decided = true;
    decided.undecided = false;
    decided.decisions = [{ id: 1, decision: 'doorverwijzen', decided_on: todayIso(), matches: 1 }];
    vi.mocked(ipc.conflictDecide).mockResolvedValue(decided);
    render(PartiesCard, { props: { dossierId: 7, flush } });

    await screen.findByText('Piet Verzonnen');
    await fireEvent.change(screen.getByLabelText('Rol'), { target: { value: 'getuige' } });
    await fireEvent.input(screen.getByLabelText('Naam of omschrijving'), { target: { value: 'J. de Vries' } });
    await fireEvent.input(screen.getByLabelText('Functie of afdeling (optioneel)'), { target: { value: 'Inkoop' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Betrokkene toevoegen' }));

    expect(ipc.partyAdd, 'the name goes to the core as typed; matching is the core’s').toHaveBeenCalledWith(7, {
      role: 'getuige',
      name: 'J. de Vries',
      function: 'Inkoop',
    });
    const dialog = await screen.findByRole('dialog', { name: 'Mogelijk belangenconflict' });
    expect(dialog, 'the match says role, dossier and organisation').toHaveTextContent(
      'melder in 2025-0012 (Zorggroep Noord)',
    );
    await fireEvent.click(within(dialog).getByLabelText('Doorverwijzen naar collega'));
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Besluit vastleggen' }));

    expect(ipc.conflictDecide, 'the decision and its date are recorded with the dossier').toHaveBeenCalledWith(7, {
      decision: 'doorverwijzen',
      decided_on: todayIso(),
    });
    await waitFor(() =>
      expect(screen.queryByRole('dialog'), 'decided: the advisor may go on').not.toBeInTheDocument(),
    );
    expect(screen.getByTestId('conflict-decision'), 'the recorded decision stays visible').toHaveTextContent(
      'Doorverwijzen naar collega',
    );
  });

  it('asks again when a dossier with an undecided match is opened, and Escape leaves the dossier', async () => {
    vi.mocked(ipc.partiesOverview).mockResolvedValue(withMatch());
    render(PartiesCard, { props: { dossierId: 7, flush } });
    await screen.findByRole('dialog', { name: 'Mogelijk belangenconflict' });
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(vault.route, 'without a decision the advisor cannot stay in the dossier').toEqual({ name: 'dossiers' });
  });

  it('removes a party only after confirmation', async () => {
    vi.mocked(ipc.partiesOverview).mockResolvedValue(partyOverview());
    vi.mocked(ipc.partyRemove).mockResolvedValue(partyOverview({ parties: [] }));
    render(PartiesCard, { props: { dossierId: 7, flush } });
    await fireEvent.click(await screen.findByRole('button', { name: 'Verwijderen' }));
    const confirm = await screen.findByRole('dialog', { name: 'Betrokkene verwijderen?' });
    expect(ipc.partyRemove, 'nothing destructive is one click away').not.toHaveBeenCalled();
    await fireEvent.click(within(confirm).getByRole('button', { name: 'Verwijderen' }));
    await waitFor(() => expect(ipc.partyRemove).toHaveBeenCalledWith(11));
    expect(await screen.findByText('Nog geen betrokkenen vastgelegd.'), 'the list follows the core').toBeInTheDocument();
  });

  it('shows links to other dossiers and unlinks after confirmation', async () => {
    const linked = partyOverview({
      links: [
        { id: 5, kind: 'zelfde_incident', other_dossier_id: 3, other_number: '2025-0012', other_organisation: 'Zorggroep Noord' },
      ],
    });
    vi.mocked(ipc.partiesOverview).mockResolvedValue(linked);
    vi.mocked(ipc.linkRemove).mockResolvedValue(partyOverview());
    render(PartiesCard, { props: { dossierId: 7, flush } });
    expect(await screen.findByText('Zelfde incident: 2025-0012 (Zorggroep Noord)')).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: 'Ontkoppelen' }));
    const confirm = await screen.findByRole('dialog', { name: 'Koppeling verwijderen?' });
    expect(confirm, 'the confirmation names what happens').toHaveTextContent('verdwijnt uit beide dossiers');
    await fireEvent.click(within(confirm).getByRole('button', { name: 'Ontkoppelen' }));
    await waitFor(() => expect(ipc.linkRemove).toHaveBeenCalledWith(7, 5));
    expect(await screen.findByText('Geen gekoppelde dossiers.')).toBeInTheDocument();
  });
});
