// Journey: the whole way of a new peer worker into the organisation, from posting to the
// workforce overview. A coordinator posts a role; a person applies on the public job page with
// a PDF; the application is screened and an interview held with two interviewers who score it;
// the person is hired with a letter, which makes them a peer worker; their onboarding checklist
// is worked through; they complete the introduction course and hold a valid certificate; their
// first professional supervision session is held, and its note stays between supervisor and
// supervisee. A second applicant is rejected with the rejection letter. Every page is checked
// with axe; the workforce overview counts the new peer worker.

import assert from 'node:assert/strict';

import { eventually, expectAccessible, expectH1, journey, login, pathOf, uniqueName, useHarness, visit } from '../../lib/journeys.mjs';
import { apply, press, score } from '../../lib/workforce.mjs';

const h = useHarness();
const NOTE = 'Fortroligt: at gå fra patient til medarbejder';

journey(h, 'workforce: posting to hiring, onboarding, training and first supervision; and a rejection', async ({ open }) => {
  const coord = await open();
  await login(coord, 'koordinator@soby.example');

  // 1. A posting, open to the public.
  await visit(coord, '/postings/new');
  const intro = `E2E forløb ${uniqueName('Opslag')}`;
  await coord.fill('#f-intro', intro);
  await coord.fill('#f-place', 'Sundhedshuset, Søby');
  await coord.selectOption('#f-status', 'open');
  await Promise.all([coord.waitForURL((u) => /^\/postings\/[0-9a-f-]{36}$/.test(u.pathname)), coord.getByRole('button', { name: 'Gem' }).click()]);
  const postingPath = pathOf(coord);
  const publicPath = await coord.locator('main a[href^="/jobs/"]').first().getAttribute('href');

  // 2. Two people apply with no account, the first with a PDF.
  const pub = await open();
  const hired = uniqueName('E2E Ny Peer');
  const rejected = uniqueName('E2E Ikke Valgt');
  await apply(pub, publicPath, hired, 'e2e.ny.peer@example.org', true);
  await apply(pub, publicPath, rejected, 'e2e.ikke.valgt@example.org', false);

  // 3. Screening and interview, each move recorded.
  await visit(coord, postingPath);
  await Promise.all([coord.waitForURL('**/applications/**'), coord.getByRole('link', { name: hired }).click()]);
  const appPath = pathOf(coord);
  for (const stage of ['screening', 'interview']) {
    await coord.selectOption('#f-stage', stage);
    await press(coord, 'Flyt');
  }
  const soon = new Date(Date.now() + 2 * 86400_000).toISOString().slice(0, 10);
  await coord.fill('#f-date', soon);
  await coord.fill('#f-time', '13:00');
  await coord.fill('#f-place', 'Mødelokale 1');
  await coord.locator('fieldset', { hasText: 'Panel' }).getByLabel(/\(Koordinator\)/).first().check();
  await coord.locator('fieldset', { hasText: 'Panel' }).getByLabel(/\(Administrator\)/).first().check();
  await press(coord, 'Planlæg');
  await expectAccessible(coord, 'application with an interview planned');

  // 4. Two interviewers score the five competences; the panel is shown side by side.
  await score(coord, '4');
  const admin = await open();
  await login(admin, 'admin@soby.example');
  await visit(admin, appPath);
  await score(admin, '3');
  await visit(admin, appPath);
  const panel = admin.locator('main table', { has: admin.locator('caption', { hasText: 'Panelets point' }) });
  assert.equal(await panel.locator('thead th').count(), 4, 'competence, two interviewers, mean');
  assert.match(await panel.textContent(), /3,5/);
  await expectAccessible(admin, 'the panel scores side by side');

  // 5. Hiring, with the letter: the applicant becomes a peer worker.
  await visit(coord, appPath);
  await Promise.all([coord.waitForURL('**/decide?decision=hired'), coord.getByRole('link', { name: 'Ansæt' }).click()]);
  const letter = await coord.inputValue('#f-body');
  assert.ok(letter.includes(hired) && letter.includes('Søby Kommune'), 'the hiring letter is merged with the applicant and the organisation');
  await press(coord, 'Træf afgørelse og send brevet');
  await expectAccessible(coord, 'the hiring letter');
  await visit(coord, appPath);
  const peerPath = await coord.locator('main a[href^="/peer-workers/"]').first().getAttribute('href');
  const peerId = peerPath.split('/').pop();
  await visit(coord, peerPath);
  await expectH1(coord, hired);

  // 6. Onboarding: the role's checklist, every item done.
  await Promise.all([coord.waitForURL('**/onboarding'), coord.getByRole('link', { name: 'Introduktionsforløb' }).click()]);
  await Promise.all([coord.waitForLoadState('load'), coord.getByRole('button', { name: 'Start introduktionsforløb' }).click()]);
  await eventually('the checklist', () => coord.locator('#progress-text').textContent(), (t) => /0 af 4/.test(t ?? ''));
  for (let i = 0; i < 4; i += 1) {
    const row = coord.locator('main tbody tr').nth(i);
    await row.locator('input[name=done]').check();
    await Promise.all([coord.waitForLoadState('load'), row.getByRole('button').click()]);
    if (i < 3) {
      await eventually('the checklist', () => coord.locator('#progress-text').textContent(), (t) => new RegExp(`${i + 1} af 4`).test(t ?? ''));
    }
  }
  // The last item done completes the onboarding: it moves to the earlier ones, completed.
  await eventually('the completed onboarding', () => coord.locator('main').textContent(), (t) => /4 af 4 punkter gjort · afsluttet/.test(t ?? ''));
  await expectAccessible(coord, 'onboarding done');

  // 7. Training: a cohort of the introduction course, attendance and completion; a valid certificate.
  await visit(coord, '/training');
  await Promise.all([
    coord.waitForURL('**/training/courses/*'),
    coord.locator('main h2 a', { hasText: 'Introduktionskursus til peerstøtte' }).click(),
  ]);
  await coord.fill('#f-place', 'Kursuslokalet');
  await coord.fill('#f-trainer', 'Lene Holm');
  await coord.fill('#f-date_0', '2026-10-12');
  await coord.fill('#f-time_0', '09:00');
  await Promise.all([coord.waitForURL((u) => u.pathname.startsWith('/cohorts/')), coord.getByRole('button', { name: 'Opret hold' }).click()]);
  await coord.selectOption('#f-peer_id', { label: hired });
  await Promise.all([coord.waitForLoadState('load'), coord.getByRole('button', { name: 'Tilmeld en peer-medarbejder' }).click()]);
  const enrolled = coord.locator('main table tbody tr', { hasText: hired });
  await eventually('the enrolment', () => enrolled.count(), (n) => n === 1);
  await enrolled.locator('input[name=present]').first().check();
  await Promise.all([coord.waitForLoadState('load'), coord.getByRole('button', { name: 'Gem fremmøde' }).click()]);
  const card = coord.locator('main li.card', { hasText: hired });
  await card.locator('select[name=outcome]').selectOption('completed');
  await Promise.all([coord.waitForLoadState('load'), card.getByRole('button').click()]);
  await eventually('the completion', () => coord.locator('main li.card', { hasText: hired }).textContent(), (t) => /Gennemført/.test(t ?? ''));
  await visit(coord, `${peerPath}/training`);
  const cert = coord.locator('main table tbody tr', { hasText: 'Introduktionskursus til peerstøtte' }).first();
  assert.match(await cert.textContent(), /Gyldigt/);
  await expectAccessible(coord, 'training record with the certificate');

  // 8. The first professional supervision: a supervisor assigned, a session planned and held.
  await visit(coord, `/peer-workers/${peerId}/supervision`);
  const options = await coord.locator('#f-supervisor option').evaluateAll((os) => os.map((o) => [o.value, o.textContent]));
  const sup = options.find(([, text]) => text.endsWith('(Supervisor)'));
  assert.ok(sup, `a supervisor to choose: ${JSON.stringify(options)}`);
  await coord.selectOption('#f-kind', 'professional');
  await coord.selectOption('#f-supervisor', sup[0]);
  await Promise.all([coord.waitForEvent('load'), coord.locator('main form button[type=submit]').click()]);
  await visit(coord, '/supervision/sessions/new');
  await coord.selectOption('#f-kind', 'professional');
  await coord.selectOption('#f-format', 'individual');
  // Two days ago: a session is marked held only once it has begun.
  const recent = new Date(Date.now() - 2 * 86400_000).toISOString().slice(0, 10);
  await coord.fill('#f-date', recent);
  await coord.fill('#f-time', '10:00');
  await coord.fill('#f-duration_minutes', '60');
  await coord.selectOption('#f-supervisor', sup[0]);
  await coord.check(`#f-invited-${peerId}`);
  await Promise.all([coord.waitForEvent('load'), coord.locator('main form button[type=submit]').click()]);
  const sessionPath = pathOf(coord);
  assert.match(sessionPath, /^\/supervision\/sessions\/[0-9a-f-]{36}$/);
  const supervisor = await open();
  await login(supervisor, 'supervisor@soby.example');
  await visit(supervisor, sessionPath);
  await supervisor.selectOption('#f-status', 'held');
  await supervisor.check(`#f-attended-${peerId}`);
  await supervisor.check('#f-topics-patient_to_employee');
  await supervisor.fill('#f-note', NOTE);
  await Promise.all([supervisor.waitForEvent('load'), supervisor.locator('main form button[type=submit]').click()]);
  await expectAccessible(supervisor, 'the first supervision session, with its note');
  await visit(coord, sessionPath);
  const seen = await coord.locator('main').textContent();
  assert.ok(!seen.includes(NOTE), 'the confidential note never reaches the manager');
  assert.ok(seen.includes('Afholdt') && seen.includes('Notatet er fortroligt'), seen);

  // 9. The rejection, with its letter.
  await visit(coord, postingPath);
  await Promise.all([coord.waitForURL('**/applications/**'), coord.getByRole('link', { name: rejected }).click()]);
  await Promise.all([coord.waitForURL('**/decide?decision=rejected'), coord.getByRole('link', { name: 'Giv afslag' }).click()]);
  assert.ok((await coord.inputValue('#f-body')).includes(rejected), 'the rejection letter is merged');
  await press(coord, 'Træf afgørelse og send brevet');
  await expectAccessible(coord, 'the rejection letter');

  // The outbox holds the messages of the journey, and the overview counts the new peer worker.
  await visit(coord, '/outbox');
  const outbox = await eventually('the outbox', () => coord.locator('main table').textContent(), (t) => t.includes('e2e.ikke.valgt@example.org'));
  for (const kind of ['Ansøgning modtaget', 'Invitation til samtale', 'Brev om ansættelse', 'Afslag']) {
    assert.ok(outbox.includes(kind), `the outbox has a message of kind ${kind}`);
  }
  await visit(coord, '/workforce');
  await expectH1(coord, 'Medarbejderoverblik');
  await expectAccessible(coord, 'workforce overview');
  assert.ok((await coord.locator('main figure svg[role=img]').count()) >= 1, 'the overview draws its figures');
  // A Danish reader's CSV: a byte-order mark (the fetch API's text() drops it), `;` between fields.
  const bytes = await coord.evaluate(async () => Array.from(new Uint8Array(await (await fetch('/workforce/overview.csv')).arrayBuffer())));
  assert.deepEqual(bytes.slice(0, 3), [0xef, 0xbb, 0xbf], 'the CSV starts with a UTF-8 byte-order mark');
  const text = new TextDecoder().decode(new Uint8Array(bytes));
  assert.match(text, /^measure;group;label;value\r\n/);
  assert.match(text, /\r\nhead_count;all;;\d+\r\n/);
});
