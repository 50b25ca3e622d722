// Parties and the conflict-of-interest check end to end: the CLI makes a vault with two
// organisations; in one, "de vries, jan" is the accused. In the real window the advisor adds two
// parties to a dossier of the other organisation; the second, written "Jàn DE VRIES", raises
// the conflict warning naming the other dossier; the advisor records the decision, and it is
// still there after leaving and reopening the dossier and, after the app closes, in the CLI.
// The dialog's screenshot goes to screenshots/33-parties.png (docs/screenshots/parties.png).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { WORK, startApp, button, click, choose, control, fill, waitForText, bodyText, screenshot, PASS, kluis } from './driver.mjs';

let browser;

after(async () => {
  if (browser) await browser.deleteSession().catch(() => {});
});

function isoDay(offset) {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

async function addParty(role, name, fn) {
  await choose(browser, 'Rol', role);
  await fill(browser, 'Naam of omschrijving', name);
  await fill(browser, 'Functie of afdeling (optioneel)', fn);
  await click(browser, 'Betrokkene toevoegen');
}

test('two parties are added, the same person in another organisation raises a conflict, and the decision is kept', async () => {
  const vault = join(WORK, 'betrokkenen.kluis');
  kluis(['init', vault]);
  kluis(['org', 'add', vault, '--name', 'Fictieve Fietsen BV', '--employees', '25', '--arrangement', 'collectief']);
  kluis(['org', 'add', vault, '--name', 'Verzonnen Zorg BV', '--employees', '60', '--arrangement', 'maatwerk']);
  const other = JSON.parse(kluis(['--json', 'dossier', 'add', vault, '--org', 'Fictieve Fietsen BV', '--type', 'consult']));
  kluis(['party', 'add', vault, other.number, '--role', 'beschuldigde', '--name-file', '-'], 'de vries, jan\n');
  const mine = JSON.parse(
    kluis(['--json', 'dossier', 'add', vault, '--org', 'Verzonnen Zorg BV', '--type', 'melding_omgangsvormen', '--category', 'pesten']),
  );
  // A follow-up makes the dossier one click away on the overview.
  kluis(['deadline', 'add', vault, mine.number, '--kind', 'vervolg', '--due', isoDay(2), '--label', 'Bel terug']);

  browser = await startApp([vault]);
  await waitForText(browser, 'Kluis ontgrendelen', 30000);
  await fill(browser, 'Wachtwoordzin', PASS);
  await click(browser, 'Ontgrendelen');
  await waitForText(browser, 'Termijnen', 30000);
  await (await button(browser, `Dossier ${mine.number} openen`)).click();
  await waitForText(browser, 'Betrokkenen');
  await waitForText(browser, 'Nog geen betrokkenen vastgelegd.');

  await addParty('melder', 'Piet Verzonnen', 'Planning');
  await waitForText(browser, 'Piet Verzonnen');
  assert.ok(
    !(await bodyText(browser)).includes('Mogelijk belangenconflict'),
    'a name nobody else has raises no warning',
  );

  await addParty('getuige', 'Jàn DE VRIES', 'Inkoop');
  await waitForText(browser, 'Mogelijk belangenconflict');
  const dialog = await browser.$(`//*[@role='dialog']`);
  const warning = await dialog.getText();
  assert.match(
    warning,
    new RegExp(`beschuldigde in ${other.number} \\(Fictieve Fietsen BV\\)`),
    'the warning names the role and the other organisation’s dossier',
  );
  assert.match(warning, /Jàn DE VRIES ~ de vries, jan/, 'and both ways the name was written');
  await (await control(browser, 'Doorverwijzen naar collega')).click();
  // The card behind the dialog, from its heading down, for the README's picture.
  await browser.execute(() => document.getElementById('parties-heading')?.scrollIntoView({ block: 'start' }));
  await browser.pause(1500); // X paints lag the DOM
  await screenshot(browser, '33-parties');
  await click(browser, 'Besluit vastleggen');
  await waitForText(browser, 'Besluit over belangenconflict: Doorverwijzen naar collega');
  assert.ok(!(await browser.$(`//*[@role='dialog']`).isExisting()), 'decided: the dialog is gone');
  await browser.pause(800); // X paints lag the DOM
  await screenshot(browser, '34-parties-decided');

  // Leave and come back: the check runs again, finds the decision and asks nothing.
  await click(browser, 'Overzicht');
  await waitForText(browser, 'Per organisatie');
  await (await button(browser, `Dossier ${mine.number} openen`)).click();
  await waitForText(browser, 'Besluit over belangenconflict: Doorverwijzen naar collega');
  await waitForText(browser, 'Jàn DE VRIES');
  assert.ok(!(await browser.$(`//*[@role='dialog']`).isExisting()), 'no question on reopening');

  // The timeline tells the dossier's history, without the names.
  const timeline = await browser.$("//*[@data-testid='timeline']/summary");
  await timeline.scrollIntoView({ block: 'center' });
  await timeline.click();
  await waitForText(browser, 'Betrokkene toegevoegd: getuige');
  await waitForText(browser, 'Besluit over belangenconflict: doorverwijzen naar collega');
  const history = await (await browser.$("//*[@data-testid='timeline']")).getText();
  assert.match(history, /Dossier geopend/, 'the opening is in it');
  assert.match(history, /Termijn gestart: /, 'and the follow-up deadline');
  assert.ok(!history.includes('Piet') && !history.includes('VRIES'), 'and no name');
  await browser.execute(() => document.querySelector("[data-testid='timeline']")?.scrollIntoView({ block: 'start' }));
  await browser.pause(800); // X paints lag the DOM
  await screenshot(browser, '35-timeline');
  await browser.deleteSession();
  browser = undefined;

  let listed;
  for (let i = 0; !listed; i += 1) {
    try {
      listed = JSON.parse(kluis(['--json', 'party', 'list', vault, mine.number]));
    } catch (e) {
      if (i >= 50 || !String(e.stdout).includes('locked_elsewhere')) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  assert.deepEqual(
    listed.parties.map((p) => [p.role, p.name, p.function]),
    [
      ['melder', 'Piet Verzonnen', 'Planning'],
      ['getuige', 'Jàn DE VRIES', 'Inkoop'],
    ],
    'both parties are saved in the vault',
  );
  assert.equal(listed.undecided, false, 'the match is decided');
  assert.deepEqual(
    listed.decisions.map((d) => [d.decision, d.decided_on]),
    [['doorverwijzen', isoDay(0)]],
    'the decision is stored with the dossier and its date',
  );
});
