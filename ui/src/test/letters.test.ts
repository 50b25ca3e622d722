import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor, within } from '@testing-library/svelte';
import * as ipc from '$lib/ipc';
import { setLanguage } from '$lib/i18n/index.svelte';
import LettersCard from '$lib/components/dossier/LettersCard.svelte';
import LetterTemplatesCard from '$lib/components/letters/LetterTemplatesCard.svelte';
import type { IpcError, Letter, LetterDraft, LetterTemplate } from '$lib/types';

vi.mock('$lib/ipc');

const flush = () => Promise.resolve();

/** A closing letter of an open dossier: the closing and destruction dates are not known yet. */
function draft(): LetterDraft {
  return {
    input: {
      kind: 'afsluiting',
      lang: 'nl',
      recipient: 'Fenna Verzonnen',
      subject: 'Afsluiting van uw dossier',
      body: 'Beste Fenna Verzonnen,\n\nIk heb de begeleiding op {afgesloten_op} afgesloten.',
    },
    missing: ['afgesloten_op'],
    file_name: 'afsluitbrief-2026-0007.pdf',
  };
}

function sent(): Letter {
  return {
    id: 1,
    dossier_id: 7,
    kind: 'afsluiting',
    lang: 'nl',
    via: 'pdf',
    recipient: 'Fenna Verzonnen',
    subject: 'Afsluiting van uw dossier',
    body: 'Ik heb de begeleiding op 1 december 2026 afgesloten.',
    sent_on: '2026-12-02',
    sha256: 'a'.repeat(64),
  };
}

