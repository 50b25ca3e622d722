import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor, within } from '@testing-library/svelte';
import * as ipc from '$lib/ipc';
import { setLanguage } from '$lib/i18n/index.svelte';
import { nl } from '$lib/i18n/nl';
import { resetVaultState, vault } from '$lib/session.svelte';
import type { LintView, Organisation, ReportRequestInput, ReportView } from '$lib/types';
import Reports from '../screens/Reports.svelte';
import { ipcError } from './fixtures';

vi.mock('$lib/ipc');

const lastYear = new Date().getFullYear() - 1;

const orgs: Organisation[] = [
  { id: 1, name: 'Bakkerij De Korst', employee_count: 24, arrangement: 'collectief', contact_label: '', archived: false },
  { id: 2, name: 'Stichting Meridiaan', employee_count: 600, arrangement: 'maatwerk', contact_label: '', archived: false },
  { id: 3, name: 'Zorggroep Noord', employee_count: 180, arrangement: 'maatwerk', contact_label: '', archived: false },
  { id: 4, name: 'Transport Duinzicht', employee_count: 12, arrangement: 'collectief', contact_label: '', archived: false },
];

const dinsdag: LintView = {
  section: 'activities',
  rule: 'date_word',
  start: 3,
  end: 10,
  text: 'dinsdag',
  message: 'Een maand of dag maakt een gebeurtenis herkenbaar.',
};

function reportView(overrides: Partial<ReportView> = {}): ReportView {
  const label = (code: string, text: string) => ({ code, nl: text, en: text });
  return {
    recipient: 'Stichting Meridiaan',
    pooled_organisations: null,
    period: label(String(lastYear), String(lastYear)),
    profile: 'standaard',
    k: 5,
    audit_passed: true,
    breakdowns: true,
    categories_grouped: true,
    published_cells: 4,
    withheld_cells: 2,
    lint_total: 54,
    tables: [
      {
        code: 'totaal',
        title: label('totaal', 'Aantal contacten'),
        section: 3,
        rows: [label('*', 'Totaal')],
        columns: [label(String(lastYear), String(lastYear))],
        cells: [[{ status: 'published', value: 54 }]],
        merged: [],
      },
      {
        code: 'groep',
        title: label('groep', 'Aard van de meldingen (hoofdgroep)'),
        section: 4,
        rows: [label('omgangsvormen', 'Ongewenste omgangsvormen'), label('integriteit', 'Integriteit'), label('overig', 'Overig'), label('*', 'Totaal')],
        columns: [label(String(lastYear), String(lastYear))],
        cells: [[{ status: 'withheld' }], [{ status: 'published', value: 11 }], [{ status: 'withheld' }], [{ status: 'published', value: 54 }]],
        merged: [],
      },
    ],
    dropped: [{ code: 'rol', title: label('rol', 'Positie van de melder'), rule: 2, reason: 'derivable' }],
    hours: null,
    lint: [],
    pages: ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>'],
    preview_error: null,
    prepare_ms: 500,
    render_ms: 40,
    ...overrides,
  };
}

/** The backend's lint, as far as these tests need it. */
function lintOf(request: ReportRequestInput): LintView[] {
  return request.narrative.activities.includes('dinsdag') ? [dinsdag] : [];
}

async function chooseOrganisation(name: string) {
  const select = (await screen.findByLabelText('Organisatie')) as HTMLSelectElement;
  const option = [...select.options].find((o) => o.text === name);
  if (!option) throw new Error(`no option ${name}`);
  await fireEvent.change(select, { target: { value: option.value } });
}

