// Journey a: a coordinator logs in (Danish UI), creates a participant, finds them again with
// the live search and with the plain form, switches to English, and logs out.

import assert from 'node:assert/strict';

import {
  eventually,
  expectAccessible,
  expectH1,
  journey,
  lang,
  listRows,
  login,
  pathOf,
  switchLanguage,
  uniqueName,
  useHarness,
  visit,
} from '../../lib/journeys.mjs';

const h = useHarness();

journey(h, 'coordinator: create, find, switch language, log out', async ({ open }) => {
  const page = await open();

  // Log in; the UI is Danish although the browser asks for English.
  const first = await visit(page, '/login');
  assert.match(first.headers()['content-security-policy'] ?? '', /script-src 'self'/, 'pages forbid foreign scripts');
  assert.equal(await lang(page), 'da');
  await expectH1(page, 'Log ind');
  await expectAccessible(page, 'login (da)');
  await login(page, 'koordinator@soby.example');
  await expectH1(page, 'Overblik');
  await expectAccessible(page, 'dashboard (da)');

  // The participant list, through the menu.
  await Promise.all([page.waitForURL('**/participants'), page.getByRole('navigation').getByRole('link', { name: 'Deltagere' }).click()]);
  await expectH1(page, 'Deltagere');
  await expectAccessible(page, 'participants (da)');

  // A new participant.
  const name = uniqueName('E2E Koordinator');
  await Promise.all([page.waitForURL('**/participants/new'), page.getByRole('link', { name: 'Ny deltager' }).click()]);
  await expectH1(page, 'Ny deltager');
  await expectAccessible(page, 'new participant form (da)');
  await page.fill('#f-name', name);
  await page.selectOption('#f-status', 'active');
  await page.fill('#f-birth_year', '1988');
  await page.fill('#f-languages', 'da, en');
  await page.fill('#f-phone', '+45 20 30 40 50');
  await page.fill('#f-email', 'e2e.koordinator@example.org');
  await Promise.all([
    page.waitForURL((u) => /^\/participants\/[0-9a-f-]{36}$/.test(u.pathname)),
    page.getByRole('button', { name: 'Gem' }).click(),
  ]);
  await expectH1(page, name);
  const detail = pathOf(page);
  const facts = await page.locator('dl.facts').textContent();
  assert.match(facts, /e2e\.koordinator@example\.org/);
  assert.match(facts, /1988/);
  await expectAccessible(page, 'participant detail (da)');

  // Back to the list, and find them with the live search: htmx swaps #results in place.
  await Promise.all([page.waitForURL('**/participants'), page.getByRole('link', { name: /Tilbage/ }).click()]);
  await expectH1(page, 'Deltagere');
  const before = await listRows(page);
  assert.ok(before.length > 1, 'the list shows the organisation’s participants');
  const marker = await page.evaluate(() => {
    const el = document.getElementById('results');
    el.dataset.e2eOld = 'yes';
    return el.dataset.e2eOld;
  });
  assert.equal(marker, 'yes');
  const word = name.split(' ').pop();
  const swapped = page.waitForResponse(
    (r) => new URL(r.url()).pathname === '/participants' && r.request().headers()['hx-request'] === 'true' && r.url().includes(word.toLowerCase()),
  );
  await page.locator('#q').pressSequentially(word.toLowerCase(), { delay: 20 });
  const res = await swapped;
  assert.equal(res.status(), 200);
  await eventually(
    'rows after the live search',
    () => listRows(page),
    (rows) => rows.length === 1 && rows[0].includes(name),
  );
  // It was swapped, not reloaded: the old element is gone but the page is the same document.
  assert.equal(await page.evaluate(() => document.getElementById('results').dataset.e2eOld ?? null), null);
  assert.equal(await page.locator('#q').inputValue(), word.toLowerCase());
  await eventually('pushed URL', () => page.url(), (u) => new URL(u).searchParams.get('q') === word.toLowerCase());
  await expectAccessible(page, 'participants after live search (da)');

  // And with the plain form (no script needed): a full page load with ?q=.
  await visit(page, '/participants');
  assert.ok((await listRows(page)).length > 1);
  await page.locator('#q').fill(name);
  // A full page load (not the live search's in-place swap, which pushes a URL too).
  await Promise.all([page.waitForEvent('load'), page.locator('form[role=search]').getByRole('button', { name: 'Søg' }).click()]);
  const searched = new URL(page.url());
  assert.equal(searched.pathname, '/participants');
  assert.equal(searched.searchParams.get('q'), name);
  await eventually('rows after the search form', () => listRows(page), (rows) => rows.length === 1 && rows[0].includes(name));
  assert.equal(await page.locator('#q').inputValue(), name);
  await expectAccessible(page, 'participants after search form (da)');
  const link = page.locator('#results table tbody tr th a').first();
  assert.equal(await link.getAttribute('href'), detail);

  // English: the text changes, and the choice is remembered across pages and page loads.
  await switchLanguage(page, 'en');
  assert.equal(pathOf(page), '/participants');
  await expectH1(page, 'Participants');
  assert.ok(await page.getByRole('link', { name: 'New participant' }).isVisible());
  assert.ok(await page.locator('form[role=search]').getByRole('button', { name: 'Search' }).isVisible());
  await expectAccessible(page, 'participants (en)');
  await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.getByRole('navigation').getByRole('link', { name: /^Overview( \d+ .*)?$/ }).click()]);
  await expectH1(page, 'Overview');
  assert.equal(await lang(page), 'en');
  await expectAccessible(page, 'dashboard (en)');
  await visit(page, detail);
  await expectH1(page, name);
  assert.ok(await page.getByRole('link', { name: /Back/ }).isVisible());
  await expectAccessible(page, 'participant detail (en)');
  // A new page in the same browser: the cookie carries the choice.
  const again = await page.context().newPage();
  await again.goto('/participants/new');
  await expectH1(again, 'New participant');
  assert.equal(await lang(again), 'en');
  await again.close();
  await page.reload();
  await expectH1(page, name);
  assert.equal(await lang(page), 'en');

  // Log out: back on the login page, and the list is closed to us again.
  await Promise.all([page.waitForURL('**/login'), page.getByRole('button', { name: 'Log out' }).click()]);
  await expectH1(page, 'Log in');
  assert.equal(await lang(page), 'en');
  await expectAccessible(page, 'login after logout (en)');
  const res2 = await page.goto('/participants');
  assert.equal(pathOf(page), '/login', 'the participant list redirects to the login page');
  assert.equal(res2.status(), 200);
  await expectH1(page, 'Log in');

  // Back to Danish, from the login page.
  await switchLanguage(page, 'da');
  await expectH1(page, 'Log ind');
});
