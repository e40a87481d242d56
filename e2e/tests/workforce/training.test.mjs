// Journey: onboarding and training. A coordinator adds a peer worker, starts their
// onboarding and ticks the checklist, plans a cohort of the introduction course, enrols the
// peer, records attendance and completion, and the peer's training record shows a valid
// certificate, also on a phone. Axe on every page.

import assert from 'node:assert/strict';

import {
  eventually,
  expectAccessible,
  expectH1,
  fitsTheScreen,
  journey,
  login,
  PHONE,
  pathOf,
  uniqueName,
  useHarness,
  visit,
} from '../../lib/journeys.mjs';

const h = useHarness();
const ID = /^\/[a-z-]+\/[0-9a-f-]{36}$/;

journey(h, 'coordinator: onboarding checklist, cohort, attendance, completion and a valid certificate', async ({ open }) => {
  const page = await open();
  await login(page, 'koordinator@soby.example');

  // A new peer worker.
  const name = uniqueName('E2E Peer');
  await visit(page, '/peer-workers/new');
  await page.fill('#f-display_name', name);
  await page.selectOption('#f-engagement', 'volunteer');
  await page.selectOption('#f-status', 'active');
  await page.fill('#f-languages', 'da');
  await page.check('#f-modes-phone');
  await Promise.all([page.waitForURL((u) => ID.test(u.pathname)), page.getByRole('button', { name: 'Gem' }).click()]);
  const peer = pathOf(page);
  await expectH1(page, name);

  // Onboarding: started from the peer's page with a role, then the checklist ticked.
  await Promise.all([page.waitForURL('**/onboarding'), page.getByRole('link', { name: 'Introduktionsforløb' }).click()]);
  await expectH1(page, `Introduktionsforløb: ${name}`);
  await expectAccessible(page, 'onboarding, not started');
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Start introduktionsforløb' }).click()]);
  await eventually('the progress', () => page.locator('#progress-text').textContent(), (t) => /0 af 4/.test(t ?? ''));
  assert.equal(await page.locator('progress.progress').getAttribute('max'), '4');
  await expectAccessible(page, 'onboarding in progress');
  for (let i = 0; i < 2; i += 1) {
    const row = page.locator('main tbody tr').nth(i);
    await row.locator('input[name=done]').check();
    await Promise.all([page.waitForLoadState('load'), row.getByRole('button').click()]);
    await eventually('the progress', () => page.locator('#progress-text').textContent(), (t) => new RegExp(`${i + 1} af 4`).test(t ?? ''));
  }
  assert.match(await page.locator('main tbody tr').first().textContent(), /Gjort af/);

  // The managers' overview lists it.
  await visit(page, '/onboardings');
  await expectAccessible(page, 'onboardings in progress');
  assert.ok((await page.locator('main table').textContent()).includes(name), 'the overview lists the new onboarding');

  // The catalogue and the introduction course; a new cohort with one meeting.
  await visit(page, '/training');
  await expectH1(page, 'Uddannelse');
  await expectAccessible(page, 'training catalogue');
  await Promise.all([
    page.waitForURL('**/training/courses/*'),
    page.locator('main h2 a', { hasText: 'Introduktionskursus til peerstøtte' }).click(),
  ]);
  await expectAccessible(page, 'training course');
  await page.fill('#f-place', 'E2E-lokalet');
  await page.fill('#f-trainer', 'Lene Holm');
  await page.fill('#f-date_0', '2026-10-05');
  await page.fill('#f-time_0', '17:00');
  await Promise.all([page.waitForURL((u) => u.pathname.startsWith('/cohorts/')), page.getByRole('button', { name: 'Opret hold' }).click()]);
  const cohort = pathOf(page);
  await expectAccessible(page, 'cohort, nobody enrolled');

  // Enrolment, attendance, completion.
  await page.selectOption('#f-peer_id', { label: name });
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Tilmeld en peer-medarbejder' }).click()]);
  const row = page.locator('main table tbody tr', { hasText: name });
  await eventually('the enrolment', () => row.count(), (n) => n === 1);
  await row.locator('input[name=present]').first().check();
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Gem fremmøde' }).click()]);
  await eventually('the attendance', () => page.locator('main table tbody tr', { hasText: name }).textContent(), (t) => /1 af 1/.test(t ?? ''));
  const card = page.locator('main li.card', { hasText: name });
  await card.locator('select[name=outcome]').selectOption('completed');
  await Promise.all([page.waitForLoadState('load'), card.getByRole('button').click()]);
  await eventually('the outcome', () => page.locator('main li.card', { hasText: name }).textContent(), (t) => /Gennemført/.test(t ?? ''));
  await expectAccessible(page, 'cohort with attendance and completion');
  assert.equal(pathOf(page), cohort);

  // The training record: a valid certificate of the introduction course.
  await visit(page, `${peer}/training`);
  await expectH1(page, `Uddannelse: ${name}`);
  const cert = page.locator('section, main').locator('table tbody tr', { hasText: 'Introduktionskursus til peerstøtte' }).first();
  assert.match(await cert.textContent(), /Gyldigt/);
  await expectAccessible(page, 'training record');

  // The record on a phone.
  const phone = await open(PHONE);
  await login(phone, 'koordinator@soby.example');
  await visit(phone, `${peer}/training`);
  await fitsTheScreen(phone, 'training record on a phone');
  await expectAccessible(phone, 'training record on a phone');
  await visit(phone, cohort);
  await fitsTheScreen(phone, 'cohort attendance grid on a phone');

  // A peer worker reads their own record from the catalogue: trained for their role.
  const own = await open(PHONE);
  await login(own, 'peer@soby.example');
  await visit(own, '/training');
  await expectAccessible(own, 'training catalogue (peer)');
  await Promise.all([own.waitForURL('**/training'), own.getByRole('link', { name: 'Min uddannelse og mine beviser' }).click()]);
  assert.match(await own.locator('main [role=status]').textContent(), /Uddannet til sine roller/);
  assert.match(await own.locator('main').textContent(), /Gyldigt/);
  await fitsTheScreen(own, 'own training record on a phone');
  await expectAccessible(own, 'own training record (peer)');
});
