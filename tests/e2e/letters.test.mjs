// Letters end to end: in the real window the advisor drafts the closing letter of a closed
// dossier (the reporter's name, the dates and the advisor's details filled in by the core),
// adds a sentence, and saves it as a PDF; the PDF is read back with pdftotext; after the app
// closes, the CLI lists the letter with the dossier and the export log records it by kind.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { WORK, startApp, click, control, fill, waitForText, screenshot, PASS, kluis, kluisAfterApp } from './driver.mjs';

const NAME = 'Fenna de Verzonnen';
let browser;

after(async () => {
  if (browser) await browser.deleteSession().catch(() => {});
});

test('a closing letter is drafted, edited and saved as PDF in the window', async () => {
  const vault = join(WORK, 'brieven.kluis');
  kluis(['init', vault]);
  kluis(['org', 'add', vault, '--name', 'Bakkerij De Korenschoof', '--employees', '40', '--arrangement', 'collectief']);
  const d = JSON.parse(
    kluis(['--json', 'dossier', 'add', vault, '--org', 'Bakkerij De Korenschoof', '--type', 'consult', '--opened', '2026-02-10']),
  );
  kluis(['party', 'add', vault, d.number, '--role', 'melder', '--name-file', '-'], NAME);
  kluis(['invoice', 'details', vault, '--name', 'A. Verzonnen', '--street', 'Verzonnenlaan 12', '--postcode', '3511 AB', '--city', 'Utrecht']);
  kluis(['dossier', 'close', vault, d.number, '--date', '2026-03-18', '--outcome', 'informeel_opgelost']);

  browser = await startApp([vault]);
  await waitForText(browser, 'Kluis ontgrendelen', 30000);
  await fill(browser, 'Wachtwoordzin', PASS);
  await click(browser, 'Ontgrendelen');
  await waitForText(browser, 'Termijnen', 30000);
  await click(browser, 'Dossiers');
  await click(browser, d.number);
  await waitForText(browser, 'Dit dossier heeft nog geen brieven verstuurd.');

  const kind = await control(browser, 'Brief');
  await kind.selectByAttribute('value', 'afsluiting');
  await click(browser, 'Opstellen');
  const body = await control(browser, 'Tekst');
  await browser.waitUntil(async () => (await body.getValue()).includes(`Beste ${NAME},`), {
    timeout: 10000,
    timeoutMsg: 'the draft is addressed to the reporter',
  });
  const text = await body.getValue();
  assert.ok(text.includes('op 18 maart 2026 heb afgesloten'), `the closing date is filled in: ${text}`);
  assert.ok(!text.includes('{'), `no field is left in braces: ${text}`);
  await browser.execute(() => document.getElementById('letters-heading')?.scrollIntoView({ block: 'start' }));
  await browser.pause(800); // X paints lag the DOM
  await screenshot(browser, '37-letter');
  // The edit as a paste: WebDriver's typing would drop the line breaks between paragraphs.
  await browser.execute((el) => {
    el.value = el.value.replace('Dank voor het vertrouwen', 'Ik wens u veel sterkte. Dank voor het vertrouwen');
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, body);
  assert.ok((await body.getValue()).includes('sterkte.'), 'the edit is in the editor');

  const pdf = join(WORK, `afsluitbrief-${d.number}.pdf`);
  await fill(browser, 'Opslaan als', pdf);
  await click(browser, 'Opslaan als pdf');
  await waitForText(browser, `Brief opgeslagen als afsluitbrief-${d.number}.pdf`);
  await waitForText(browser, 'Als pdf');
  assert.ok(existsSync(pdf), 'the PDF is written where the advisor said');
  await browser.deleteSession();
  browser = undefined;

  const read = execFileSync('pdftotext', [pdf, '-']).toString().split(/\s+/).join(' ');
  for (const expected of [NAME, 'Afsluiting van uw dossier', 'Ik wens u veel sterkte.', 'Utrecht,', 'A. Verzonnen', d.number]) {
    assert.ok(read.includes(expected), `the PDF shows "${expected}": ${read}`);
  }
  const paragraphs = execFileSync('pdftotext', [pdf, '-']).toString();
  assert.ok(
    /Beste Fenna de Verzonnen,\n\s*Op 10 februari 2026/.test(paragraphs),
    `the salutation is a paragraph of its own: ${paragraphs}`,
  );
  const letters = JSON.parse(await kluisAfterApp(['--json', 'letter', 'list', vault, d.number]));
  assert.equal(letters.length, 1, 'the letter is kept with the dossier');
  assert.equal(letters[0].kind, 'afsluiting');
  assert.ok(letters[0].body.includes('Ik wens u veel sterkte.'), 'as sent, with the edit');
  const log = JSON.parse(kluis(['--json', 'exports', vault]));
  assert.ok(
    log.some((e) => e.kind === 'letter' && e.recipient === 'afsluiting'),
    'the export log records the letter by kind',
  );
  assert.ok(!JSON.stringify(log).includes(NAME), 'and names nobody');
});