describe('reports screen', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    resetVaultState();
    setLanguage('nl');
    vault.organisations = orgs;
    vi.mocked(ipc.reportOptions).mockResolvedValue({
      years: [lastYear, lastYear - 1],
      counts: [{ organisation_id: 2, year: lastYear, dossiers: 54 }],
      pooled_minimum_standaard: 3,
      pooled_minimum_strikt: 5,
      today: `${lastYear + 1}-11-30`,
    });
    vi.mocked(ipc.reportPrepare).mockImplementation(async (request) => reportView({ lint: lintOf(request) }));
    vi.mocked(ipc.reportLint).mockImplementation(async (request) => lintOf(request));
  });

  it('prepares the chosen organisation and shows the verdict, tables with x and the preview', async () => {
    render(Reports);
    expect(screen.getByRole('heading', { name: 'Rapportages' })).toBeInTheDocument();
    await chooseOrganisation('Stichting Meridiaan');
    await waitFor(() =>
      expect(ipc.reportPrepare).toHaveBeenCalledWith(
        expect.objectContaining({ organisations: [2], period: String(lastYear), profile: 'standaard', lang: 'nl' }),
      ),
    );
    expect(await screen.findByText('Anonimiteitscontrole geslaagd')).toBeInTheDocument();
    expect(screen.getByText(/4 cellen gepubliceerd, 2 niet gepubliceerd \(x\)/)).toBeInTheDocument();
    expect(screen.getByText(`54 dossiers geopend in ${lastYear}`)).toBeInTheDocument();

    const table = screen.getByRole('table', { name: 'Aard van de meldingen (hoofdgroep)' });
    const cells = within(table).getAllByRole('cell').map((c) => c.textContent?.trim());
    expect(cells).toEqual(['x', '11', 'x', '54']);
    expect(within(table).getByRole('rowheader', { name: 'Integriteit' })).toBeInTheDocument();
    expect(screen.getByText('x = niet gepubliceerd om herleidbaarheid te voorkomen')).toBeInTheDocument();
    expect(screen.getByText(/een verborgen aantal zou uit de andere aantallen terug te rekenen zijn/)).toBeInTheDocument();

    const page = screen.getByRole('img', { name: 'Pagina 1 van 1' });
    expect(page.getAttribute('src')).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
    expect(screen.getByRole('button', { name: 'Exporteren als PDF' })).toBeEnabled();

    await fireEvent.click(screen.getByRole('button', { name: 'Pagina 1 van 1 vergroten' }));
    const dialog = await screen.findByRole('dialog', { name: 'Pagina 1 van 1' });
    expect(within(dialog).getByRole('img', { name: 'Pagina 1 van 1' })).toHaveAttribute('src', page.getAttribute('src'));
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Sluiten' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('shows progress while the report is prepared', async () => {
    let finish!: (v: ReportView) => void;
    vi.mocked(ipc.reportPrepare).mockImplementation(() => new Promise((r) => (finish = r)));
    render(Reports);
    await chooseOrganisation('Stichting Meridiaan');
    expect(await screen.findByText('Bezig met anonimiseren en opmaken…')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Exporteren als PDF' })).toBeDisabled();
    finish(reportView());
    expect(await screen.findByText('Anonimiteitscontrole geslaagd')).toBeInTheDocument();
  });

  it('runs one prepare at a time and drops results for an earlier choice', async () => {
    const calls: { request: ReportRequestInput; finish: (v: ReportView) => void }[] = [];
    vi.mocked(ipc.reportPrepare).mockImplementation(
      (request) => new Promise((finish) => calls.push({ request, finish })),
    );
    render(Reports);
    await chooseOrganisation('Bakkerij De Korst');
    await waitFor(() => expect(calls).toHaveLength(1));
    await chooseOrganisation('Zorggroep Noord');
    await chooseOrganisation('Stichting Meridiaan');
    expect(calls).toHaveLength(1);
    calls[0].finish(reportView({ recipient: 'Bakkerij De Korst' }));
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1].request.organisations).toEqual([2]);
    expect(screen.getByText('Bezig met anonimiseren en opmaken…')).toBeInTheDocument();
    calls[1].finish(reportView());
    expect(await screen.findByText('Anonimiteitscontrole geslaagd')).toBeInTheDocument();
    expect(ipc.reportPrepare).toHaveBeenCalledTimes(2);
  });

  it('lint warnings block the export until they are accepted', async () => {
    vi.mocked(ipc.reportExport).mockResolvedValue({
      files: [{ path: '/tmp/uit/meridiaan.pdf', format: 'pdf', sha256: 'ab'.repeat(32), signature: '/tmp/uit/meridiaan.pdf.minisig' }],
      ledger_cells_added: 6,
    });
    render(Reports);
    await chooseOrganisation('Stichting Meridiaan');
    await screen.findByText('Anonimiteitscontrole geslaagd');
    const pdf = screen.getByRole('button', { name: 'Exporteren als PDF' });
    expect(pdf).toBeEnabled();

    const activities = screen.getByLabelText('Activiteiten');
    await fireEvent.input(activities, { target: { value: 'Op dinsdag gaven we voorlichting.' } });
    expect(await screen.findByText('"dinsdag"')).toBeInTheDocument();
    expect(activities).toHaveAccessibleDescription(/Een maand of dag maakt een gebeurtenis herkenbaar/);
    expect(ipc.reportLint).toHaveBeenCalledWith(
      expect.objectContaining({ narrative: { activities: 'Op dinsdag gaven we voorlichting.', signals: '', recommendations: '' } }),
      54,
    );
    expect(pdf).toBeDisabled();
    expect(screen.getByText(nl.reports.blockedLint)).toBeInTheDocument();

    await fireEvent.click(screen.getByLabelText('Ik heb de waarschuwingen gelezen en accepteer ze'));
    expect(pdf).toBeEnabled();
    await fireEvent.input(screen.getByLabelText('Ontvanger'), { target: { value: 'Directie' } });
    await fireEvent.input(screen.getByLabelText('Bestand voor de PDF'), { target: { value: '/tmp/uit/meridiaan' } });
    await fireEvent.click(pdf);
    await waitFor(() =>
      expect(ipc.reportExport).toHaveBeenCalledWith(
        expect.objectContaining({ organisations: [2] }),
        [{ path: '/tmp/uit/meridiaan.pdf', format: 'pdf' }],
        'Directie',
        true,
      ),
    );
    expect(await screen.findByText('Geëxporteerd: meridiaan.pdf')).toBeInTheDocument();
    expect(screen.getByText('ab'.repeat(32))).toBeInTheDocument();
    expect(screen.getByText(/Handtekening: meridiaan\.pdf\.minisig/)).toBeInTheDocument();
    expect(screen.getByText(/Toegevoegd aan het exportlogboek/)).toBeInTheDocument();

    // A new warning needs a new look.
    await fireEvent.input(screen.getByLabelText('Activiteiten'), { target: { value: 'Op dinsdag en op dinsdag.' } });
    vi.mocked(ipc.reportLint).mockResolvedValueOnce([dinsdag, { ...dinsdag, section: 'activities', rule: 'small_number', start: 0, end: 4, text: 'twee' }]);
    await fireEvent.input(screen.getByLabelText('Activiteiten'), { target: { value: 'twee dinsdag' } });
    expect(await screen.findByText('"twee"')).toBeInTheDocument();
    expect(screen.getByLabelText('Ik heb de waarschuwingen gelezen en accepteer ze')).not.toBeChecked();
    expect(pdf).toBeDisabled();
  });

  it('a pooled report needs at least three organisations', async () => {
    render(Reports);
    await fireEvent.click(await screen.findByLabelText(/Gebundelde rapportage/));
    await fireEvent.click(screen.getByLabelText('Bakkerij De Korst'));
    await fireEvent.click(screen.getByLabelText('Zorggroep Noord'));
    expect(screen.getByText('Kies ten minste 3 organisaties voor een gebundelde rapportage.')).toBeInTheDocument();
    expect(screen.getByText('2 gekozen, ten minste 3 nodig.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Exporteren als PDF' })).toBeDisabled();
    expect(ipc.reportPrepare).not.toHaveBeenCalled();

    await fireEvent.click(screen.getByLabelText('Stichting Meridiaan'));
    await waitFor(() =>
      expect(ipc.reportPrepare).toHaveBeenCalledWith(expect.objectContaining({ organisations: [1, 2, 3] })),
    );
    // The strict profile needs five.
    vi.mocked(ipc.reportPrepare).mockClear();
    await fireEvent.click(screen.getByLabelText(/^Strikt/));
    expect(await screen.findByText('Kies ten minste 5 organisaties voor een gebundelde rapportage.')).toBeInTheDocument();
    expect(ipc.reportPrepare).not.toHaveBeenCalled();
  });

  it('shows the specific message when the file exists', async () => {
    vi.mocked(ipc.reportExport).mockRejectedValue(ipcError('file_exists'));
    render(Reports);
    await chooseOrganisation('Stichting Meridiaan');
    await screen.findByText('Anonimiteitscontrole geslaagd');
    await fireEvent.input(screen.getByLabelText('Bestand voor de PDF'), { target: { value: '/tmp/uit/bestaat.pdf' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Exporteren als PDF' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(nl.errors.file_exists);
    expect(screen.getByLabelText('Bestand voor de PDF')).toHaveValue('/tmp/uit/bestaat.pdf');
  });

  it('takes the path from the save dialog when none is typed', async () => {
    vi.mocked(ipc.pickReportPath).mockResolvedValue('/home/vp/rapport.pdf');
    vi.mocked(ipc.reportExport).mockResolvedValue({
      files: [{ path: '/home/vp/rapport.pdf', format: 'pdf', sha256: 'cd'.repeat(32), signature: '/home/vp/rapport.pdf.minisig' }],
      ledger_cells_added: 0,
    });
    render(Reports);
    await chooseOrganisation('Stichting Meridiaan');
    await screen.findByText('Anonimiteitscontrole geslaagd');
    await fireEvent.click(screen.getByRole('button', { name: 'Exporteren als PDF' }));
    await waitFor(() =>
      expect(ipc.pickReportPath).toHaveBeenCalledWith(
        'Rapportage opslaan als PDF',
        `rapportage-stichting-meridiaan-${lastYear}.pdf`,
        'pdf',
      ),
    );
    expect(await screen.findByText('Geëxporteerd: rapport.pdf')).toBeInTheDocument();
  });

  it('blocks the export when the audit fails', async () => {
    vi.mocked(ipc.reportPrepare).mockResolvedValue(reportView({ audit_passed: false }));
    render(Reports);
    await chooseOrganisation('Stichting Meridiaan');
    expect(await screen.findByText('Anonimiteitscontrole niet geslaagd')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Exporteren als PDF' })).toBeDisabled();
    expect(screen.getByText(nl.reports.blockedAudit)).toBeInTheDocument();
  });
});
