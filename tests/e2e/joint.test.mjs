// A joint report end to end: two colleagues (vaults A and B, through the CLI) write contributions for
// the receiving key this vault shows in Settings; in the real window the coordinator imports
// them, makes the organisation's report with "Gezamenlijke rapportage" on and exports the CSV
// (the same bytes as the report of one vault holding all three advisors' dossiers), then writes
// the signed receipts; after the app closes, A takes its receipt in and its ledger holds the
// joint report.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  WORK,
  startApp,
  click,
  fill,
  choose,
  control,
  waitForText,
  screenshot,
  PASS,
  kluis,
  kluisAfterApp,
} from './driver.mjs';

let browser;

after(async () => {
  if (browser) await browser.deleteSession().catch(() => {});
});

const ORG = 'Samen Verzonnen BV';
const CATEGORIES = ['pesten', 'werkdruk_conflict', 'intimidatie', 'discriminatie'];

function vaultWith(path, sets) {
  kluis(['init', path]);
  kluis(['org', 'add', path, '--name', ORG, '--employees', '140', '--arrangement', 'maatwerk']);
  for (const [count, offset] of sets) {
    for (let i = 0; i < count; i++) {
      const month = String(1 + ((i * 5 + offset) % 12)).padStart(2, '0');
      const dayOf = String(3 + ((i * 7 + offset) % 24)).padStart(2, '0');
      kluis([
        'dossier', 'add', path, '--org', ORG, '--type', 'melding_omgangsvormen',
        '--opened', `2025-${month}-${dayOf}`, '--category', CATEGORIES[(i + offset) % CATEGORIES.length],
      ]);
    }
  }
}

/** The published total of a standard CSV report: the largest value of its "Aantal contacten"
 * table (the whole period; its parts are smaller). */
function csvTotal(text) {
  const values = text
    .split('\n')
    .filter((l) => l.startsWith('2025,Aantal contacten,'))
    .map((l) => Number(l.split(',')[5]))
    .filter((n) => Number.isFinite(n));
  return values.length ? Math.max(...values) : null;
}

test('a colleague’s contribution makes one joint report, and the receipt goes back', async () => {
  // Three advisors (A and B contribute, C coordinates in the app) and, to compare, one vault D
  // holding all their dossiers.
  const [setA, setB, setC] = [[14, 1], [6, 2], [11, 4]];
  const a = join(WORK, 'samen-a.kluis');
  const b = join(WORK, 'samen-b.kluis');
  const c = join(WORK, 'samen-c.kluis');
  const d = join(WORK, 'samen-d.kluis');
  vaultWith(a, [setA]);
  vaultWith(b, [setB]);
  vaultWith(c, [setC]);
  vaultWith(d, [setA, setB, setC]);
  const single = join(WORK, 'samen-een-kluis-2025.csv');
  kluis(['report', d, '--org', ORG, '--period', '2025', '--csv', single]);
  const csv = join(WORK, 'samen-2025.csv');
  const receipts = join(WORK, 'ontvangstbewijzen');
  mkdirSync(receipts, { recursive: true });

  browser = await startApp([c]);
  await waitForText(browser, 'Kluis ontgrendelen', 30000);
  await fill(browser, 'Wachtwoordzin', PASS);
  await click(browser, 'Ontgrendelen');
  await waitForText(browser, 'Termijnen', 30000);
  await click(browser, 'Instellingen');
  await waitForText(browser, 'Mijn ontvangstsleutel');
  const key = await (await browser.$('[data-testid="receive-key"]')).getText();
  assert.match(key, /^age1/, 'the receiving key is shown');

  // The colleagues write their contributions for that key (their own vaults, not the app's).
  await waitForText(browser, 'Gezamenlijke rapportage');
  for (const [vault, n, name] of [[a, 14, 'a'], [b, 6, 'b']]) {
    const file = join(WORK, `bijdrage-${name}.age`);
    const written = JSON.parse(
      kluis(['--json', 'joint', 'contribute', vault, '--org', ORG, '--period', '2025', '--to', key, '--out', file]),
    );
    assert.equal(written.records, n, `colleague ${name}: the dossiers of 2025, coded`);
    await fill(browser, 'Bestand met de bijdrage', file);
    await click(browser, 'Bijdrage inlezen');
    await waitForText(browser, `ingelezen: ${n} registraties voor Samen Verzonnen BV, 2025`);
  }

  // The joint report: one organisation, the joint option on.
  await click(browser, 'Rapportages');
  await waitForText(browser, 'Opzet');
  await choose(browser, 'Jaar', '2025');
  const org = await control(browser, 'Organisatie');
  await org.selectByVisibleText(ORG);
  await waitForText(browser, 'de bijdragen van 2 collega’s', 20000);
  const toggle = await browser.$('[data-testid="joint-toggle"]');
  await toggle.click();
  await waitForText(browser, 'Anonimiteitscontrole geslaagd', 60000);
  await browser.execute(() => document.getElementById('main')?.scrollTo(0, 0));
  await browser.pause(800); // X paints lag the DOM
  await screenshot(browser, '40-joint-report');
  await fill(browser, 'Ontvanger', 'Directie');
  await fill(browser, 'Bestand voor de CSV', csv);
  await click(browser, 'Exporteren als CSV');
  await waitForText(browser, 'Geëxporteerd: samen-2025.csv', 60000);
  assert.ok(existsSync(csv), 'the CSV is written');
  const joint = readFileSync(csv, 'utf8');
  assert.equal(csvTotal(joint), 31, 'the joint report counts the three advisors’ 31 dossiers');
  assert.equal(joint, readFileSync(single, 'utf8'), 'it is the report of one vault holding all their dossiers');

  // The receipt for the colleague.
  await click(browser, 'Instellingen');
  await waitForText(browser, 'Ontvangstbewijzen maken (na de export)');
  await fill(browser, 'Map voor de ontvangstbewijzen', receipts);
  await click(browser, 'Ontvangstbewijzen maken');
  await waitForText(browser, '2 ontvangstbewijzen opgeslagen.');
  await browser.execute(() => document.getElementById('s-joint-title')?.scrollIntoView({ block: 'start' }));
  await browser.pause(800); // X paints lag the DOM
  await screenshot(browser, '39-joint');
  await browser.deleteSession();
  browser = undefined;

  const made = readdirSync(receipts).filter((n) => n.startsWith('ontvangstbewijs-2025-'));
  assert.equal(made.length, 2, 'one receipt per colleague, named by period and key');
  const aKey = JSON.parse(kluis(['--json', 'handover', 'key', a])).fingerprint.replaceAll(' ', '');
  const forA = made.find((n) => n.includes(aKey));
  assert.ok(forA, 'a receipt for A’s key');
  const got = JSON.parse(await kluisAfterApp(['--json', 'joint', 'receipt', a, join(receipts, forA)]));
  const signing = JSON.parse(kluis(['--json', 'key', 'show', c]));
  assert.equal(got.signer, signing.fingerprint, 'signed with the coordinator’s signing key');
  const ledger = kluis(['ledger', 'show', a, '--org', ORG]);
  assert.ok(ledger.includes('/gezamenlijk'), 'A’s ledger now holds the joint report');
});
