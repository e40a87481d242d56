// Debian's Chromium driven by playwright-core: Playwright never downloads a browser here.
//
// `chromium.launch` gives every browser a fresh temporary profile (user-data-dir) of its own
// and removes it when the browser closes.

import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.SAMMEN_E2E_CHROMIUM || '/usr/bin/chromium';
export const RESULTS = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'test-results');

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
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.problems = problems;
  return page;
}

function slug(s) {
  return s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 120) || 'page';
}

/**
 * Runs `fn(t)` as a test body and, when it throws, saves a full-page screenshot of every
 * open page into e2e/test-results/ before passing the failure on.
 */
export async function withScreenshots(t, pages, fn) {
  try {
    return await fn();
  } catch (e) {
    mkdirSync(RESULTS, { recursive: true });
    let i = 0;
    for (const page of pages()) {
      if (!page || page.isClosed()) continue;
      const file = join(RESULTS, `${slug(t.fullName ?? t.name)}-${i++}-${Date.now()}.png`);
      try {
        await page.screenshot({ path: file, fullPage: true, timeout: 10_000 });
        t.diagnostic(`screenshot of ${page.url()}: ${file}`);
      } catch (err) {
        console.error(`could not take a screenshot of ${page.url()}: ${err.message}`);
      }
    }
    throw e;
  }
}
