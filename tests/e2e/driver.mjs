// Shared helpers: start the real app through tauri-driver, find controls by their visible
// label (as a user does), take screenshots.
import { remote } from 'webdriverio';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const APP = process.env.KLUIS_E2E_APP;
export const WORK = process.env.KLUIS_E2E_DIR;
export const SHOTS = process.env.KLUIS_E2E_SCREENSHOTS;
/** The passphrase of every vault the tests make. */
export const PASS = 'paarse fiets onder de regenboog zingt';
/** The CLI built next to the app. */
export const CLI = APP ? join(dirname(APP), 'kluis') : 'kluis';

/** Runs the CLI with the test passphrase; `input` is its standard input. Returns stdout. */
export function kluis(args, input) {
  return execFileSync(CLI, args, { env: { ...process.env, KLUIS_PASSPHRASE: PASS }, input }).toString();
}

/** The CLI, retried while the app still holds the vault's lock for a moment after closing. */
export async function kluisAfterApp(args) {
  for (let i = 0; ; i += 1) {
    try {
      return kluis(args);
    } catch (e) {
      if (i >= 50 || !String(e.stderr).includes('geopend')) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** Starts a fresh app session; `env` is passed to the app process. */
export async function startApp(args = []) {
  if (!APP) throw new Error('KLUIS_E2E_APP is not set: run tests/e2e/run.sh');
  const browser = await remote({
    hostname: '127.0.0.1',
    port: Number(process.env.KLUIS_E2E_PORT ?? 4444),
    logLevel: 'error',
    connectionRetryCount: 2,
    capabilities: {
      browserName: 'wry',
      'wdio:enforceWebDriverClassic': true,
      'tauri:options': { application: APP, args },
    },
  });
  await browser.setTimeout({ implicit: 0 });
  return browser;
}

function xpathLiteral(text) {
  if (!text.includes("'")) return `'${text}'`;
  return `concat('${text.split("'").join(`', "'", '`)}')`;
}

/** The form control whose <label> text (or aria-label) is exactly `text`. */
export async function control(browser, text, timeout = 10000) {
  const lit = xpathLiteral(text);
  const xpath =
    `//*[(self::input or self::textarea or self::select or self::button) and ` +
    `(@aria-label=${lit} or @id=//label[normalize-space(.)=${lit} or normalize-space(text())=${lit}]/@for)]` +
    ` | //label[normalize-space(.)=${lit} or normalize-space(text())=${lit}]//*[self::input or self::textarea or self::select]`;
  const el = await browser.$(xpath);
  await el.waitForExist({ timeout, timeoutMsg: `no control labelled "${text}"` });
  return el;
}

/** A button or link whose visible text (or aria-label) is exactly `text`. */
export async function button(browser, text, timeout = 10000) {
  const lit = xpathLiteral(text);
  const el = await browser.$(
    `//*[(self::button or self::a or @role='button' or @role='tab') and ` +
      `(normalize-space(.)=${lit} or @aria-label=${lit})]`,
  );
  await el.waitForExist({ timeout, timeoutMsg: `no button "${text}"` });
  return el;
}

export async function click(browser, text) {
  const b = await button(browser, text);
  await b.waitForClickable({ timeout: 10000, timeoutMsg: `button "${text}" is not clickable` });
  await b.click();
}

export async function fill(browser, label, value) {
  const el = await control(browser, label);
  await el.waitForEnabled({ timeout: 10000 });
  await el.clearValue();
  await el.setValue(String(value));
}

export async function choose(browser, label, optionValue) {
  const el = await control(browser, label);
  await el.selectByAttribute('value', optionValue);
}

/** Waits until the page shows `text` somewhere. */
export async function waitForText(browser, text, timeout = 15000) {
  try {
    await browser.waitUntil(
      async () => (await bodyText(browser)).includes(text),
      { timeout, interval: 150, timeoutMsg: `"${text}" never appeared` },
    );
  } catch (e) {
    await screenshot(browser, `failure-${text.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}`).catch(() => {});
    const shown = (await bodyText(browser).catch(() => '')).slice(0, 600);
    throw new Error(`${e.message}\n--- page text ---\n${shown}`);
  }
}

/** The page's rendered text (innerText: what a user can see, including table cells). */
export async function bodyText(browser) {
  return browser.execute(() => document.body.innerText);
}

export async function screenshot(browser, name) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await browser.pause(300);
  await browser.saveScreenshot(join(SHOTS, `${name}.png`));
}
