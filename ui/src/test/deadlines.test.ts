import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor, within } from '@testing-library/svelte';
import * as ipc from '$lib/ipc';
import { setLanguage } from '$lib/i18n/index.svelte';
import { resetVaultState, vault } from '$lib/session.svelte';
import { addDaysIso, todayIso } from '$lib/dates';
import Overview from '../screens/Overview.svelte';
import DossierDeadlines from '$lib/components/DossierDeadlines.svelte';
import { ipcError, organisations } from './fixtures';
import type { Breach, Deadline, DeadlineKind, DeadlineSummary, DeadlineUrgency } from '$lib/types';

vi.mock('$lib/ipc');

const today = todayIso();

function deadline(id: number, kind: DeadlineKind, due: string, overrides: Partial<Deadline> = {}): Deadline {
  return {
    id,
    dossier_id: 7,
    kind,
    label: '',
    starts_on: addDaysIso(due, -7),
    original_due_on: due,
    due_on: due,
    extended_on: null,
    extension_reason: '',
    done_on: null,
    urgency: 'later',
    ...overrides,
  };
}

function summary(d: Deadline, number: string, urgency: DeadlineUrgency): DeadlineSummary {
  return { deadline: d, number, organisation_name: organisations[1].name, urgency };
}

const breach: Breach = {
  id: 1,
  what: 'Map met printjes kwijt',
  discovered_at: `${addDaysIso(today, -1)}T09:30:00`,
  report_by: `${addDaysIso(today, 2)}T09:30:00`,
  informed: '',
  decision: '',
  handled_on: null,
  urgency: 'binnenkort',
};

function overview(deadlines: DeadlineSummary[], breaches: Breach[] = []) {
  vi.mocked(ipc.overviewGet).mockResolvedValue({
    organisations: [{ organisation_id: 2, name: organisations[1].name, open_dossiers: 3, dossiers_this_year: 5, minutes_this_month: 90 }],
    overdue: [],
    overdue_total: 0,
    deadlines,
    breaches,
  });
}

describe('the Termijnen panel on the overview', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    setLanguage('nl');
    resetVaultState();
  });

  it('shows an overdue deadline in red, one due within 3 days in amber, and open breaches', async () => {
    overview(
      [
        summary(deadline(1, 'wbk_ontvangstbevestiging', addDaysIso(today, -2)), '2026-0011', 'verlopen'),
        summary(deadline(2, 'vervolg', addDaysIso(today, 2), { label: 'Bel terug' }), '2026-0012', 'binnenkort'),
        summary(deadline(3, 'inzageverzoek', addDaysIso(today, 10)), '2026-0013', 'later'),
      ],
      [breach],
    );
    render(Overview);
    const panel = await screen.findByTestId('deadline-panel');
    expect(within(panel).getByRole('heading', { name: 'Termijnen' })).toBeInTheDocument();
    const rows = panel.querySelectorAll('li');
    expect(rows, 'the breach first, then the deadlines soonest first').toHaveLength(4);
    const red = rows[1];
    expect(red.dataset.urgency).toBe('verlopen');
    expect(red.className, 'overdue is red').toContain('urgency-verlopen');
    expect(red.textContent).toContain('Wbk: ontvangstbevestiging');
    expect(red.textContent).toMatch(/was uiterlijk \d+ \w+ \d{4}/);
    expect(rows[2].className, 'due within 3 days is amber').toContain('urgency-binnenkort');
    expect(rows[2].textContent).toContain('Bel terug');
    expect(rows[2].textContent).toContain('over 2 dagen');
    expect(rows[3].className, 'later is neither').toContain('urgency-later');
    expect(rows[0].textContent).toContain('Datalek');
    expect(rows[0].textContent).toMatch(/melden bij de AP vóór/);
    expect(panel.className, 'the card itself is marked red when anything is overdue').toContain('card-red');
    await fireEvent.click(within(panel).getByRole('button', { name: 'Dossier 2026-0011 openen' }));
    expect(vault.route).toEqual({ name: 'dossier', id: 7 });
  });

  it('speaks English and says when nothing is due', async () => {
    setLanguage('en');
    overview([summary(deadline(1, 'inzageverzoek', addDaysIso(today, -1)), '2026-0020', 'verlopen')]);
    const first = render(Overview);
    const panel = await screen.findByTestId('deadline-panel');
    expect(within(panel).getByRole('heading', { name: 'Deadlines' })).toBeInTheDocument();
    expect(panel.textContent).toContain('GDPR: access request');
    expect(panel.textContent).toMatch(/was due \d+ \w+ \d{4}/);
    first.unmount();

    setLanguage('nl');
    overview([]);
    render(Overview);
    expect(await screen.findByText('Geen termijnen die verlopen zijn of binnen 14 dagen vallen.')).toBeInTheDocument();
  });
});

