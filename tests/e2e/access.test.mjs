// Access request end to end: a dossier (made with the CLI) whose notes name a third party; in
// the real window the advisor records the access request, marks the passage about the third
// party, and writes the PDF; the PDF's text layer (pdftotext) holds the placeholder and not the
// passage, and the CLI's export log lists the file as kind `dossier`.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { WORK, startApp, button, click, fill, waitForText, screenshot, PASS, kluis } from './driver.mjs';

const THIRD = 'Qqcollega Verbeek van de balie lachte mee.';
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

test('an access request is recorded and the dossier exported with a third party left out', async () => {
  const vault = join(WORK, 'inzage.kluis');
  const pdf = join(WORK, 'inzage-melder.pdf');
  kluis(['init', vault]);
  kluis(['org', 'add', vault, '--name', 'Zorggroep Inzage', '--employees', '60', '--arrangement', 'maatwerk']);
  const added = JSON.parse(
    kluis(
      ['--json', 'dossier', 'add', vault, '--org', 'Zorggroep Inzage', '--type', 'melding_omgangsvormen', '--category', 'pesten', '--notes-file', '-'],
      `Melder wordt buitengesloten.\n${THIRD}\nAdvies: gesprek voorbereiden.`,
    ),
  );
  const number = added.number;
  kluis(['deadline', 'add', vault, number, '--kind', 'vervolg', '--due', isoDay(1), '--label', 'Bel terug']);

  browser = await startApp([vault]);
  await waitForText(browser, 'Kluis ontgrendelen', 30000);
  await fill(browser, 'Wachtwoordzin', PASS);
  await click(browser, 'Ontgrendelen');
  await waitForText(browser, 'Termijnen', 30000);
  await (await button(browser, `Dossier ${number} openen`)).click();
  await waitForText(browser, 'Inzage');
  await click(browser, 'Inzageverzoek vastleggen');
  await waitForText(browser, 'Vastgelegd; beantwoorden uiterlijk');
  await waitForText(browser, 'AVG: inzageverzoek');

  await click(browser, 'Dossier exporteren voor de melder...');
  await waitForText(browser, `Inzage: dossier ${number}`);
  await fill(browser, 'Passage over derden', THIRD);
  await click(browser, 'Weglaten');
  await waitForText(browser, '[gegevens van derden weggelaten]');
  await fill(browser, 'PDF-bestand', pdf);
  await browser.pause(800); // X paints lag the DOM
  await screenshot(browser, '32-access-export');
  await click(browser, 'PDF en JSON schrijven');
  await waitForText(browser, 'Geschreven en vastgelegd in het exportlogboek', 20000);
  assert.ok(existsSync(pdf), 'the PDF was written where the advisor said');
  const text = execFileSync('pdftotext', [pdf, '-']).toString().split(/\s+/).join(' ');
  assert.ok(!text.includes('Verbeek'), 'the passage about the third party is not in the text layer');
  assert.ok(text.includes('[gegevens van derden weggelaten]'), 'its placeholder is');
  assert.ok(text.includes('Melder wordt buitengesloten.'), 'the rest of the notes is');
  await browser.deleteSession();
  browser = undefined;

  let log;
  for (let i = 0; !log; i += 1) {
    try {
      log = JSON.parse(kluis(['--json', 'exports', vault]));
    } catch (e) {
      if (i >= 50 || !String(e.stdout).includes('locked_elsewhere')) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  assert.equal(log.filter((e) => e.kind === 'dossier').length, 1, 'the export log lists the PDF');
});
