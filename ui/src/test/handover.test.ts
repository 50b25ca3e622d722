import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/svelte';
import * as ipc from '$lib/ipc';
import { setLanguage } from '$lib/i18n/index.svelte';
import HandoverCard from '$lib/components/handover/HandoverCard.svelte';
import type { DossierSummary, IpcError } from '$lib/types';
import { vault } from '$lib/session.svelte';

vi.mock('$lib/ipc');

function summary(id: number, number: string): DossierSummary {
  return {
    id,
    number,
    organisation_id: 1,
    organisation_name: 'Stichting Verzonnen Zorg',
    contact_type: 'consult',
    status: 'open',
    opened_on: '2026-11-02',
    closed_on: null,
    destroy_by: null,
    legal_hold: false,
    categories: [],
    conversation_count: 0,
    conversation_minutes: 0,
  };
}

const KEY = {
  recipient: 'age1verzonnenontvangstsleutel',
  fingerprint: '3F2A 9C01 77BE 4D10',
  qr_svg: '<svg xmlns="http://www.w3.org/2000/svg" data-qr="1"></svg>',
};

describe('Overdragen card', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    setLanguage('nl');
    vi.mocked(ipc.handoverKey).mockResolvedValue(KEY);
    vi.mocked(ipc.organisationsList).mockResolvedValue([]);
    vi.mocked(ipc.dossiersList).mockResolvedValue([summary(1, '2026-0001'), summary(2, '2026-0002')]);
  });

  it('shows the receiving key and hands over the chosen open dossiers with the chosen parts', async () => {
    vi.mocked(ipc.handoverExport).mockResolvedValue({
      path: '/tmp/overdracht.age',
      dossiers: ['2026-0002'],
      recipient: 'AAAA BBBB CCCC DDDD',
      sha256: 'a'.repeat(64),
    });
    render(HandoverCard);
    expect(await screen.findByTestId('receive-key')).toHaveTextContent(KEY.recipient);
    expect(screen.getByTestId('receive-fingerprint')).toHaveTextContent(KEY.fingerprint);
    expect(screen.getByRole('img', { name: 'QR-code van mijn ontvangstsleutel' }).querySelector('svg'), 'the core’s QR image is shown').not.toBeNull();

    await fireEvent.click(await screen.findByLabelText(/2026-0001/));
    await fireEvent.click(screen.getByLabelText('Notities meegeven'));
    await fireEvent.input(screen.getByLabelText('Ontvangstsleutel van je collega (age1…)'), { target: { value: ' age1collega ' } });
    await fireEvent.input(screen.getByLabelText('Opslaan als'), { target: { value: '/tmp/overdracht.age' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Overdrachtsbestand maken' }));

    expect(ipc.handoverExport, 'the open dossiers were chosen by default; one was unticked').toHaveBeenCalledWith(
      ['2026-0002'],
      { notes: true, parties: false, documents: false, deputy_until: null },
      'age1collega',
      null,
      '/tmp/overdracht.age',
    );
    await screen.findByText(/1 dossier in overdracht.age, gemarkeerd als overgedragen/);
    await fireEvent.click(screen.getByRole('button', { name: 'Overgedragen dossiers nu vernietigen…' }));
    expect(vault.route, 'on to the normal destruction, with the dossiers that went').toEqual({ name: 'destroy', numbers: ['2026-0002'] });
  });

  it('names a key that is none under its field', async () => {
    vi.mocked(ipc.handoverExport).mockRejectedValue({
      code: 'validation',
      message: 'ongeldig',
      fields: [{ field: 'to', code: 'invalid_format' }],
    } satisfies IpcError);
    render(HandoverCard);
    await screen.findByTestId('receive-key');
    await fireEvent.input(screen.getByLabelText('Ontvangstsleutel van je collega (age1…)'), { target: { value: 'geen sleutel' } });
    await fireEvent.input(screen.getByLabelText('Opslaan als'), { target: { value: '/tmp/o.age' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Overdrachtsbestand maken' }));
    expect(await screen.findByText('Dit heeft niet de juiste vorm.')).toBeInTheDocument();
  });

  it('imports a file and says which numbers changed and until when a deputy copy opens', async () => {
    vi.mocked(ipc.handoverImport).mockResolvedValue({
      dossiers: [
        ['2026-0001', 'OV-2026-0001'],
        ['2026-0002', '2026-0002'],
      ],
      organisations_created: [],
      from: 'A. Verzonnen',
      deputy_until: '2026-12-14',
    });
    render(HandoverCard);
    await screen.findByTestId('receive-key');
    await fireEvent.input(screen.getByLabelText('Overdrachtsbestand'), { target: { value: '/tmp/overdracht.age' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Inlezen' }));
    expect(ipc.handoverImport).toHaveBeenCalledWith('/tmp/overdracht.age', null);
    await screen.findByText('2 dossiers ingelezen, overgedragen door A. Verzonnen.');
    await screen.findByText('2026-0001 heet hier OV-2026-0001 (het nummer was al in gebruik).');
    await waitFor(() => expect(screen.getByText(/Waarneming: deze dossiers openen tot en met/)).toBeInTheDocument());
  });

  it('seals with a one-time passphrase instead of a key when asked', async () => {
    vi.mocked(ipc.handoverExport).mockResolvedValue({
      path: '/tmp/w.age',
      dossiers: ['2026-0001', '2026-0002'],
      recipient: 'wachtwoordzin',
      sha256: 'a'.repeat(64),
    });
    render(HandoverCard);
    await screen.findByTestId('receive-key');
    await fireEvent.click(screen.getByLabelText('Geen sleutel bij de hand: met een eenmalige wachtwoordzin'));
    await fireEvent.input(screen.getByLabelText('Eenmalige wachtwoordzin'), { target: { value: 'zeven groene olifanten dansen' } });
    await fireEvent.input(screen.getByLabelText('Opslaan als'), { target: { value: '/tmp/w.age' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Overdrachtsbestand maken' }));
    expect(ipc.handoverExport, 'no key, the passphrase').toHaveBeenCalledWith(
      ['2026-0001', '2026-0002'],
      { notes: false, parties: false, documents: false, deputy_until: null },
      '',
      'zeven groene olifanten dansen',
      '/tmp/w.age',
    );
  });
});