describe('Brieven card', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    setLanguage('nl');
    vi.mocked(ipc.lettersList).mockResolvedValue([]);
    vi.mocked(ipc.letterDraft).mockResolvedValue(draft());
  });

  it('drafts a closing letter, names the field still to fill in and saves the edited text as PDF', async () => {
    vi.mocked(ipc.letterExport).mockResolvedValue({ letter: sent(), path: '/tmp/afsluitbrief-2026-0007.pdf' });
    render(LettersCard, { props: { dossierId: 7, flush } });

    await screen.findByText('Dit dossier heeft nog geen brieven verstuurd.');
    await fireEvent.change(screen.getByLabelText('Brief'), { target: { value: 'afsluiting' } });
    await fireEvent.change(screen.getByLabelText('Taal'), { target: { value: 'nl' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Opstellen' }));

    expect(ipc.letterDraft, 'the core drafts it for this dossier, kind and language').toHaveBeenCalledWith(7, 'afsluiting', 'nl');
    const missing = await screen.findByTestId('letter-missing');
    expect(missing, 'the field without a value is named with what it means').toHaveTextContent('{afgesloten_op} Datum van afsluiting');
    const body = screen.getByLabelText('Tekst') as HTMLTextAreaElement;
    expect(body.value, 'the draft is in the editor').toContain('{afgesloten_op}');
    expect(screen.getByRole('button', { name: 'Opslaan als pdf' }), 'no file chosen yet').toBeDisabled();

    await fireEvent.input(body, { target: { value: body.value.replace('{afgesloten_op}', '1 december 2026') } });
    await fireEvent.input(screen.getByLabelText('Opslaan als'), { target: { value: '/tmp/afsluitbrief-2026-0007.pdf' } });
    vi.mocked(ipc.lettersList).mockResolvedValue([sent()]);
    await fireEvent.click(screen.getByRole('button', { name: 'Opslaan als pdf' }));

    expect(ipc.letterExport, 'the edited text goes to the core, which writes, keeps and logs it').toHaveBeenCalledWith(
      7,
      {
        kind: 'afsluiting',
        lang: 'nl',
        recipient: 'Fenna Verzonnen',
        subject: 'Afsluiting van uw dossier',
        body: 'Beste Fenna Verzonnen,\n\nIk heb de begeleiding op 1 december 2026 afgesloten.',
      },
      '/tmp/afsluitbrief-2026-0007.pdf',
    );
    await screen.findByText(/Brief opgeslagen als afsluitbrief-2026-0007.pdf/);
    const table = await screen.findByTestId('letters-sent');
    expect(table, 'the letter is listed as sent').toHaveTextContent('Afsluitbrief');
    expect(table).toHaveTextContent('Als pdf');
  });

  it('shows the core’s reason under the text when a field is left in braces', async () => {
    const refused: IpcError = {
      code: 'validation',
      message: 'ongeldig',
      fields: [{ field: 'body', code: 'unfilled_field' }],
    };
    vi.mocked(ipc.letterExport).mockRejectedValue(refused);
    render(LettersCard, { props: { dossierId: 7, flush } });
    await fireEvent.click(await screen.findByRole('button', { name: 'Opstellen' }));
    await fireEvent.input(await screen.findByLabelText('Opslaan als'), { target: { value: '/tmp/brief.pdf' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Opslaan als pdf' }));

    expect(
      await screen.findByText('Er staat nog een veld tussen accolades dat niet is ingevuld; vul het zelf in.'),
      'the body says why',
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Tekst'), 'and the editor stays open with the text').toBeInTheDocument();
  });

  it('copies a letter: the core keeps and logs it, then its text goes to the clipboard', async () => {
    vi.mocked(ipc.letterCopy).mockResolvedValue({ letter: { ...sent(), via: 'kopie' }, text: 'Onderwerp\n\nTekst' });
    vi.mocked(ipc.clipboardCopy).mockResolvedValue(undefined);
    render(LettersCard, { props: { dossierId: 7, flush } });
    await fireEvent.click(await screen.findByRole('button', { name: 'Opstellen' }));
    await fireEvent.click(await screen.findByRole('button', { name: 'Kopiëren' }));

    await waitFor(() => expect(ipc.clipboardCopy, 'the text the core returned').toHaveBeenCalledWith('Onderwerp\n\nTekst'));
    expect(ipc.letterCopy, 'kept and logged first').toHaveBeenCalledWith(7, draft().input);
    await screen.findByText(/Het klembord wordt na 10 seconden gewist/);
  });

  it('asks before discarding an edited letter', async () => {
    render(LettersCard, { props: { dossierId: 7, flush } });
    await fireEvent.click(await screen.findByRole('button', { name: 'Opstellen' }));
    await fireEvent.input(await screen.findByLabelText('Onderwerp'), { target: { value: 'Ander onderwerp' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Annuleren' }));
    const dialog = await screen.findByRole('dialog', { name: 'Brief weggooien?' });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Weggooien' }));
    await waitFor(() => expect(screen.queryByLabelText('Tekst'), 'the editor is closed').not.toBeInTheDocument());
  });
});

describe('Briefsjablonen card', () => {
  const template = (custom: boolean, subject = 'Vertrouwelijkheid en uw toestemming'): LetterTemplate => ({
    kind: 'toestemming',
    lang: 'nl',
    subject,
    body: 'Beste {aan},',
    custom,
  });

  beforeEach(() => {
    vi.resetAllMocks();
    setLanguage('nl');
    vi.mocked(ipc.letterTemplates).mockResolvedValue([template(false), { ...template(false), lang: 'en', subject: 'Confidentiality' }]);
  });

  it('saves an own template, marks it and goes back to Kluis’s after a confirmation', async () => {
    vi.mocked(ipc.letterTemplateSet).mockResolvedValue(template(true, 'Eigen onderwerp'));
    vi.mocked(ipc.letterTemplateReset).mockResolvedValue(template(false));
    render(LetterTemplatesCard);

    const subject = (await screen.findByLabelText('Onderwerp')) as HTMLInputElement;
    expect(subject.value, 'the chosen template is shown').toBe('Vertrouwelijkheid en uw toestemming');
    expect(screen.getByTestId('template-version')).toHaveTextContent('Sjabloon van Kluis');
    await fireEvent.input(subject, { target: { value: 'Eigen onderwerp' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Sjabloon opslaan' }));

    expect(ipc.letterTemplateSet).toHaveBeenCalledWith('toestemming', 'nl', 'Eigen onderwerp', 'Beste {aan},');
    await waitFor(() => expect(screen.getByTestId('template-version')).toHaveTextContent('Je eigen versie'));

    await fireEvent.click(screen.getByRole('button', { name: 'Terug naar het sjabloon van Kluis' }));
    const dialog = await screen.findByRole('dialog', { name: 'Terug naar het sjabloon van Kluis?' });
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Terug naar het sjabloon van Kluis' }));
    expect(ipc.letterTemplateReset).toHaveBeenCalledWith('toestemming', 'nl');
    await waitFor(() => expect(screen.getByTestId('template-version')).toHaveTextContent('Sjabloon van Kluis'));
    expect((screen.getByLabelText('Onderwerp') as HTMLInputElement).value).toBe('Vertrouwelijkheid en uw toestemming');
  });

  it('names an unknown field under the text the core refused', async () => {
    vi.mocked(ipc.letterTemplateSet).mockRejectedValue({
      code: 'validation',
      message: 'ongeldig',
      fields: [{ field: 'body', code: 'unknown_field' }],
    } satisfies IpcError);
    render(LetterTemplatesCard);
    await fireEvent.click(await screen.findByRole('button', { name: 'Sjabloon opslaan' }));
    expect(await screen.findAllByText('Dit sjabloon noemt een veld tussen accolades dat Kluis niet kent.')).not.toHaveLength(0);
  });
});
