// Invoicing end to end: the advisor fills in their own details in Settings, makes agreements
// with three organisations on the Facturen screen, drafts last month's invoices from the time
// registered through the CLI, adjusts a line, finalises all three and exports each as PDF and
// UBL. The UBL files pass the OASIS UBL 2.1 schema (xmllint), the PDF shows the adjusted line,
// and the register goes out as CSV.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WORK, startApp, button, click, fill, waitForText, screenshot, PASS, kluis } from './driver.mjs';

const SCHEMAS = process.env.KLUIS_UBL_SCHEMAS || resolve(import.meta.dirname, '../../.cache/ubl-2.1');
let browser;

after(async () => {
  if (browser) await browser.deleteSession().catch(() => {});
});

/** The confirm button of the open dialog (the page has a button with the same text). */
async function confirmDialog(browser, text) {
  const b = await browser.$(`//*[@role='dialog']//button[normalize-space()='${text}']`);
  await b.waitForClickable({ timeout: 10000 });
  await b.click();
}

const ORGS = [
  { name: 'Zorggroep De Linde', rate: '110', minutes: 150 },
  { name: 'Bakkerij De Korenschoof', rate: '95', minutes: 75 },
  { name: 'Basisschool De Regenboog', rate: '100,50', minutes: 60 },
];

test("last month's invoices for three organisations are finalised and exported as PDF and UBL", async () => {
  const vault = join(WORK, 'facturen.kluis');
  const now = new Date();
  const last = new Date(now.getFullYear(), now.getMonth() - 1, 10);
  const day = `${last.getFullYear()}-${String(last.getMonth() + 1).padStart(2, '0')}-10`;
  kluis(['init', vault]);
  for (const o of ORGS) {
    kluis(['org', 'add', vault, '--name', o.name, '--employees', '50', '--arrangement', 'collectief']);
    kluis(['time', 'add', vault, '--org', o.name, '--date', day, '--minutes', String(o.minutes), '--activity', 'voorlichting']);
  }

  browser = await startApp([vault]);
  await waitForText(browser, 'Kluis ontgrendelen', 30000);
  await fill(browser, 'Wachtwoordzin', PASS);
  await click(browser, 'Ontgrendelen');
  await waitForText(browser, 'Termijnen', 30000);

  // The advisor's own details, once.
  await click(browser, 'Instellingen');
  await waitForText(browser, 'Facturering');
  await fill(browser, 'Naam of handelsnaam', 'Praktijk Verzonnen Vertrouwen');
  await fill(browser, 'Straat en huisnummer', 'Voorbeeldstraat 1');
  await fill(browser, 'Postcode', '1234ab');
  await fill(browser, 'Plaats', 'Nergenshuizen');
  await fill(browser, 'KvK-nummer', '12345678');
  await fill(browser, 'Btw-identificatienummer', 'NL123456789B01');
  await fill(browser, 'IBAN', 'NL91 ABNA 0417 1643 01');
  await click(browser, 'Gegevens opslaan');
  await waitForText(browser, 'Dit heeft niet de juiste vorm.');
  await fill(browser, 'IBAN', 'NL91 ABNA 0417 1643 00');
  await click(browser, 'Gegevens opslaan');
  await waitForText(browser, 'Je gegevens zijn opgeslagen.');

  // An agreement with each organisation.
  await click(browser, 'Facturen');
  await waitForText(browser, 'Afspraken per organisatie');
  for (const o of ORGS) {
    await click(browser, `Afspraak maken: ${o.name}`);
    await waitForText(browser, `Afspraak met ${o.name}`);
    await fill(browser, 'Uurtarief (€)', o.rate);
    await fill(browser, 'Straat en huisnummer', 'Postbus 12');
    await fill(browser, 'Postcode', '9999 ZZ');
    await fill(browser, 'Plaats', 'Verzonnenstad');
    await confirmDialog(browser, 'Opslaan');
    await button(browser, `Afspraak wijzigen: ${o.name}`);
  }

  await click(browser, 'Concepten maken');
  await waitForText(browser, '3 concepten gemaakt.', 20000);

  // Adjust a line of the first, then finalise all three.
  await click(browser, `Openen: ${ORGS[0].name}`);
  await waitForText(browser, `Concept — ${ORGS[0].name}`);
  await fill(browser, 'Omschrijving 1', 'Voorlichting aan teamleiders, verzonnen');
  await click(browser, 'Regels opslaan');
  await waitForText(browser, 'De regels zijn opgeslagen.');
  await screenshot(browser, '50-invoice-draft');
  const numbers = [];
  for (const [i, o] of ORGS.entries()) {
    if (i > 0) {
      await click(browser, `Openen: ${o.name}`);
      await waitForText(browser, `Concept — ${o.name}`);
    }
    await click(browser, 'Definitief maken');
    await confirmDialog(browser, 'Definitief maken');
    await waitForText(browser, `Factuur F${now.getFullYear()}-000${i + 1} is definitief.`, 20000);
    numbers.push(`F${now.getFullYear()}-000${i + 1}`);
    const pdf = join(WORK, `factuur-${i}.pdf`);
    const xml = join(WORK, `factuur-${i}.xml`);
    await fill(browser, 'PDF opslaan als', pdf);
    await fill(browser, 'E-factuur (UBL) opslaan als', xml);
    await click(browser, 'Exporteren');
    await waitForText(browser, 'Geschreven en vastgelegd in het exportlogboek:', 20000);
    assert.ok(existsSync(pdf) && existsSync(xml), 'both files are written');
    execFileSync('xmllint', ['--noout', '--schema', join(SCHEMAS, 'maindoc/UBL-Invoice-2.1.xsd'), xml]);
    assert.ok(readFileSync(xml, 'utf8').includes(`<cbc:ID>${numbers[i]}</cbc:ID>`), 'the UBL carries the number');
    if (i === 0) {
      await browser.pause(500);
      await screenshot(browser, '51-invoice-final');
      const text = execFileSync('pdftotext', [pdf, '-']).toString();
      assert.ok(text.includes('Voorlichting aan teamleiders, verzonnen'), 'the PDF shows the adjusted line');
      assert.ok(text.includes(numbers[0]), 'and the number');
    }
  }
  await waitForText(browser, 'Factuurregister');
  const csv = join(WORK, 'register.csv');
  await fill(browser, 'CSV opslaan als', csv);
  await click(browser, 'Register exporteren');
  await waitForText(browser, 'register.csv');
  const rows = readFileSync(csv, 'utf8').trim().split(/\r?\n/);
  assert.equal(rows.length, 4, 'a header and three invoices');
  const drafts = await browser.$$("//button[starts-with(@aria-label, 'Openen: ')]");
  assert.equal(drafts.length, 3, 'three invoices in the period');
  await browser.deleteSession();
  browser = undefined;
  // The app lets go of the vault's lock a moment after its window closes.
  let log;
  for (let i = 0; !log; i += 1) {
    try {
      log = JSON.parse(kluis(['--json', 'exports', vault]));
    } catch (e) {
      if (i >= 50 || !String(e.stderr).includes('geopend')) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  assert.equal(log.filter((e) => e.kind === 'invoice').length, 6, 'six invoice files in the export log');
});
