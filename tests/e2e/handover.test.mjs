// Handover end to end: the advisor's colleague shows their receiving key (vault B, through the
// CLI); in the real window the advisor hands the two open dossiers of vault A over to that key
// from Settings → Overdragen; after the app closes, B imports the file and holds exactly those
// two dossiers, and A's export log records the handover.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { WORK, startApp, click, fill, waitForText, screenshot, PASS, kluis, kluisAfterApp } from './driver.mjs';

let browser;

after(async () => {
  if (browser) await browser.deleteSession().catch(() => {});
});

test('two open dossiers are handed over to a colleague’s key from the settings page', async () => {
  const a = join(WORK, 'overdragen-a.kluis');
  const b = join(WORK, 'overdragen-b.kluis');
  kluis(['init', a]);
  kluis(['init', b]);
  kluis(['org', 'add', a, '--name', 'Verzonnen Zorg BV', '--employees', '60', '--arrangement', 'maatwerk']);
  for (const opened of ['2026-01-05', '2026-01-06']) {
    kluis(['dossier', 'add', a, '--org', 'Verzonnen Zorg BV', '--type', 'consult', '--opened', opened]);
  }
  const key = JSON.parse(kluis(['--json', 'handover', 'key', b]));

  browser = await startApp([a]);
  await waitForText(browser, 'Kluis ontgrendelen', 30000);
  await fill(browser, 'Wachtwoordzin', PASS);
  await click(browser, 'Ontgrendelen');
  await waitForText(browser, 'Termijnen', 30000);
  await click(browser, 'Instellingen');
  await waitForText(browser, 'Mijn ontvangstsleutel');
  await waitForText(browser, '2026-0002 · Verzonnen Zorg BV');
  const qr = await browser.$('[data-testid="receive-qr"] svg');
  assert.ok(await qr.isExisting(), 'the receiving key is shown as a QR code');
  const file = join(WORK, 'overdracht.age');
  await fill(browser, 'Ontvangstsleutel van je collega (age1…)', key.recipient);
  await fill(browser, 'Opslaan als', file);
  await browser.execute(() => document.getElementById('s-handover-title')?.scrollIntoView({ block: 'start' }));
  await browser.pause(800); // X paints lag the DOM
  await screenshot(browser, '38-handover');
  await click(browser, 'Overdrachtsbestand maken');
  await waitForText(browser, '2 dossiers in overdracht.age, gemarkeerd als overgedragen');
  assert.ok(existsSync(file), 'the handover file is written');
  await browser.deleteSession();
  browser = undefined;

  const got = JSON.parse(await kluisAfterApp(['--json', 'handover', 'import', b, file]));
  assert.deepEqual(
    [...got.dossiers].sort(),
    [
      ['2026-0001', '2026-0001'],
      ['2026-0002', '2026-0002'],
    ],
    'both dossiers reach B under their numbers',
  );
  const listed = JSON.parse(kluis(['--json', 'dossier', 'list', b]));
  assert.equal(listed.length, 2, 'and nothing else');
  const log = JSON.parse(kluis(['--json', 'exports', a]));
  assert.ok(
    log.some((e) => e.kind === 'overdracht' && e.recipient === key.fingerprint),
    'A logs the handover by the key’s fingerprint',
  );
});
