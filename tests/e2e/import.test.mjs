// Import end to end: a registration in a CSV file (written here, one impossible date and one
// value without a code); in the real window the advisor maps the columns and values, sees the
// dry run refuse with the row and column of each mistake, fixes them, imports all rows at
// once, and removes the source file. The CLI then lists the dossiers from the vault file.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORK, startApp, button, click, choose, fill, waitForText, screenshot, PASS, kluis } from './driver.mjs';

let browser;

after(async () => {
  if (browser) await browser.deleteSession().catch(() => {});
});

const rows = (opened) =>
  '\ufeffOrganisatie;Datum melding;Soort contact;Categorie;Bestede tijd\r\n' +
  'Zorggroep Inlees;05-03-2025;consult;Pesterij;1:30\r\n' +
  `Zorggroep Inlees;${opened};consult;Parkeren;45\r\n` +
  'Zorggroep Inlees;2025-06-01;consult;pesten, Discriminatie;\r\n';

test('a registration is imported after a dry run that names each mistake by row and column', async () => {
  const vault = join(WORK, 'inlezen.kluis');
  const csv = join(WORK, 'registratie.csv');
  kluis(['init', vault]);
  kluis(['org', 'add', vault, '--name', 'Zorggroep Inlees', '--employees', '80', '--arrangement', 'maatwerk']);
  writeFileSync(csv, rows('31-02-2025'));

  browser = await startApp([vault]);
  await waitForText(browser, 'Kluis ontgrendelen', 30000);
  await fill(browser, 'Wachtwoordzin', PASS);
  await click(browser, 'Ontgrendelen');
  await waitForText(browser, 'Termijnen', 30000);
  await click(browser, 'Dossiers');
  await click(browser, 'Registratie inlezen…');
  await waitForText(browser, 'Registratie inlezen');
  await fill(browser, 'Bestand om in te lezen', csv);
  await click(browser, 'Bestand lezen');
  await waitForText(browser, 'CSV-bestand, 1 blad');
  await click(browser, 'Volgende');
  await waitForText(browser, 'Kies per kolom welk veld erin staat.');
  await screenshot(browser, '38-import-columns');
  const organisationColumn = await (await button(browser, 'Volgende')).isEnabled();
  assert.ok(organisationColumn, 'the headers suggest every required field, so the next step is open');
  await click(browser, 'Volgende');
  await waitForText(browser, 'Nog 3 waarden zonder code.');
  await screenshot(browser, '39-import-values');
  await click(browser, 'Alle 2 voorstellen overnemen');
  await waitForText(browser, 'Nog 1 waarde zonder code.');
  await click(browser, 'Proefdraai');
  await waitForText(browser, '2 fouten in 1 rij', 20000);
  await waitForText(browser, 'Deze datum bestaat niet.');
  await waitForText(browser, 'Aan deze waarde is nog geen code gekoppeld.');
  const commit = await button(browser, '2 dossiers inlezen');
  assert.equal(await commit.isEnabled(), false, 'nothing is imported while there are errors');
  await browser.pause(800); // X paints lag the DOM
  await screenshot(browser, '40-import-dry-run');

  // The advisor fixes the date in the file and gives the value a code.
  writeFileSync(csv, rows('28-02-2025'));
  await click(browser, 'Terug');
  await choose(browser, 'Code voor Parkeren', 'werkdruk_conflict');
  await waitForText(browser, 'Alle waarden hebben een code.');
  await click(browser, 'Proefdraai');
  await waitForText(browser, '3 rijen gelezen, 3 worden een dossier.', 20000);
  await click(browser, '3 dossiers inlezen');
  await waitForText(browser, 'Alles inlezen?');
  await click(browser, 'Inlezen');
  await waitForText(browser, '3 dossiers ingelezen (2025-0001 – 2025-0003).', 20000);
  await screenshot(browser, '41-import-done');
  await click(browser, 'Bronbestand verwijderen');
  await waitForText(browser, 'Bronbestand verwijderen?');
  const dialog = await browser.$("//*[@role='dialog']//button[normalize-space()='Bronbestand verwijderen']");
  await dialog.click();
  await waitForText(browser, 'Het bronbestand is verwijderd.');
  assert.ok(!existsSync(csv), 'the unencrypted source is gone');
  await browser.deleteSession();
  browser = undefined;

  let list;
  for (let i = 0; !list; i += 1) {
    try {
      list = JSON.parse(kluis(['--json', 'dossier', 'list', vault]));
    } catch (e) {
      if (i >= 50 || !String(e.stdout).includes('locked_elsewhere')) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  assert.equal(list.length, 3, 'the three rows are dossiers in the saved vault');
  const exportsLog = JSON.parse(kluis(['--json', 'exports', vault]));
  assert.ok(exportsLog.some((e) => e.kind === 'import'), 'the import is in the log');
});
