import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import * as ipc from '$lib/ipc';
import { setLanguage } from '$lib/i18n/index.svelte';
import type { Agreement, Invoice } from '$lib/types';
import InvoiceDetailsCard from '$lib/components/invoices/InvoiceDetailsCard.svelte';
import InvoiceLinesEditor from '$lib/components/invoices/InvoiceLinesEditor.svelte';
import AgreementDialog from '$lib/components/invoices/AgreementDialog.svelte';
import { advisorDetails, ipcError, organisations } from './fixtures';

vi.mock('$lib/ipc');

function draft(): Invoice {
  return {
    id: 7,
    number: null,
    organisation_id: 1,
    period: '2026-10',
    status: 'concept',
    credit_of: null,
    issued_on: null,
    due_on: null,
    sent_on: null,
    paid_on: null,
    debtor: { name: 'Verzonnen BV', address: { street: 'Laan 1', postcode: '9999 ZZ', city: 'X', country: 'NL' }, kvk: '', reference: '' },
    over_included_minutes: null,
    lines: [{ description: 'Voorlichting, oktober 2026', quantity_milli: 1500, unit: 'hour', unit_price_cents: 9500, vat_rate_bp: 2100 }],
    line_amounts_cents: [14250],
    totals: { net_cents: 14250, vat: [{ rate_bp: 2100, base_cents: 14250, vat_cents: 2993 }], vat_cents: 2993, gross_cents: 17243 },
  };
}

describe('invoicing in the app', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    setLanguage('nl');
  });

  it("shows the core's verdict on a field under that field, and sends the details as typed", async () => {
    vi.mocked(ipc.invoiceDetailsGet).mockResolvedValue(advisorDetails());
    vi.mocked(ipc.invoiceDetailsSet).mockRejectedValue(ipcError('validation', [['iban', 'invalid_format']]));
    const user = userEvent.setup();
    render(InvoiceDetailsCard);
    await user.type(await screen.findByLabelText('IBAN'), 'NL00 BANK 0000 0000 00');
    await user.clear(screen.getByLabelText('Land (code)'));
    await user.type(screen.getByLabelText('Land (code)'), 'be');
    await user.click(screen.getByRole('button', { name: 'Gegevens opslaan' }));
    expect(await screen.findByText('Dit heeft niet de juiste vorm.')).toBeInTheDocument();
    expect(screen.getByLabelText('IBAN')).toHaveAttribute('aria-invalid', 'true');
    const sent = vi.mocked(ipc.invoiceDetailsSet).mock.calls[0][0];
    expect(sent.iban, 'the IBAN goes as typed: the core checks and tidies it').toBe('NL00 BANK 0000 0000 00');
    expect(sent.address.country, 'a country code in capitals').toBe('BE');
    expect(sent.payment_term_days).toBe(30);
  });

  it('refuses an unreadable quantity itself and sends a readable one as thousandths and cents', async () => {
    const saved = draft();
    vi.mocked(ipc.invoiceUpdateLines).mockResolvedValue(saved);
    const user = userEvent.setup();
    render(InvoiceLinesEditor, { invoice: draft(), onsaved: () => undefined });
    const quantity = screen.getByLabelText('Aantal 1');
    await user.clear(quantity);
    await user.type(quantity, '12,3,4');
    await user.click(screen.getByRole('button', { name: 'Regels opslaan' }));
    expect(await screen.findByText('Dit is geen getal.')).toBeInTheDocument();
    expect(ipc.invoiceUpdateLines, 'nothing is sent while a number is unreadable').not.toHaveBeenCalled();

    await user.clear(quantity);
    await user.type(quantity, '2,25');
    await user.click(screen.getByRole('button', { name: 'Regel toevoegen' }));
    await user.type(screen.getByLabelText('Prijs (€) 2'), '1.200');
    await user.click(screen.getByRole('button', { name: 'Regels opslaan' }));
    const [id, lines] = vi.mocked(ipc.invoiceUpdateLines).mock.calls[0];
    expect(id).toBe(7);
    expect(lines[0]).toMatchObject({ quantity_milli: 2250, unit_price_cents: 9500, vat_rate_bp: 2100, unit: 'hour' });
    expect(lines[1]).toMatchObject({ quantity_milli: 1000, unit_price_cents: 120_000, vat_rate_bp: 2100 });
    expect(await screen.findByText('De regels zijn opgeslagen.')).toBeInTheDocument();
  });

  it('saves an agreement with fees typed in euros as cents, empty fees as none', async () => {
    let saved: Agreement | null = null;
    vi.mocked(ipc.agreementSet).mockImplementation(async (_id, a) => (saved = a));
    const onsaved = vi.fn();
    const user = userEvent.setup();
    render(AgreementDialog, { organisation: organisations[0], agreement: null, onsaved, oncancel: () => undefined });
    await user.type(screen.getByLabelText('Abonnement per jaar (€)'), '2.400');
    await user.type(screen.getByLabelText('Uren inbegrepen per jaar'), '12');
    await user.type(screen.getByLabelText('Uurtarief (€)'), '110,50');
    await user.type(screen.getByLabelText('Postcode'), '9999 ZZ');
    await user.click(screen.getByRole('button', { name: 'Opslaan' }));
    expect(onsaved).toHaveBeenCalledTimes(1);
    expect(saved).toMatchObject({
      yearly_fee_cents: 240_000,
      hourly_rate_cents: 11_050,
      conversation_fee_cents: 0,
      hours_included: 12,
      vat_rate_bp: 2100,
    });
    expect(saved!.debtor.address.postcode).toBe('9999 ZZ');
  });
});
