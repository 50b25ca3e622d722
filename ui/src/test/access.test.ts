import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/svelte';
import * as ipc from '$lib/ipc';
import { setLanguage } from '$lib/i18n/index.svelte';
import { resetVaultState } from '$lib/session.svelte';
import DossierAccess from '$lib/components/DossierAccess.svelte';
import { ipcError } from './fixtures';
import type { AccessDocument } from '$lib/types';

vi.mock('$lib/ipc');

const NOTES = 'Melder is gepest. Collega Qq deed mee. Advies gegeven.';

function doc(notes: string): AccessDocument {
  return {
    lang: 'nl',
    date: '2026-12-02',
    date_text: '2 december 2026',
    number: '2026-0007',
    organisation: 'Zorggroep Noord',
    request: null,
    fields: [],
    conversations: [],
    conversation_minutes: 0,
    notes,
    redacted_passages: 0,
    placeholder: '[gegevens van derden weggelaten]',
    attachments: [],
    letters: [],
  };
}

describe('the Inzage section of the dossier page', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    setLanguage('nl');
    resetVaultState();
    vi.mocked(ipc.accessRequestsList).mockResolvedValue([]);
  });

  it('records a request, then exports with a passage left out as the core previews it', async () => {
    const onrecorded = vi.fn();
    vi.mocked(ipc.accessRequestAdd).mockResolvedValue({
      id: 1,
      dossier_id: 7,
      deadline_id: 9,
      received_on: '2026-12-02',
      identity_check: 'legitimatiebewijs',
      identity_note: '',
    });
    vi.mocked(ipc.deadlinesList).mockResolvedValue([
      {
        id: 9,
        dossier_id: 7,
        kind: 'inzageverzoek',
        label: '',
        starts_on: '2026-12-02',
        original_due_on: '2027-01-02',
        due_on: '2027-01-02',
        extended_on: null,
        extension_reason: '',
        done_on: null,
        urgency: 'later',
      },
    ]);
    render(DossierAccess, { props: { dossierId: 7, number: '2026-0007', notes: NOTES, flush: async () => {}, onrecorded } });
    await fireEvent.click(await screen.findByRole('button', { name: 'Inzageverzoek vastleggen' }));
    expect(await screen.findByText('Vastgelegd; beantwoorden uiterlijk 2 jan 2027.')).toBeInTheDocument();
    expect(onrecorded, 'the deadlines section reloads').toHaveBeenCalled();

    vi.mocked(ipc.accessPreview).mockImplementation(async (_n, passages) =>
      doc(passages.length ? 'Melder is gepest. [gegevens van derden weggelaten] Advies gegeven.' : NOTES),
    );
    await fireEvent.click(screen.getByRole('button', { name: 'Dossier exporteren voor de melder...' }));
    expect(await screen.findByTestId('access-preview')).toHaveTextContent('Collega Qq deed mee.');
    await fireEvent.input(screen.getByLabelText('Passage over derden'), { target: { value: 'Collega Qq deed mee.' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Weglaten' }));
    await waitFor(() => expect(ipc.accessPreview).toHaveBeenLastCalledWith('2026-0007', ['Collega Qq deed mee.']));
    expect(await screen.findByTestId('access-preview')).toHaveTextContent('[gegevens van derden weggelaten]');
    expect(screen.getByTestId('access-preview')).not.toHaveTextContent('Collega Qq');

    vi.mocked(ipc.accessExport).mockRejectedValueOnce(ipcError('file_exists'));
    await fireEvent.input(screen.getByLabelText('PDF-bestand'), { target: { value: '/tmp/inzage.pdf' } });
    await fireEvent.click(screen.getByRole('button', { name: 'PDF en JSON schrijven' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Kluis overschrijft nooit een bestaand bestand');
    expect(ipc.accessExport).toHaveBeenCalledWith('2026-0007', ['Collega Qq deed mee.'], 'melder', '/tmp/inzage.pdf', null);
  });
});
