// What every journey needs: one server and one browser per test file, pages that are
// screenshotted when a test fails, and small steps (log in, switch language, visit, wait for
// text) written once.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { expectAccessible } from './axe.mjs';
import { launch, newPage, withScreenshots } from './browser.mjs';
import { DEMO_PASSWORD, startServer } from './server.mjs';

export { DEMO_PASSWORD, expectAccessible };

/**
 * Registers the file's server and browser. Returns an object whose `url` and `browser` are
 * set once the `before` hook has run.
 */
export function useHarness() {
  const h = { url: '', browser: null, server: null };
  before(async () => {
    h.server = await startServer();
    h.url = h.server.url;
    h.browser = await launch();
  });
  after(async () => {
    await h.browser?.close().catch(() => {});
    await h.server?.stop();
  });
  return h;
}

/**
 * A test whose body gets `open(options)` for new pages (each in a context of its own, with
 * the base URL set); every page open when the body fails is screenshotted into test-results/.
 */
export function journey(h, name, fn, options = {}) {
  test(name, options, async (t) => {
    const pages = [];
    const open = async (opts = {}) => {
      const page = await newPage(h.browser, { baseURL: h.url, bypassCSP: true, ...opts });
      pages.push(page);
      return page;
    };
    try {
      await withScreenshots(t, () => pages, () => fn({ t, open, url: h.url, server: h.server }));
      for (const p of pages) {
        assert.deepEqual(p.problems, [], `the browser reported problems on ${p.url()}`);
      }
    } finally {
      for (const p of pages) await p.context().close().catch(() => {});
    }
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Waits until `get()` returns something `check` accepts; fails with the last value. */
export async function eventually(what, get, check, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await get();
      if (check(last)) return last;
    } catch (e) {
      // The page may be between two documents; ask again.
      last = `(${e.message.split('\n')[0]})`;
    }
    if (Date.now() > deadline) assert.fail(`${what}: still ${JSON.stringify(last)} after ${timeout} ms`);
    await sleep(100);
  }
}

export async function h1(page) {
  return ((await page.locator('main h1').first().textContent()) ?? '').trim();
}

export async function expectH1(page, expected) {
  await eventually(`h1 of ${page.url()}`, () => h1(page), (v) => v === expected);
}

export function pathOf(page) {
  const u = new URL(page.url());
  return u.pathname;
}

/** Goes to `path` (relative to the server) and asserts the status (200 unless told). */
export async function visit(page, path, status = 200) {
  const res = await page.goto(path);
  assert.ok(res, `no response for ${path}`);
  assert.equal(res.status(), status, `GET ${path} answered ${res.status()}`);
  return res;
}

/** Logs in through the form; expects to land on the dashboard. */
export async function login(page, email, password = DEMO_PASSWORD) {
  await visit(page, '/login');
  await page.fill('#f-email', email);
  await page.fill('#f-password', password);
  await Promise.all([page.waitForEvent('load'), submitLogin(page)]);
  if (pathOf(page) !== '/') {
    const said = await page.locator('main .error-summary').allTextContents();
    assert.fail(`logging in as ${email} ended on ${page.url()}, not the dashboard ${JSON.stringify(said)}`);
  }
}

export function submitLogin(page) {
  return page.locator('main form[action="/login"] button[type=submit]').click();
}

/** Presses the header's language button; the server sends us back to the same page. */
export async function switchLanguage(page, lang) {
  const before = pathOf(page);
  const button = page.locator(`form[action="/lang"] button[name=lang][value=${lang}]`);
  await Promise.all([page.waitForEvent('load'), button.click()]);
  assert.equal(pathOf(page), before, 'the language switch returns to the same page');
  assert.equal(await page.getAttribute('html', 'lang'), lang);
  assert.equal(await button.getAttribute('aria-pressed'), 'true');
}

/** The language of the page, from `<html lang>`. */
export function lang(page) {
  return page.getAttribute('html', 'lang');
}

/** Whether the page can be scrolled sideways (content wider than the viewport). */
export async function horizontalOverflow(page) {
  return page.evaluate(() => {
    const el = document.scrollingElement;
    const culprits = [];
    if (el.scrollWidth > window.innerWidth) {
      for (const n of document.querySelectorAll('body *')) {
        const r = n.getBoundingClientRect();
        if (r.right > window.innerWidth + 0.5 && culprits.length < 10) {
          culprits.push(`${n.tagName.toLowerCase()}${n.id ? '#' + n.id : ''}${n.className ? '.' + String(n.className).split(' ').join('.') : ''} right=${Math.round(r.right)}`);
        }
      }
    }
    return { scrollWidth: el.scrollWidth, innerWidth: window.innerWidth, culprits };
  });
}

/** A phone-sized screen (360 × 740 CSS pixels, touch). */
export const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** Fails when the page is wider than a 360 px phone screen, naming what sticks out. */
export async function fitsTheScreen(page, label) {
  const o = await horizontalOverflow(page);
  assert.ok(o.scrollWidth <= 360, `${label}: the page is ${o.scrollWidth}px wide on a 360px screen; too wide: ${o.culprits.join(', ')}`);
}

/** A name nobody else has: letters only after the prefix, so search and display agree. */
export function uniqueName(prefix) {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let s = '';
  for (let i = 0; i < 8; i++) s += letters[Math.floor(Math.random() * letters.length)];
  return `${prefix} ${s[0].toUpperCase()}${s.slice(1)}`;
}

/** The text of each data row of the list's table (cells joined by " | "). */
export async function listRows(page) {
  return page.locator('#results table tbody tr').evaluateAll((rows) =>
    rows.map((r) => Array.from(r.children, (c) => c.textContent.trim()).join(' | ')),
  );
}

/** The hrefs of links in the list's first column. */
export async function listLinks(page) {
  return page.locator('#results table tbody tr > th a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
}

/**
 * The main menu: a `<details>` disclosure behind "Menu" on a phone, open on a wider screen.
 * Opens it when it is closed and returns the `<nav>`.
 */
export async function openMenu(page) {
  const nav = page.locator('nav.main-nav');
  const details = nav.locator('details.nav-toggle');
  if (!(await details.evaluate((d) => d.open))) {
    await nav.locator('summary').click();
    await eventually('the menu opens', () => details.evaluate((d) => d.open), (open) => open === true);
  }
  return nav;
}

/** Follows the menu link named `name` (opening the menu first on a phone); waits for the page. */
export async function followMenu(page, name, options = {}) {
  const nav = await openMenu(page);
  await Promise.all([page.waitForEvent('load'), nav.getByRole('link', { name, ...options }).click()]);
}
