// Journey: recruitment. A coordinator creates a posting from a role; the
// public applies on the job page with a PDF attachment; the coordinator screens the
// application and schedules an interview with a panel of two (the coordinator and the
// administrator); both score, each seeing the other's scores only after saving their own; the
// applicant is hired with an edited letter that lands in the outbox; a second applicant is
// rejected with the rejection letter. Every page is checked with axe.

import assert from 'node:assert/strict';

import {
  eventually,
  expectAccessible,
  expectH1,
  fitsTheScreen,
  journey,
  login,
  pathOf,
  PHONE,
  switchLanguage,
  uniqueName,
  useHarness,
  visit,
} from '../../lib/journeys.mjs';
import { apply, press, score } from '../../lib/workforce.mjs';

const h = useHarness();

journey(h, 'recruitment: posting, public application with a PDF, interview panel, hiring and rejection letters', async ({ open }) => {
  const coord = await open();
  await login(coord, 'koordinator@soby.example');

  // A new open posting from the first role.
  await visit(coord, '/postings');
  await expectH1(coord, 'Rekruttering');
  await expectAccessible(coord, 'postings (da)');
  await Promise.all([coord.waitForURL('**/postings/new'), coord.getByRole('link', { name: 'Nyt opslag' }).click()]);
  await expectAccessible(coord, 'new posting form');
  const intro = `E2E opslag ${uniqueName('Rekruttering')}`;
  await coord.fill('#f-intro', intro);
  await coord.fill('#f-place', 'Sundhedshuset, Søby');
  await coord.selectOption('#f-status', 'open');
  await Promise.all([coord.waitForURL((u) => /^\/postings\/[0-9a-f-]{36}$/.test(u.pathname)), coord.getByRole('button', { name: 'Gem' }).click()]);
  const postingPath = pathOf(coord);
  assert.ok((await coord.locator('main').textContent()).includes(intro));
  await expectAccessible(coord, 'posting (da)');
  const publicPath = await coord.locator('main a[href^="/jobs/"]').first().getAttribute('href');
  const jobsPath = publicPath.split('/').slice(0, 3).join('/');

  // The public: the job page lists it; two people apply, the first with a PDF.
  const pub = await open();
  await visit(pub, jobsPath);
  await expectAccessible(pub, 'job page');
  assert.ok(await pub.locator(`main a[href="${publicPath}"]`).count(), 'the job page links the posting');
  // On a 360 px phone the job page and the form fit the screen.
  const phone = await open(PHONE);
  for (const path of [jobsPath, publicPath]) {
    await visit(phone, path);
    await fitsTheScreen(phone, path);
  }
  const first = uniqueName('E2E Ansøger');
  const second = uniqueName('E2E Afvist');
  await apply(pub, publicPath, first, 'e2e.hired@example.org', true);
  await apply(pub, publicPath, second, 'e2e.rejected@example.org', false);

  // The coordinator finds both; the first has its attachment.
  await visit(coord, postingPath);
  await Promise.all([coord.waitForURL('**/applications/**'), coord.getByRole('link', { name: first }).click()]);
  const appPath = pathOf(coord);
  await expectH1(coord, first);
  assert.ok(await coord.locator('main a[href^="/attachments/"]').count(), 'the attachment is listed');
  assert.match(await coord.locator('main').textContent(), /ansoegning\.pdf/);
  await expectAccessible(coord, 'application (received)');

  // Screening, then interview: each move in the history with who.
  for (const stage of ['screening', 'interview']) {
    await coord.selectOption('#f-stage', stage);
    await press(coord, 'Flyt');
    assert.equal(pathOf(coord), appPath);
  }
  const history = await coord.locator('main table').first().textContent();
  assert.match(history, /Screening/);
  assert.match(history, /Samtale/);

  // Schedule the interview with the coordinator and the administrator.
  const soon = new Date(Date.now() + 3 * 86400_000).toISOString().slice(0, 10);
  await coord.fill('#f-date', soon);
  await coord.fill('#f-time', '10:00');
  await coord.fill('#f-place', 'Mødelokale 2');
  await coord.locator('fieldset', { hasText: 'Panel' }).getByLabel(/\(Koordinator\)/).first().check();
  await coord.locator('fieldset', { hasText: 'Panel' }).getByLabel(/\(Administrator\)/).first().check();
  await press(coord, 'Planlæg');
  assert.equal(pathOf(coord), appPath);
  await expectAccessible(coord, 'application with an interview');
  assert.match(await coord.locator('main').textContent(), /De andres point vises, når du har gemt dine egne/);

  // The coordinator scores first, and sees only their own column.
  await score(coord, '4');
  await visit(coord, appPath);
  assert.equal(await coord.locator('main table caption', { hasText: 'Panelets point' }).count(), 1);

  // The administrator scores; then both columns, the mean and the chart are shown.
  const admin = await open();
  await login(admin, 'admin@soby.example');
  await visit(admin, appPath);
  assert.match(await admin.locator('main').textContent(), /De andres point vises/);
  await expectAccessible(admin, 'application as a panel member before scoring');
  await score(admin, '5');
  await visit(admin, appPath);
  const table = admin.locator('main table', { has: admin.locator('caption', { hasText: 'Panelets point' }) });
  assert.equal(await table.locator('thead th').count(), 4, 'competence, two interviewers, mean');
  assert.match(await table.textContent(), /4,5/);
  assert.equal(await admin.locator('main figure svg[role=img] title').count(), 1, 'the chart has a title');
  await expectAccessible(admin, 'application with the panel scores');
  await switchLanguage(admin, 'en');
  await expectAccessible(admin, 'application (en)');
  assert.match(await admin.locator('main').textContent(), /Listening and putting others in focus/);

  const adminPhone = await open(PHONE);
  await login(adminPhone, 'admin@soby.example');
  await visit(adminPhone, appPath);
  await fitsTheScreen(adminPhone, 'application with scores');

  // Hire with an edited letter; it is in the outbox; the peer worker exists.
  await visit(coord, appPath);
  await Promise.all([coord.waitForURL('**/decide?decision=hired'), coord.getByRole('link', { name: 'Ansæt' }).click()]);
  await expectAccessible(coord, 'decision with the hiring letter');
  const body = await coord.inputValue('#f-body');
  assert.ok(body.includes(first) && body.includes('Søby Kommune'), 'the letter is merged');
  await coord.fill('#f-body', `${body}\n\nPS: Vi glæder os til at se dig.`);
  await press(coord, 'Træf afgørelse og send brevet');
  assert.equal(pathOf(coord), `${appPath}/letter`);
  assert.match(await coord.locator('main').textContent(), /PS: Vi glæder os til at se dig\./);
  await expectAccessible(coord, 'printable hiring letter');
  await visit(coord, appPath);
  assert.match(await coord.locator('main').textContent(), /Ansat/);
  assert.ok(await coord.locator('main a[href^="/peer-workers/"]').count(), 'links the new peer worker');

  // The second applicant: rejected with the rejection letter.
  await visit(coord, postingPath);
  await Promise.all([coord.waitForURL('**/applications/**'), coord.getByRole('link', { name: second }).click()]);
  await Promise.all([coord.waitForURL('**/decide?decision=rejected'), coord.getByRole('link', { name: 'Giv afslag' }).click()]);
  assert.ok((await coord.inputValue('#f-body')).includes(second));
  await press(coord, 'Træf afgørelse og send brevet');
  await expectAccessible(coord, 'printable rejection letter');

  // Both letters are in the outbox.
  await visit(coord, '/outbox');
  await expectAccessible(coord, 'outbox');
  const outbox = await eventually('the outbox', () => coord.locator('main table').textContent(), (t) => t.includes('Ansættelse som'));
  assert.match(outbox, /Brev om ansættelse/);
  assert.match(outbox, /Din ansøgning som/);
  assert.match(outbox, /e2e\.rejected@example\.org/);

  // The retention setting, as the administrator.
  await visit(admin, '/recruitment/settings');
  await expectAccessible(admin, 'retention setting (en)');
});
