// Journey b: a peer worker on a phone-sized screen sees the dashboard and their own caseload,
// with nothing to scroll sideways.

import assert from 'node:assert/strict';

import {
  expectAccessible,
  expectH1,
  fitsTheScreen,
  journey,
  PHONE,
  listRows,
  login,
  useHarness,
  visit,
} from '../lib/journeys.mjs';

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
  // A peer worker does not manage organisations, staff or the audit log.
  const nav = await page.getByRole('navigation').getByRole('link').allTextContents();
  assert.ok(nav.includes('Deltagere'), `menu: ${nav}`);
  for (const hidden of ['Organisationer', 'Medarbejdere', 'Aktivitetslog', 'Peer-medarbejdere']) {
    assert.ok(!nav.includes(hidden), `a peer worker's menu has no ${hidden}: ${nav}`);
  }

  await Promise.all([page.waitForURL('**/participants'), page.getByRole('navigation').getByRole('link', { name: 'Deltagere' }).click()]);
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
