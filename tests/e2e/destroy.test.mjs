// Retention end to end: a vault whose 2025 report was published (made with the CLI), two of
// its overdue dossiers destroyed from the overview's overdue list in the real window (typed
// confirmation for the batch), the backups purged, and the CLI afterwards finds them gone and
// logged.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { WORK, startApp, control, button, click, fill, waitForText, bodyText, screenshot, PASS, kluis } from './driver.mjs';

const ORG = 'Bouwbedrijf Meridiaan';
let browser;

after(async () => {
  if (browser) await browser.deleteSession().catch(() => {});
});

function today() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

test('two reported, overdue dossiers are destroyed from the overdue list', async () => {
  const vault = join(WORK, 'bewaren.kluis');
  const year = String(new Date().getFullYear() - 1);
  kluis(['demo', '--orgs', '2', '--dossiers', '80', '--years', '2', '--seed', '3', vault]);
  kluis(['report', vault, '--org', ORG, '--period', year, '--csv', join(WORK, `rapport-${year}.csv`)]);
  const listed = JSON.parse(
    kluis(['--json', 'dossier', 'list', vault, '--org', ORG, '--year', year, '--status', 'gesloten']),
  );
  const due = listed
    .filter((d) => d.destroy_by && d.destroy_by < today() && !d.legal_hold)
    .sort((a, b) => a.destroy_by.localeCompare(b.destroy_by))
    .slice(0, 2)
    .map((d) => d.number);
  assert.equal(due.length, 2, 'the demo has two closed, overdue dossiers in the published year');

  browser = await startApp([vault]);
  await waitForText(browser, 'Kluis ontgrendelen', 30000);
  await fill(browser, 'Wachtwoordzin', PASS);
  await click(browser, 'Ontgrendelen');
  await waitForText(browser, 'Bewaartermijn verstreken', 30000);
  for (const n of due) await (await control(browser, `Dossier ${n} selecteren om te vernietigen`)).click();
  await click(browser, '2 dossiers vernietigen...');

  await waitForText(browser, 'Wat verdwijnt');
  const plan = await bodyText(browser);
  for (const n of due) assert.ok(plan.includes(n), `the screen lists ${n}`);
  assert.ok(plan.includes(`${year}@`), 'each names the published report that counted it');
  assert.ok(plan.includes('Wat blijft'), 'and says what stays');
  const submit = await button(browser, '2 dossiers vernietigen');
  assert.equal(await submit.isEnabled(), false, 'a batch waits for the typed confirmation');
  await fill(browser, 'Typ VERNIETIG om 2 dossiers definitief te vernietigen', 'VERNIETIG');
  await browser.pause(1000); // X paints lag the DOM
  await screenshot(browser, '20-destroy');
  await submit.click();

  await waitForText(browser, `Vernietigd: ${due.join(', ')}.`, 20000);
  await waitForText(browser, 'Nog in ');
  assert.match(await bodyText(browser), /Nog in \d+ back-ups? tot \d+ \w+ \d{4}/, 'the backups that still hold them');
  await screenshot(browser, '21-destroyed');
  await click(browser, 'Back-ups nu wissen...');
  await click(browser, 'Ja, back-ups wissen');
  await waitForText(browser, 'De back-ups met vernietigde dossiers zijn gewist.');

  await click(browser, 'Terug naar het overzicht');
  await waitForText(browser, 'Per organisatie');
  const overview = await bodyText(browser);
  for (const n of due) assert.ok(!overview.includes(n), `${n} left the overdue list`);
  await browser.deleteSession();
  browser = undefined;

  // The app lets go of the vault's lock when its process has ended, a moment after the
  // session: ask again while the CLI says it is open elsewhere.
  let log;
  for (let i = 0; !log; i += 1) {
    try {
      log = JSON.parse(kluis(['--json', 'destruction-log', vault]));
    } catch (e) {
      if (i >= 50 || !String(e.stdout).includes('locked_elsewhere')) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  assert.deepEqual(
    log.entries.map((e) => e.number).sort(),
    [...due].sort(),
    'the destruction log has both numbers',
  );
  assert.equal(log.backups, 0, 'no backup beside the vault holds them any more');
});
