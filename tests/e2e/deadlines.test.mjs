// Deadlines end to end: a demo vault (made with the CLI) gets a follow-up that was due
// yesterday; in the real window the overview's Termijnen panel shows it in red, the dossier
// page lists it, marking it done there takes it off the panel, and the CLI afterwards finds it
// done; a breach registered in the settings shows on the panel. A screenshot of the panel goes
// to screenshots/30-deadlines.png.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { WORK, startApp, button, click, fill, waitForText, bodyText, screenshot, PASS, kluis, CLI } from './driver.mjs';

const LABEL = 'E2E bel terug';
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

test('a deadline due yesterday is red on the overview and is done from the dossier page', async () => {
  const vault = join(WORK, 'termijnen.kluis');
  kluis(['demo', '--orgs', '3', '--dossiers', '150', '--years', '2', '--seed', '4', vault]);
  const open = JSON.parse(kluis(['--json', 'dossier', 'list', vault, '--status', 'open']));
  assert.ok(open.length > 0, 'the demo has open dossiers');
  const number = open[0].number;
  const added = JSON.parse(
    kluis(['--json', 'deadline', 'add', vault, number, '--kind', 'vervolg', '--due', isoDay(-1), '--label', LABEL]),
  );
  assert.equal(added.due_on, isoDay(-1));

  browser = await startApp([vault]);
  await waitForText(browser, 'Kluis ontgrendelen', 30000);
  await fill(browser, 'Wachtwoordzin', PASS);
  await click(browser, 'Ontgrendelen');
  await waitForText(browser, 'Termijnen', 30000);
  await waitForText(browser, LABEL);
  const row = await browser.$(`//*[@data-testid='deadline-panel']//li[contains(., '${LABEL}')]`);
  assert.equal(await row.getAttribute('data-urgency'), 'verlopen', 'yesterday is overdue');
  assert.match(await row.getText(), /Verlopen[\s\S]*was uiterlijk/, 'and says so in Dutch');
  const when = await row.$('.when');
  const colour = (await when.getCSSProperty('color')).parsed.hex;
  assert.equal(colour, '#b02a20', 'in the danger red');
  const chip = await browser.$(`//*[@data-testid='deadline-panel']//li[@data-urgency='binnenkort']`);
  assert.ok(await chip.isExisting(), "the demo's own deadlines include one due this week (amber)");
  await browser.pause(1000); // X paints lag the DOM
  await screenshot(browser, '30-deadlines');

  await (await button(browser, `Dossier ${number} openen`)).click();
  await waitForText(browser, `Dossier ${number}`);
  await waitForText(browser, LABEL);
  const mine = await browser.$(`//section//li[contains(., '${LABEL}')]`);
  assert.equal(await mine.getAttribute('data-urgency'), 'verlopen', 'red on the dossier page too');
  await (await mine.$(`.//button[normalize-space(.)='Afgerond']`)).click();
  await waitForText(browser, 'afgerond op');
  await screenshot(browser, '31-dossier-deadlines');

  await click(browser, 'Overzicht');
  await waitForText(browser, 'Per organisatie');
  assert.ok(!(await bodyText(browser)).includes(LABEL), 'a done deadline leaves the panel');

  // A breach registered in the settings is on the panel with its 72-hour time.
  await click(browser, 'Instellingen');
  await waitForText(browser, 'Datalekken');
  await fill(browser, 'Wat is er gebeurd?', 'E2E USB-stick verloren');
  await click(browser, 'Datalek registreren');
  await waitForText(browser, 'melden vóór');
  await click(browser, 'Overzicht');
  await waitForText(browser, 'E2E USB-stick verloren');
  const breachRow = await browser.$(`//*[@data-testid='deadline-panel']//li[contains(., 'E2E USB-stick verloren')]`);
  assert.match(await breachRow.getText(), /Datalek[\s\S]*melden bij de AP vóór/, 'with its deadline');
  await browser.deleteSession();
  browser = undefined;

  let listed;
  for (let i = 0; !listed; i += 1) {
    try {
      listed = JSON.parse(kluis(['--json', 'deadline', 'list', vault, number]));
    } catch (e) {
      if (i >= 50 || !String(e.stdout).includes('locked_elsewhere')) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const done = listed.find((d) => d.label === LABEL);
  assert.equal(done.done_on, isoDay(0), 'the CLI sees it done today');
});
