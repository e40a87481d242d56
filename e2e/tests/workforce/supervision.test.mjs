// Supervision and wellbeing: a coordinator assigns a supervisor and
// plans a first professional supervision session; the supervisor records attendance, topics and
// a confidential note; the coordinator sees the session without the note and with the UI's
// confidentiality text; a peer answers a wellbeing check-in on a 360 px phone. Axe on every page.

import assert from 'node:assert/strict';

import { expectAccessible, expectH1, fitsTheScreen, journey, login, PHONE, pathOf, useHarness, visit } from '../../lib/journeys.mjs';

const h = useHarness();
const NOTE = 'Fortroligt: talte om grænser og loyalitet';

journey(h, 'supervision: assign, plan, record a confidential note; wellbeing on a phone', async ({ open }) => {
  const manager = await open();
  await login(manager, 'koordinator@soby.example');
  await visit(manager, '/supervision');
  await expectH1(manager, 'Supervision');
  await expectAccessible(manager, 'supervision overview');
  assert.ok((await manager.locator('svg[role=img] title').count()) > 0, 'a compliance chart with a title');
  assert.ok((await manager.getByText('Overskredet').count()) > 0, 'overdue is said in words');

  // A peer worker's supervisors: assign the organisation's supervisor for professional supervision.
  // A peer who can be invited (an active peer worker; other journeys on a shared database add
  // peers of other statuses, so the peer list's first row will not do).
  await visit(manager, '/supervision/sessions/new');
  const peerId = await manager.locator('main input[name=invited]').first().getAttribute('value');
  await visit(manager, `/peer-workers/${peerId}/supervision`);
  await expectAccessible(manager, 'peer supervision');
  const options = await manager.locator('#f-supervisor option').evaluateAll((os) => os.map((o) => [o.value, o.textContent]));
  const sup = options.find(([, text]) => text.endsWith('(Supervisor)'));
  assert.ok(sup, `a supervisor to choose: ${JSON.stringify(options)}`);
  await manager.selectOption('#f-kind', 'professional');
  await manager.selectOption('#f-supervisor', sup[0]);
  await Promise.all([manager.waitForEvent('load'), manager.locator('main form button[type=submit]').click()]);
  assert.equal(pathOf(manager), `/peer-workers/${peerId}/supervision`);
  assert.ok((await manager.locator('main table tbody tr').count()) > 0, 'the relation is listed');

  // Plan the first professional session.
  await visit(manager, '/supervision/sessions/new');
  await expectAccessible(manager, 'plan supervision');
  await manager.selectOption('#f-kind', 'professional');
  await manager.selectOption('#f-format', 'individual');
  await manager.fill('#f-date', '2026-12-01');
  await manager.fill('#f-time', '10:00');
  await manager.fill('#f-duration_minutes', '60');
  await manager.selectOption('#f-supervisor', sup[0]);
  await manager.check(`#f-invited-${peerId}`);
  await Promise.all([manager.waitForEvent('load'), manager.locator('main form button[type=submit]').click()]);
  const sessionPath = pathOf(manager);
  assert.match(sessionPath, /^\/supervision\/sessions\/[0-9a-f-]{36}$/);
  await expectAccessible(manager, 'session as planned');
  assert.equal(await manager.locator('#f-note').count(), 0, 'no note field for a manager');
  assert.ok((await manager.locator('#confidential').textContent()).includes('fortroligt'), 'the confidentiality text');

  // The supervisor records attendance, topics and a confidential note.
  const supervisor = await open();
  await login(supervisor, 'supervisor@soby.example');
  await visit(supervisor, sessionPath);
  await expectAccessible(supervisor, 'session for the supervisor');
  await supervisor.selectOption('#f-status', 'held');
  await supervisor.check(`#f-attended-${peerId}`);
  await supervisor.check('#f-topics-boundaries');
  await supervisor.check('#f-topics-loyalty');
  await supervisor.fill('#f-note', NOTE);
  await Promise.all([supervisor.waitForEvent('load'), supervisor.locator('main form button[type=submit]').click()]);
  assert.equal(pathOf(supervisor), sessionPath);
  assert.equal(await supervisor.locator('#f-note').inputValue(), NOTE);
  await expectAccessible(supervisor, 'session with a note');

  // The manager sees that it took place, attendance and topics, never the note.
  await visit(manager, sessionPath);
  const body = await manager.locator('main').textContent();
  assert.ok(!body.includes(NOTE), 'the note is not shown to the manager');
  assert.ok(body.includes('Afholdt') && body.includes('1/1') && body.includes('Grænser'), body);
  assert.ok(body.includes('Notatet er fortroligt'), 'the manager is told why');

  // A peer answers a wellbeing check-in on a phone.
  const phone = await open(PHONE);
  await login(phone, 'peer@soby.example');
  await visit(phone, '/my');
  await Promise.all([phone.waitForURL('**/wellbeing'), phone.locator('main a[href="/wellbeing"]').first().click()]);
  await fitsTheScreen(phone, 'wellbeing');
  await expectAccessible(phone, 'wellbeing on a phone');
  const before = await phone.locator('main table tbody tr').count();
  await phone.fill('#f-stress', '3');
  await phone.fill('#f-role_clarity', '8');
  await phone.fill('#f-support', '9');
  await phone.fill('#f-note', 'God uge');
  await Promise.all([phone.waitForEvent('load'), phone.locator('main form[action="/wellbeing"] button[type=submit]').click()]);
  assert.equal(pathOf(phone), '/wellbeing');
  assert.equal(await phone.locator('main table tbody tr').count(), before + 1, 'the check-in is in the history');
  assert.ok((await phone.locator('svg[role=img] desc').count()) > 0, 'a trend chart with a text alternative');
  await fitsTheScreen(phone, 'wellbeing after answering');
  await expectAccessible(phone, 'wellbeing history on a phone');

  // The manager's wellbeing page: aggregates only, small months suppressed.
  await visit(manager, '/wellbeing');
  await expectAccessible(manager, 'wellbeing aggregates');
  const agg = await manager.locator('main').textContent();
  assert.ok(!agg.includes('God uge'), 'no free text for managers');
  assert.ok(agg.includes('Undertrykt'), 'a suppressed month is marked');
});
