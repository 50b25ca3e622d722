// Documents end to end: in the real window the advisor adds a PDF and an e-mail (.eml) to a
// dossier by typing their paths, the e-mail's original removed from the disk after the save;
// saves a copy of the PDF (the same bytes, logged); after the app closes, the CLI lists both
// documents, the dossier is closed and destroyed, and the documents are gone with it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORK, startApp, button, click, fill, waitForText, screenshot, PASS, kluis, kluisAfterApp } from './driver.mjs';

let browser;

after(async () => {
  if (browser) await browser.deleteSession().catch(() => {});
});

const PDF = '%PDF-1.4\n% verzonnen brief van de werkgever\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n';
const EML =
  'From: verzonnen@example.org\r\nTo: vp@example.org\r\nSubject: Verzonnen klacht\r\n' +
  'Date: Mon, 2 Nov 2026 10:00:00 +0100\r\n\r\nDit bericht is verzonnen voor een test.\r\n';

test('a PDF and an e-mail are kept in a dossier, copied out, and destroyed with it', async () => {
  const vault = join(WORK, 'documenten.kluis');
  const pdf = join(WORK, 'brief-werkgever.pdf');
  const eml = join(WORK, 'klacht.eml');
  writeFileSync(pdf, PDF);
  writeFileSync(eml, EML);
  kluis(['init', vault]);
  kluis(['org', 'add', vault, '--name', 'Verzonnen Zorg BV', '--employees', '60', '--arrangement', 'maatwerk']);
  const d = JSON.parse(
    kluis(['--json', 'dossier', 'add', vault, '--org', 'Verzonnen Zorg BV', '--type', 'consult', '--opened', '2026-01-05']),
  );

  browser = await startApp([vault]);
  await waitForText(browser, 'Kluis ontgrendelen', 30000);
  await fill(browser, 'Wachtwoordzin', PASS);
  await click(browser, 'Ontgrendelen');
  await waitForText(browser, 'Termijnen', 30000);
  await click(browser, 'Dossiers');
  await (await button(browser, d.number)).click();
  await waitForText(browser, 'Nog geen documenten in dit dossier.');

  await fill(browser, 'Of typ het pad van een bestand', pdf);
  await click(browser, 'Toevoegen');
  await waitForText(browser, '1 document toegevoegd.');
  const removeOriginal = await browser.$("//label[contains(., 'Het origineel daarna van de schijf verwijderen')]//input");
  await removeOriginal.click();
  await fill(browser, 'Of typ het pad van een bestand', eml);
  await click(browser, 'Toevoegen');
  await waitForText(browser, 'Het origineel is van de schijf verwijderd.');
  assert.ok(!existsSync(eml), 'the e-mail is only in the vault now');
  assert.ok(existsSync(pdf), 'the PDF original stays: its box was not ticked');
  await waitForText(browser, 'klacht.eml');
  await waitForText(browser, 'E-mail');

  const copy = join(WORK, 'kopie.pdf');
  await click(browser, 'Kopie opslaan… brief-werkgever.pdf');
  await fill(browser, 'Opslaan als', copy);
  await click(browser, 'Kopie opslaan');
  await waitForText(browser, 'Kopie opgeslagen als kopie.pdf');
  assert.equal(readFileSync(copy, 'utf8'), PDF, 'the copy has the same bytes');
  await browser.execute(() => document.getElementById('documents-heading')?.scrollIntoView({ block: 'start' }));
  await browser.pause(800); // X paints lag the DOM
  await screenshot(browser, '36-documents');
  await browser.deleteSession();
  browser = undefined;

  const listed = JSON.parse(await kluisAfterApp(['--json', 'document', 'list', vault, d.number]));
  const docs = listed.documents ?? listed;
  assert.deepEqual(
    docs.map((x) => [x.name, x.kind]).sort(),
    [
      ['brief-werkgever.pdf', 'pdf'],
      ['klacht.eml', 'email'],
    ],
    'both documents are saved in the vault file',
  );
  const log = JSON.parse(kluis(['--json', 'exports', vault]));
  assert.ok(log.some((e) => e.kind === 'document'), 'the copy is in the export log');
  kluis(['dossier', 'close', vault, d.number, '--date', '2026-01-20', '--outcome', 'geen_vervolg']);
  kluis(['dossier', 'destroy', vault, d.number, '--override', '--reason', 'Verzonnen reden', '--yes']);
  assert.throws(
    () => kluis(['document', 'list', vault, d.number]),
    /not_found|bestaat niet|niet gevonden/i,
    'the documents went with the dossier',
  );
});
