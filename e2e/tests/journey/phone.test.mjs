// Journey b: a peer worker on a phone-sized screen sees the dashboard and their own caseload,
// with nothing to scroll sideways; the menu waits behind one "Menu" disclosure.

import assert from 'node:assert/strict';

import {
  expectAccessible,
  eventually,
  expectH1,
  fitsTheScreen,
  h1,
  journey,
  openMenu,
  PHONE,
  listRows,
  login,
  useHarness,
  visit,
} from '../../lib/journeys.mjs';

const h = useHarness();

journey(h, 'peer worker on a phone: dashboard and own caseload', async ({ open }) => {
  const page = await open(PHONE);
  await visit(page, '/login');
  assert.equal(await page.evaluate(() => window.innerWidth), 360, 'the page sets a device-width viewport');
  await fitsTheScreen(page, 'login');
  await expectAccessible(page, 'login on a phone');

  await login(page, 'peer@soby.example');
  await expectH1(page, 'Overblik');
  await fitsTheScreen(page, 'dashboard');
  await expectAccessible(page, 'dashboard on a phone');
  // The menu is collapsed behind "Menu", so the page's heading is on the first screen.
  const nav = page.getByRole('navigation', { name: 'Menu' });
  const toggle = nav.locator('summary');
  assert.equal((await toggle.textContent()).trim(), 'Menu');
  assert.ok(await toggle.isVisible(), 'the Menu toggle shows on a phone');
  assert.equal(await nav.locator('details').evaluate((d) => d.open), false, 'the menu starts closed on a phone');
  assert.equal(await nav.getByRole('link').count(), 0, 'no menu link is shown before the menu is opened');
  const heading = await page.locator('main h1').boundingBox();
  assert.ok(heading && heading.y + heading.height <= 740, `the heading is on the first screen: ${JSON.stringify(heading)}`);
  await expectAccessible(page, 'dashboard on a phone, menu closed');

  // Opened, it lists the peer worker's areas; a peer worker does not manage organisations,
  // staff or the audit log.
  await openMenu(page);
  assert.ok(await nav.getByRole('link', { name: 'Deltagere' }).isVisible(), 'the links show once the menu is open');
  const names = await nav.locator('.menu-heading').allTextContents();
  assert.deepEqual(names, ['Forløb', 'Personer', 'Måling', 'Personale', 'Organisation', 'Adgang'], `areas: ${names}`);
  const menu = await nav.getByRole('link').allTextContents();
  assert.ok(menu.includes('Deltagere') && menu.includes('Mine forløb'), `menu: ${menu}`);
  for (const hidden of ['Organisationer', 'Medarbejdere', 'Aktivitetslog', 'Peer-medarbejdere']) {
    assert.ok(!menu.includes(hidden), `a peer worker's menu has no ${hidden}: ${menu}`);
  }
  assert.equal(await nav.getByRole('list', { name: 'Personer' }).getByRole('link').count(), 1, 'labelled lists per area');
  await fitsTheScreen(page, 'dashboard, menu open');
  await expectAccessible(page, 'dashboard on a phone, menu open');

  // Mine forløb through the menu: today's work before the caseload, the calendar last.
  await Promise.all([page.waitForURL('**/my'), nav.getByRole('link', { name: 'Mine forløb' }).click()]);
  assert.equal(await h1(page), 'Mine forløb');
  const sections = await page.locator('main h2').allTextContents();
  const at = (name) => sections.indexOf(name);
  assert.ok(at('I dag') >= 0 && at('I dag') < at('Deltagere') && at('Deltagere') < at('Kalender'), `sections of /my: ${sections}`);
  await fitsTheScreen(page, 'my page');
  await expectAccessible(page, 'my page on a phone');

  await openMenu(page);
  await Promise.all([page.waitForURL('**/participants'), nav.getByRole('link', { name: 'Deltagere' }).click()]);
  await expectH1(page, 'Deltagere');
  await fitsTheScreen(page, 'participants');
  await expectAccessible(page, 'participants on a phone');
  // Only their caseload: every row names the same (their) peer worker, and they cannot add.
  const rows = await listRows(page);
  assert.ok(rows.length > 0, 'the peer worker has a caseload in the demo data');
  const peers = new Set(rows.map((r) => r.split(' | ')[4]));
  assert.equal(peers.size, 1, `all rows belong to one peer worker: ${[...peers]}`);
  assert.ok([...peers][0].length > 0);
  const status = await page.locator('#results [role=status]').textContent();
  const total = Number(status.match(/\d+/)?.[0]);
  assert.ok(total === rows.length || rows.length === 25, `total ${total} vs ${rows.length} rows`);
  assert.ok(total < 500 / 6, `a caseload, not the organisation's ${total} participants`);
  assert.equal(await page.getByRole('link', { name: 'Ny deltager' }).count(), 0);

  // One of them, in detail.
  await Promise.all([page.waitForURL((u) => /^\/participants\/[0-9a-f-]{36}$/.test(u.pathname)), page.locator('#results tbody tr th a').first().click()]);
  await fitsTheScreen(page, 'participant detail');
  await expectAccessible(page, 'participant detail on a phone');
  await visit(page, '/participants/new', 403);
  await fitsTheScreen(page, 'forbidden page');
  await expectAccessible(page, 'forbidden page on a phone');
});

journey(h, 'the menu is open on a wide screen and folds behind "Menu" on a phone', async ({ open }) => {
  const page = await open();
  await login(page, 'koordinator@soby.example');
  const nav = page.getByRole('navigation', { name: 'Menu' });
  assert.equal(await nav.locator('details').evaluate((d) => d.open), true, 'open on a wide screen');
  assert.ok(!(await nav.locator('summary').isVisible()), 'no toggle on a wide screen');
  assert.ok(await nav.getByRole('link', { name: 'Henvisninger' }).isVisible());
  await expectAccessible(page, 'dashboard, wide menu');

  await page.setViewportSize({ width: 360, height: 740 });
  await eventually('the menu folds', () => nav.locator('details').evaluate((d) => d.open), (o) => o === false);
  assert.ok(await nav.locator('summary').isVisible(), 'the toggle shows on a phone');
  const heading = await page.locator('main h1').boundingBox();
  assert.ok(heading && heading.y + heading.height <= 740, `the heading is on the first screen: ${JSON.stringify(heading)}`);
  // Each area's first link opens, through the folded menu.
  for (const [area, link, path] of [['Forløb', 'Henvisninger', '/referrals'], ['Måling', 'Rapporter', '/reports'], ['Personale', 'Medarbejderoverblik', '/workforce']]) {
    await openMenu(page);
    const list = nav.getByRole('list', { name: area });
    await Promise.all([page.waitForURL(`**${path}`), list.getByRole('link', { name: link }).click()]);
    assert.equal(await nav.locator('details').evaluate((d) => d.open), false, `${path}: the menu starts folded again`);
    assert.equal(await nav.locator(`a[href="${path}"]`).getAttribute('aria-current'), 'page');
    await fitsTheScreen(page, path);
  }
  await expectAccessible(page, 'workforce overview on a phone');
});
