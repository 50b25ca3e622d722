import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent } from '@testing-library/svelte';
import * as ipc from '$lib/ipc';
import { setLanguage } from '$lib/i18n/index.svelte';
import JointCard from '$lib/components/joint/JointCard.svelte';
import type { IpcError, Organisation } from '$lib/types';

vi.mock('$lib/ipc');

const ORG: Organisation = {
  id: 7,
  name: 'Stichting Samen Verzonnen',
  employee_count: 140,
  arrangement: 'maatwerk',
  contact_label: '',
  archived: false,
};

describe('Gezamenlijke rapportage card', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    setLanguage('nl');
    vi.mocked(ipc.organisationsList).mockResolvedValue([ORG]);
  });

  it('makes a contribution for the coordinator’s key, for the chosen organisation and period', async () => {
    vi.mocked(ipc.jointContribute).mockResolvedValue({
      path: '/tmp/bijdrage.age',
      period: '2025',
      records: 17,
      reports: 0,
      recipient: 'AAAA BBBB CCCC DDDD',
      sha256: 'a'.repeat(64),
    });
    render(JointCard);
    await screen.findByRole('option', { name: ORG.name });
    await fireEvent.input(screen.getByLabelText('Periode'), { target: { value: '2025' } });
    await fireEvent.input(screen.getByLabelText('Ontvangstsleutel van de coördinator (age1…)'), { target: { value: ' age1coordinator ' } });
    await fireEvent.input(screen.getByLabelText('Bijdrage opslaan als'), { target: { value: '/tmp/bijdrage.age' } });
    await fireEvent.click(screen.getByRole('button', { name: /Bijdrage maken/ }));
    expect(ipc.jointContribute, 'the organisation, period, trimmed key and path go to the core').toHaveBeenCalledWith(7, '2025', 'age1coordinator', '/tmp/bijdrage.age');
    await screen.findByText(/Bijdrage met 17 registraties opgeslagen als bijdrage.age/);
  });

  it('imports a contribution and names who sent it', async () => {
    vi.mocked(ipc.jointImport).mockResolvedValue({
      organisation: ORG.name,
      period: '2025',
      advisor: 'A. Verzonnen',
      fingerprint: '1111 2222 3333 4444',
      records: 9,
      reports: 1,
    });
    render(JointCard);
    await fireEvent.input(await screen.findByLabelText('Bestand met de bijdrage'), { target: { value: '/tmp/b.age' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Bijdrage inlezen' }));
    expect(ipc.jointImport).toHaveBeenCalledWith('/tmp/b.age');
    await screen.findByText(/Bijdrage van A. Verzonnen \(1111 2222 3333 4444\) ingelezen: 9 registraties/);
  });

  it('says why receipts cannot be made before the joint report was exported', async () => {
    vi.mocked(ipc.jointReceipts).mockRejectedValue({
      code: 'joint_not_published',
      message: 'niet geëxporteerd',
      fields: [],
    } satisfies IpcError);
    render(JointCard);
    await screen.findByRole('option', { name: ORG.name });
    await fireEvent.input(screen.getByLabelText('Map voor de ontvangstbewijzen'), { target: { value: '/tmp/bewijzen' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Ontvangstbewijzen maken' }));
    expect(ipc.jointReceipts).toHaveBeenCalledWith(7, String(new Date().getFullYear() - 1), '/tmp/bewijzen');
    expect(await screen.findByRole('alert'), 'the code’s own Dutch message').toHaveTextContent(/nog niet geëxporteerd/);
  });

  it('imports a receipt and shows the key it was signed with, to compare', async () => {
    vi.mocked(ipc.jointReceiptImport).mockResolvedValue({
      organisation: ORG.name,
      period: '2025',
      coordinator: 'C. Verzonnen',
      signer: '0123456789ABCDEF',
      facts: 40,
    });
    render(JointCard);
    await fireEvent.input(await screen.findByLabelText('Bestand met het ontvangstbewijs'), { target: { value: '/tmp/r.age' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Ontvangstbewijs inlezen' }));
    expect(ipc.jointReceiptImport).toHaveBeenCalledWith('/tmp/r.age');
    await screen.findByText(/Ondertekend met sleutel-ID 0123456789ABCDEF/);
  });
});