describe('deadlines on the dossier page', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    setLanguage('nl');
    resetVaultState();
  });

  it('extends once with a reason, and an extended term offers no second extension', async () => {
    const feedback = deadline(5, 'wbk_terugkoppeling', addDaysIso(today, 1), { urgency: 'binnenkort' });
    vi.mocked(ipc.deadlinesList).mockResolvedValue([feedback]);
    vi.mocked(ipc.deadlineExtend).mockResolvedValue({
      ...feedback,
      due_on: addDaysIso(today, 90),
      extended_on: today,
      extension_reason: 'Onderzoek loopt',
    });
    render(DossierDeadlines, { props: { dossierId: 7, contactType: 'vermoeden_misstand', flush: async () => {} } });
    const row = (await screen.findByText('Wbk: terugkoppeling', { selector: 'strong' })).closest('li') as HTMLElement;
    expect(row.dataset.urgency, 'due tomorrow: amber').toBe('binnenkort');
    await fireEvent.click(screen.getByRole('button', { name: 'Wbk: terugkoppeling verlengen' }));
    await fireEvent.input(screen.getByLabelText('Reden van de verlenging'), { target: { value: 'Onderzoek loopt' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Verlengen' }));
    await waitFor(() => expect(ipc.deadlineExtend).toHaveBeenCalledWith(5, 'Onderzoek loopt'));
    expect(await screen.findByText(/verlengd op .*: Onderzoek loopt/)).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Wbk: terugkoppeling verlengen' }),
      'an extended term offers no second extension',
    ).toBeNull();
  });

  it('offers the Wbk terms only where the Wbk applies and names the core refusal', async () => {
    vi.mocked(ipc.deadlinesList).mockResolvedValue([]);
    const consult = render(DossierDeadlines, { props: { dossierId: 7, contactType: 'consult', flush: async () => {} } });
    const kinds = await screen.findByLabelText('Soort termijn');
    const options = Array.from((kinds as HTMLSelectElement).options).map((o) => o.value);
    expect(options).toEqual(['inzageverzoek', 'vervolg']);
    consult.unmount();

    render(DossierDeadlines, { props: { dossierId: 7, contactType: 'vermoeden_misstand', flush: async () => {} } });
    const wbkKinds = await screen.findByLabelText('Soort termijn');
    expect(Array.from((wbkKinds as HTMLSelectElement).options).map((o) => o.value)).toContain('wbk_ontvangstbevestiging');
    vi.mocked(ipc.deadlineAdd).mockRejectedValue(ipcError('wbk_not_applicable'));
    await fireEvent.change(wbkKinds, { target: { value: 'wbk_ontvangstbevestiging' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Termijn toevoegen' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Wet bescherming klokkenluiders');
    expect(ipc.deadlineAdd).toHaveBeenCalledWith(7, {
      kind: 'wbk_ontvangstbevestiging',
      starts_on: today,
      due_on: null,
      label: '',
    });
  });
});

describe('the breach register in the settings', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    setLanguage('nl');
    resetVaultState();
  });

  it('registers a breach with its discovery time and records the decision', async () => {
    const { default: BreachRegister } = await import('$lib/components/BreachRegister.svelte');
    vi.mocked(ipc.breachesList).mockResolvedValue([]);
    const registered: Breach = { ...breach, what: 'USB-stick verloren', discovered_at: `${today}T08:15:00` };
    vi.mocked(ipc.breachAdd).mockResolvedValue(registered);
    vi.mocked(ipc.breachUpdate).mockResolvedValue({
      ...registered,
      informed: 'AP',
      decision: 'Gemeld',
      handled_on: today,
      urgency: 'afgerond',
    });
    render(BreachRegister);
    expect(await screen.findByText('Geen datalekken geregistreerd.')).toBeInTheDocument();
    await fireEvent.input(screen.getByLabelText('Wat is er gebeurd?'), { target: { value: 'USB-stick verloren' } });
    await fireEvent.input(screen.getByLabelText('Tijd'), { target: { value: '08:15' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Datalek registreren' }));
    await waitFor(() =>
      expect(ipc.breachAdd).toHaveBeenCalledWith({
        what: 'USB-stick verloren',
        discovered_at: `${today}T08:15:00`,
        informed: '',
        decision: '',
        handled_on: null,
      }),
    );
    expect(await screen.findByText(/melden vóór/)).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: 'Afhandelen...' }));
    await fireEvent.input(screen.getByLabelText('Ingelicht'), { target: { value: 'AP' } });
    await fireEvent.input(screen.getByLabelText('Besluit'), { target: { value: 'Gemeld' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }));
    expect(await screen.findByText(/afgehandeld .*: Gemeld/)).toBeInTheDocument();
    expect(ipc.breachUpdate).toHaveBeenCalledWith(1, expect.objectContaining({ handled_on: today, decision: 'Gemeld' }));
  });
});
