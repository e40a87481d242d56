// Debian's Chromium driven by playwright-core: Playwright never downloads a browser here.
//
// `chromium.launch` gives every browser a fresh temporary profile (user-data-dir) of its own
// and removes it when the browser closes.

import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.SAMMEN_E2E_CHROMIUM || '/usr/bin/chromium';
/** Where screenshots of failures go: SAMMEN_E2E_RESULTS, else e2e/test-results/. */
export const RESULTS = process.env.SAMMEN_E2E_RESULTS
  ? resolve(process.env.SAMMEN_E2E_RESULTS)
  : resolve(dirname(fileURLToPath(import.meta.url)), '..', 'test-results');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
}

/**
 * A new context (its own cookies) and page. The language is left to the server: the UI is
 * Danish until the switch is used, whatever the browser prefers.
 */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // A failed load is reported below, with its URL; pages answered 4xx on purpose are fine.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console error: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && r.request().resourceType() !== 'document') {
      problems.push(`${r.request().method()} ${r.url()} (${r.request().resourceType()}) answered ${r.status()}`);
    }
  });
  page.on('requestfailed', (r) => {
    // A navigation cancels what the page still loads (net::ERR_ABORTED): not a fault.
    if (r.resourceType() !== 'document' && r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`${r.method()} ${r.url()} failed: ${r.failure()?.errorText}`);
  });
  page.problems = problems;
  return page;
}

function slug(s) {
  return s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 120) || 'page';
}

/** Saves a full-page screenshot into e2e/test-results/ and names it in the test's output. */
export async function screenshot(t, page, tag = '') {
  if (!page || page.isClosed()) return null;
  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, `${slug(`${t.fullName ?? t.name}${tag ? '-' + tag : ''}`)}-${Date.now()}.png`);
  try {
    await page.screenshot({ path: file, fullPage: true, timeout: 10_000 });
    t.diagnostic(`screenshot of ${page.url()}: ${file}`);
    return file;
  } catch (err) {
    t.diagnostic(`could not take a screenshot of ${page.url()}: ${err.message}`);
    return null;
  }
}

/**
 * Runs `fn()` as a test body and, when it throws, saves a full-page screenshot of every
 * open page into e2e/test-results/ before passing the failure on.
 */
export async function withScreenshots(t, pages, fn) {
  try {
    return await fn();
  } catch (e) {
    let i = 0;
    for (const page of pages()) await screenshot(t, page, String(i++));
    throw e;
  }
}
