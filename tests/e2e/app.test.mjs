// The desktop app end to end, as an advisor uses it: create a vault, keep the recovery key,
// register an organisation and a dossier with two conversations and two categories, lock,
// unlock with the passphrase and with the recovery key, see a wrong passphrase refused in
// Dutch, and watch auto-lock and the screen-lock signal return to the unlock screen.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { existsSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { APP, WORK, startApp, control, button, click, fill, choose, waitForText, bodyText, screenshot, PASS } from './driver.mjs';

const APP_DIR = dirname(APP);
const ORG = 'Zorggroep De Linde';
let browser;

after(async () => {
  if (browser) await browser.deleteSession().catch(() => {});
});

function today() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Sets a date input (WebKit's date inputs take the ISO value through the DOM). */
async function setDate(label, iso) {
  const el = await control(browser, label);
  await browser.execute(
    (e, v) => {
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
      setter.call(e, v);
      e.dispatchEvent(new Event('input', { bubbles: true }));
      e.dispatchEvent(new Event('change', { bubbles: true }));
    },
    el,
    iso,
  );
}

async function checkbox(label, want = true) {
  const el = await control(browser, label);
  if ((await el.isSelected()) !== want) await el.click();
}

async function unlockScreen() {
  await waitForText(browser, 'Kluis ontgrendelen');
  assert.ok(
    !(await bodyText(browser)).includes(ORG),
    'after locking, the page shows no vault data (the organisation name is gone)',
  );
}

test('an advisor runs a case through the app and finds it back after locking', async () => {
  const vault = join(WORK, 'praktijk.kluis');
  const started = Date.now();
  browser = await startApp();
  await waitForText(browser, 'Welkom bij Kluis');
  console.log(`cold start to start screen: ${Date.now() - started} ms (WebDriver session included)`);
  await screenshot(browser, '01-start');

  // Create the vault and keep the recovery key.
  await click(browser, 'Nieuwe kluis maken');
  await fill(browser, 'Locatie van de nieuwe kluis', vault);
  await fill(browser, 'Wachtwoordzin', PASS);
  await fill(browser, 'Herhaal wachtwoordzin', PASS);
  await screenshot(browser, '02-create');
  await click(browser, 'Kluis aanmaken');
  await waitForText(browser, 'Je herstelsleutel', 20000);
  const shownKey = await (await control(browser, 'Herstelsleutel')).getValue();
  const key = shownKey.replace(/\s+/g, '');
  assert.match(key, /^AGE-SECRET-KEY-1[0-9A-Z]{58}$/, 'the recovery key is shown once, in full');
  await screenshot(browser, '03-recovery-key');
  // Copy puts the key on the system clipboard and clears it again after 10 seconds.
  const clipboard = () => {
    try {
      return execFileSync('xclip', ['-o', '-selection', 'clipboard'], { timeout: 3000 }).toString();
    } catch {
      return '';
    }
  };
  await click(browser, 'Kopiëren');
  await browser.waitUntil(async () => clipboard().replace(/\s+/g, '') === key, {
    timeout: 5000,
    timeoutMsg: 'the recovery key never reached the clipboard',
  });
  const copiedAt = Date.now();
  // Marked as a secret, so clipboard managers keep it out of their history.
  const targets = execFileSync('xclip', ['-o', '-selection', 'clipboard', '-t', 'TARGETS'], {
    timeout: 3000,
  }).toString();
  assert.match(
    targets,
    /x-kde-passwordManagerHint/,
    `the copied key carries the clipboard managers' secret hint (targets: ${targets})`,
  );
  await browser.waitUntil(async () => clipboard() === '', {
    timeout: 20000,
    interval: 500,
    timeoutMsg: 'the clipboard was not cleared',
  });
  const cleared = (Date.now() - copiedAt) / 1000;
  assert.ok(cleared > 7, `the key stayed on the clipboard for about 10 s (${cleared.toFixed(1)} s)`);
  const proceed = await button(browser, 'Doorgaan');
  assert.equal(await proceed.isEnabled(), false, 'continuing needs the explicit "stored it" step');
  await checkbox('Ik heb de herstelsleutel veilig opgeborgen');
  await click(browser, 'Doorgaan');
  assert.ok(existsSync(vault), 'the vault file exists on disk');

  // An organisation.
  await click(browser, 'Organisaties');
  await waitForText(browser, 'Nog geen organisaties');
  await click(browser, 'Nieuwe organisatie');
  await fill(browser, 'Naam', ORG);
  await fill(browser, 'Aantal medewerkers', 180);
  await choose(browser, 'Regeling', 'maatwerk');
  await click(browser, 'Opslaan');
  await waitForText(browser, ORG);
  await screenshot(browser, '04-organisations');

  // A dossier with two categories and two conversations.
  await click(browser, 'Dossiers');
  await click(browser, 'Nieuw dossier');
  const orgSelect = await control(browser, 'Organisatie');
  await orgSelect.selectByVisibleText(ORG);
  await choose(browser, 'Contactsoort', 'melding_omgangsvormen');
  await checkbox('Pesten');
  await checkbox('Intimidatie (niet-seksueel)');
  await choose(browser, 'Relatie tot beklaagde', 'collega');
  await checkbox('Luisterend oor');
  await fill(browser, 'Notities', 'Verzonnen notitie: conflict over roosters.');
  for (const [minutes, total] of [[60, '1 gesprek, samen 1:00 uur'], [45, '2 gesprekken, samen 1:45 uur']]) {
    await setDate('Datum', today());
    await fill(browser, 'Minuten', minutes);
    await choose(browser, 'Vorm', 'persoonlijk');
    await click(browser, 'Gesprek toevoegen');
    await waitForText(browser, total);
  }
  await waitForText(browser, 'Opgeslagen');
  const number = `${new Date().getFullYear()}-0001`;
  await waitForText(browser, number);
  await screenshot(browser, '05-dossier');
  assert.ok(
    !readFileSync(vault).includes(Buffer.from('conflict over roosters')),
    'the notes are not readable in the vault file',
  );

  // Lock with Ctrl+L: the unlock screen, and no data left in the page.
  await browser.keys(['Control', 'l']);
  await unlockScreen();
  await screenshot(browser, '06-unlock');

  // A wrong passphrase is refused in Dutch.
  await fill(browser, 'Wachtwoordzin', 'groene trein boven de wolken');
  await click(browser, 'Ontgrendelen');
  await waitForText(
    browser,
    'Deze wachtwoordzin klopt niet. Probeer het opnieuw of gebruik je herstelsleutel.',
    20000,
  );
  await screenshot(browser, '07-wrong-passphrase');

  // The right passphrase: everything is there.
  await fill(browser, 'Wachtwoordzin', PASS);
  await click(browser, 'Ontgrendelen');
  await waitForText(browser, 'Overzicht', 20000);
  await click(browser, 'Dossiers');
  await click(browser, number);
  await waitForText(browser, `Dossier ${number}`);
  const notesField = await control(browser, 'Notities');
  await browser.waitUntil(async () => (await notesField.getValue()) !== '', {
    timeout: 10000,
    timeoutMsg: 'the notes never loaded',
  });
  const notes = await notesField.getValue();
  assert.equal(notes, 'Verzonnen notitie: conflict over roosters.', 'the notes survived');
  assert.equal(await (await control(browser, 'Pesten')).isSelected(), true, 'category 1 kept');
  assert.equal(
    await (await control(browser, 'Intimidatie (niet-seksueel)')).isSelected(),
    true,
    'category 2 kept',
  );
  assert.ok(
    (await bodyText(browser)).includes('2 gesprekken, samen 1:45 uur'),
    'both conversations kept',
  );

  // The recovery key opens it too.
  await click(browser, 'Vergrendelen');
  await unlockScreen();
  await click(browser, 'Wachtwoordzin vergeten? Gebruik je herstelsleutel');
  // typed back as shown, in groups with spaces
  await fill(browser, 'Herstelsleutel', shownKey.replace(/\n/g, ' '));
  await click(browser, 'Ontgrendelen');
  await waitForText(browser, 'Je hebt ontgrendeld met de herstelsleutel', 20000);
  await screenshot(browser, '08-overview');

  // The other main screens.
  await click(browser, 'Uren');
  await waitForText(browser, 'Maandoverzicht');
  await screenshot(browser, '09-hours');

  // The vault's signing key, to give a client once: minisign's key id and public key.
  await click(browser, 'Instellingen');
  await waitForText(browser, 'Ondertekening');
  const fingerprint = await (await control(browser, 'Sleutel-ID (vingerafdruk)')).getValue();
  assert.match(fingerprint, /^[0-9A-F]{16}$/, `a 16-digit key id is shown (${fingerprint})`);
  const publicKey = await control(browser, 'Publieke sleutel');
  assert.match(
    await publicKey.getValue(),
    /^RW[A-Za-z0-9+/]{54}$/,
    'a minisign Ed25519 public key: "Ed", key id and key in 56 base64 characters',
  );
  await publicKey.scrollIntoView({ block: 'center' });
  await screenshot(browser, '10a-signing');

  // Auto-lock after a short configured idle time.
  await fill(browser, 'Automatisch vergrendelen na (minuten)', 1);
  await browser.keys('Tab');
  await waitForText(browser, 'Opgeslagen');
  await screenshot(browser, '10-settings');
  const idleFrom = Date.now();
  await waitForText(browser, 'Kluis ontgrendelen', 90000);
  const idle = (Date.now() - idleFrom) / 1000;
  assert.ok(idle > 45, `auto-lock waited for the idle time (${idle.toFixed(0)} s)`);
  await unlockScreen();

  // The screen-lock signal locks at once.
  await fill(browser, 'Wachtwoordzin', PASS);
  await click(browser, 'Ontgrendelen');
  await waitForText(browser, 'Overzicht', 20000);
  execFileSync('dbus-send', [
    '--session', '--type=signal', '/org/freedesktop/ScreenSaver',
    'org.freedesktop.ScreenSaver.ActiveChanged', 'boolean:true',
  ]);
  await unlockScreen();
});

test('a lock whose save fails still locks, keeps the change and saves it after unlock', async () => {
  if (browser) await browser.deleteSession().catch(() => {});
  // The vault on a "USB stick": pulling it replaces its folder by a file, so every save
  // fails (also as root, where a read-only folder would not stop a write).
  const stick = join(WORK, 'stick');
  mkdirSync(stick);
  const vault = join(stick, 'usb.kluis');
  const lost = 'Stichting Losgetrokken';
  browser = await startApp();
  await waitForText(browser, 'Welkom bij Kluis');
  await click(browser, 'Nieuwe kluis maken');
  await fill(browser, 'Locatie van de nieuwe kluis', vault);
  await fill(browser, 'Wachtwoordzin', PASS);
  await fill(browser, 'Herhaal wachtwoordzin', PASS);
  await click(browser, 'Kluis aanmaken');
  await waitForText(browser, 'Je herstelsleutel', 20000);
  await checkbox('Ik heb de herstelsleutel veilig opgeborgen');
  await click(browser, 'Doorgaan');
  await waitForText(browser, 'Overzicht');

  renameSync(stick, `${stick}.weg`);
  writeFileSync(stick, 'geen map');
  await click(browser, 'Organisaties');
  await click(browser, 'Nieuwe organisatie');
  await fill(browser, 'Naam', lost);
  await fill(browser, 'Aantal medewerkers', 12);
  await choose(browser, 'Regeling', 'maatwerk');
  await click(browser, 'Opslaan');
  await waitForText(browser, 'Opslaan mislukt');

  // The screen locks: the vault locks although it cannot be saved (it used to stay open).
  execFileSync('dbus-send', [
    '--session', '--type=signal', '/org/freedesktop/ScreenSaver',
    'org.freedesktop.ScreenSaver.ActiveChanged', 'boolean:true',
  ]);
  await waitForText(browser, 'Je laatste wijziging kon niet worden opgeslagen', 20000);
  await waitForText(browser, 'Kluis ontgrendelen');
  assert.ok(!(await bodyText(browser)).includes(lost), 'locked: the page shows no vault data');
  await screenshot(browser, '10b-kept-change');

  // The stick is back: unlocking saves the kept change, and says so.
  unlinkSync(stick);
  renameSync(`${stick}.weg`, stick);
  await fill(browser, 'Wachtwoordzin', PASS);
  await click(browser, 'Ontgrendelen');
  await waitForText(browser, 'Ze was bewaard en is nu opgeslagen', 20000);
  await screenshot(browser, '10c-kept-change-saved');
  await click(browser, 'Organisaties');
  await waitForText(browser, lost);

  // And it is in the file: a fresh lock and unlock reads it from disk.
  await click(browser, 'Vergrendelen');
  await waitForText(browser, 'Kluis ontgrendelen');
  await fill(browser, 'Wachtwoordzin', PASS);
  await click(browser, 'Ontgrendelen');
  await waitForText(browser, 'Overzicht', 20000);
  await click(browser, 'Organisaties');
  await waitForText(browser, lost);
});

test('the demo vault opens with its passphrase shown and a large list filters quickly', async () => {
  if (browser) await browser.deleteSession().catch(() => {});
  browser = await startApp();
  await waitForText(browser, 'Welkom bij Kluis');
  await click(browser, 'Demokluis openen');
  await waitForText(browser, 'demokluis met verzonnen gegevens', 60000);
  const pass = await (await control(browser, 'Wachtwoordzin')).getValue();
  assert.ok(pass.length > 10, 'the demo passphrase is filled in');
  await click(browser, 'Ontgrendelen');
  await waitForText(browser, 'Per organisatie', 20000);
  await screenshot(browser, '11-demo-overview');
  await click(browser, 'Dossiers');
  await waitForText(browser, '2.000 dossiers', 20000);
  await screenshot(browser, '12-demo-dossiers');
  const t0 = Date.now();
  await fill(browser, 'Zoeken', 'roosterindeling');
  await browser.waitUntil(async () => !(await bodyText(browser)).includes('2.000 dossiers'), {
    timeout: 10000,
    timeoutMsg: 'the search never narrowed the list',
  });
  console.log(`search on 2000 dossiers shown after ${Date.now() - t0} ms (150 ms debounce included)`);
  await screenshot(browser, '13-demo-search');
  const first = await browser.$('//table//tbody//button[contains(@class, "row-link")]');
  await first.click();
  await waitForText(browser, 'Gesprekken');
  await screenshot(browser, '14-demo-dossier');

  // Over Kluis: version, licence, offline, and the fingerprints of the vault's keys.
  await click(browser, 'Instellingen');
  await click(browser, 'Over Kluis');
  await waitForText(browser, 'Vingerafdruk kluissleutel');
  const about = await bodyText(browser);
  assert.ok(about.includes('EUPL-1.2') && about.includes('geen netwerkverbinding'), 'licence, offline');
  const prints = about.match(/\b[0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}\b/g) ?? [];
  assert.equal(new Set(prints).size, 2, `two different key fingerprints: ${prints}`);
  await screenshot(browser, '15-about');
  await browser.keys('Escape');
  // The dialog's own words: the settings page behind it shows another fingerprint (the
  // receiving key of Overdragen).
  await browser.waitUntil(async () => !(await bodyText(browser)).includes('Vingerafdruk kluissleutel'), {
    timeout: 5000,
    timeoutMsg: 'Escape did not close the About dialog',
  });
});

test('a report for the largest demo organisation: lint, tables with x, preview and a PDF export', async () => {
  if (browser) await browser.deleteSession().catch(() => {});
  browser = await startApp();
  await waitForText(browser, 'Welkom bij Kluis');
  await click(browser, 'Demokluis openen');
  await waitForText(browser, 'demokluis met verzonnen gegevens', 60000);
  await click(browser, 'Ontgrendelen');
  await waitForText(browser, 'Per organisatie', 20000);
  await click(browser, 'Rapportages');
  await waitForText(browser, 'Opzet');

  // Last year is complete in the demo vault (it spans five years up to today).
  const year = String(new Date().getFullYear() - 1);
  await choose(browser, 'Jaar', year);
  const org = await control(browser, 'Organisatie');
  const t0 = Date.now();
  await org.selectByVisibleText('Stichting Meridiaan');
  await waitForText(browser, 'Bezig met anonimiseren en opmaken', 5000).catch(() => {});
  await waitForText(browser, 'Anonimiteitscontrole geslaagd', 60000);
  const shownAfter = Date.now() - t0;
  const [prepareMs, renderMs] = await browser.execute(() => {
    const el = document.querySelector('[data-prepare-ms]');
    return [el?.getAttribute('data-prepare-ms'), el?.getAttribute('data-render-ms')];
  });
  console.log(
    `report prepared and shown: ${shownAfter} ms (backend: prepare ${prepareMs} ms, SVG preview ${renderMs} ms)`,
  );
  await waitForText(browser, `dossiers geopend in ${year}`);

  // A weekday in the account is flagged and blocks the export until accepted.
  await fill(browser, 'Activiteiten', 'Op dinsdag gaven we voorlichting aan alle teams.');
  await waitForText(browser, '"dinsdag"');
  await waitForText(browser, 'Een maand of dag maakt een gebeurtenis herkenbaar.');
  const exportPdf = await button(browser, 'Exporteren als PDF');
  assert.equal(await exportPdf.isEnabled(), false, 'an unaccepted warning blocks the export');
  await waitForText(browser, 'Exporteren kan pas als je de waarschuwingen');
  await checkbox('Ik heb de waarschuwingen gelezen en accepteer ze');
  await browser.waitUntil(async () => exportPdf.isEnabled(), {
    timeout: 10000,
    timeoutMsg: 'accepting the warnings never enabled the export',
  });

  // The tables, with x for withheld cells, and the legend.
  const withheld = await browser.$$("//table//td[normalize-space(.)='x']");
  assert.ok(withheld.length > 0, 'withheld cells are shown as x');
  await waitForText(browser, 'x = niet gepubliceerd om herleidbaarheid te voorkomen');
  const numbers = await browser.execute(() =>
    [...document.querySelectorAll('table td.num')].map((td) => td.textContent.trim()),
  );
  for (const n of numbers.filter((s) => /^\d+$/.test(s))) {
    assert.ok(Number(n) === 0 || Number(n) >= 5, `no published count between 1 and 4 (${n})`);
  }

  // The preview: at least one page, decoded as an image (the CSP allows it).
  await browser.waitUntil(
    async () =>
      browser.execute(() => {
        const img = document.querySelector('img.page-image');
        return !!img && img.complete && img.naturalWidth > 0;
      }),
    { timeout: 30000, timeoutMsg: 'the preview never showed a page' },
  );
  const pages = await browser.$$("//img[starts-with(@alt, 'Pagina ')]");
  assert.ok(pages.length >= 1, 'the preview has at least one page');
  await browser.execute(() => document.getElementById('main')?.scrollTo(0, 0));
  await screenshot(browser, '16-reports');
  await browser.execute(() => document.getElementById('r-result-title')?.scrollIntoView());
  await screenshot(browser, '17-reports-tables');
  // A page can be read at a larger size.
  await click(browser, `Pagina 1 van ${pages.length} vergroten`);
  await browser.$("//*[@role='dialog']").waitForExist({ timeout: 5000 });
  if (pages.length > 1) await click(browser, 'Volgende pagina');
  await screenshot(browser, '18-report-page');
  await click(browser, 'Sluiten');

  // Export to a typed path; the file is a PDF and the screen shows its SHA-256.
  const pdf = join(WORK, 'rapportage-meridiaan.pdf');
  await fill(browser, 'Ontvanger', 'Directie');
  await fill(browser, 'Bestand voor de PDF', pdf);
  const t1 = Date.now();
  await click(browser, 'Exporteren als PDF');
  await waitForText(browser, 'Geëxporteerd: rapportage-meridiaan.pdf', 60000);
  console.log(`PDF exported (prepare again, render, ledger, save): ${Date.now() - t1} ms`);
  assert.ok(existsSync(pdf), 'the PDF exists');
  const bytes = readFileSync(pdf);
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-', 'the file is a PDF');
  const sha = createHash('sha256').update(bytes).digest('hex');
  await waitForText(browser, sha);
  await waitForText(browser, 'Toegevoegd aan het exportlogboek.');
  await browser.execute(() => document.getElementById('r-export-title')?.scrollIntoView());
  await screenshot(browser, '19-report-exported');

  // The same file again is refused, with the specific message.
  await fill(browser, 'Bestand voor de PDF', pdf);
  await click(browser, 'Exporteren als PDF');
  await waitForText(browser, 'Dit bestand bestaat al.');
  assert.equal(createHash('sha256').update(readFileSync(pdf)).digest('hex'), sha, 'the file was left alone');

  // The CSV for a Dutch Excel: semicolons, a BOM, and withheld cells empty with status C.
  const csv = join(WORK, 'rapportage-meridiaan.csv');
  await choose(browser, 'CSV-variant', 'csv_excel_nl');
  await fill(browser, 'Bestand voor de CSV', csv);
  await click(browser, 'Exporteren als CSV');
  await waitForText(browser, 'Geëxporteerd: rapportage-meridiaan.csv', 60000);
  const csvBytes = readFileSync(csv);
  assert.equal(csvBytes.subarray(0, 3).toString('hex'), 'efbbbf', 'the Excel dialect starts with a BOM');
  const csvText = csvBytes.toString('utf8');
  assert.ok(csvText.includes(';C'), 'withheld cells are marked C');
  await waitForText(browser, createHash('sha256').update(csvBytes).digest('hex'));
});

test('measurements on a 10,000-dossier vault (printed, not asserted as timings)', async () => {
  if (browser) await browser.deleteSession().catch(() => {});
  const cli = join(APP_DIR, 'kluis');
  const vault = join(WORK, 'groot.kluis');
  execFileSync(
    cli,
    ['demo', '--orgs', '12', '--dossiers', '10000', '--years', '5', '--seed', '2', vault],
    { env: { ...process.env, KLUIS_PASSPHRASE: PASS }, stdio: 'ignore' },
  );
  const t0 = Date.now();
  browser = await startApp([vault]);
  await waitForText(browser, 'Kluis ontgrendelen', 30000);
  console.log(`cold start to the unlock screen: ${Date.now() - t0} ms (WebDriver session included)`);
  await fill(browser, 'Wachtwoordzin', PASS);
  const t1 = Date.now();
  await click(browser, 'Ontgrendelen');
  await waitForText(browser, 'Per organisatie', 30000);
  console.log(`unlock (scrypt + decrypt + overview) of 10,000 dossiers: ${Date.now() - t1} ms`);
  const pid = execFileSync('pgrep', ['-n', '-f', 'target/debug/kluis-app']).toString().trim();
  const rss = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)[1];
  console.log(`RSS of kluis-app after opening 10,000 dossiers: ${(Number(rss) / 1024).toFixed(0)} MiB`);
  await click(browser, 'Dossiers');
  await waitForText(browser, '10.000 dossiers', 30000);
  const org = await control(browser, 'Organisatie');
  const t2 = Date.now();
  await org.selectByIndex(1);
  await browser.waitUntil(async () => !(await bodyText(browser)).includes('10.000 dossiers'), {
    timeout: 10000,
    timeoutMsg: 'the organisation filter never narrowed the list',
  });
  console.log(`filter 10,000 dossiers by organisation, list shown: ${Date.now() - t2} ms`);
  const count = async () => (await bodyText(browser)).match(/([\d.]+) dossiers?\b/)?.[1];
  const before = await count();
  const t3 = Date.now();
  await fill(browser, 'Zoeken', 'reorganisatie');
  await browser.waitUntil(async () => (await count()) !== before, {
    timeout: 10000,
    timeoutMsg: 'the search never narrowed the list',
  });
  console.log(`search within it, list shown: ${Date.now() - t3} ms (150 ms debounce included)`);
  await screenshot(browser, '15-large-filtered');
});
