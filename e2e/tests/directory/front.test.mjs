// The start page's work queues: a coordinator starts the day with referrals to decide and the
// rest of intake and follow-up; a peer worker on a 360 px phone lands on offers and today's
// work, the caseload after, the calendar last; a supervisor sees the supervision due per
// supervisee and the sessions to record. Each item opens the page where the work is done, and
// the menu's start-page item carries the count. Axe on every page.

import assert from 'node:assert/strict';

import { expectAccessible, expectH1, fitsTheScreen, journey, login, openMenu, PHONE, pathOf, useHarness, visit } from '../../lib/journeys.mjs';

const h = useHarness();

/** The queues on the start page, in order: [id, heading, number of items]. */
async function queues(page) {
  return page.locator('main section.queue').evaluateAll((ss) =>
    ss.map((s) => [s.id.replace(/^queue-/, ''), s.querySelector('h2').textContent.trim(), s.querySelectorAll('li').length]),
  );
}

journey(h, 'coordinator: the day starts with the queues, each item opens its page', async ({ open }) => {
  const page = await open();
  await login(page, 'koordinator@soby.example');
  assert.equal(pathOf(page), '/', 'a coordinator lands on the start page');
  await expectH1(page, 'Overblik');
  await expectAccessible(page, 'coordinator start page');
  const qs = await queues(page);
  const ids = qs.map((q) => q[0]);
  assert.ok(ids.includes('referrals'), `referrals waiting for intake: ${JSON.stringify(qs)}`);
  assert.ok(ids.includes('offers-waiting'), `offers waiting for an answer: ${JSON.stringify(qs)}`);
  assert.ok(ids.indexOf('referrals') < ids.indexOf('offers-waiting'), 'intake first');
  // The queues come before the figures.
  const headings = await page.locator('main h2').allTextContents();
  assert.ok(headings.indexOf('Nøgletal') > ids.length - 1, `queues before figures: ${headings}`);

  // Oldest referral first, with the referring organisation or the source named; it opens the referral.
  const first = page.locator('#queue-referrals li').first();
  assert.ok((await first.locator('.detail').textContent()).trim().length > 0, 'the referral says where it came from');
  assert.match(await first.locator('.when').textContent(), /ventet|venter/);
  const href = await first.locator('a').getAttribute('href');
  assert.match(href, /^\/referrals\/[0-9a-f-]{36}$/);
  await Promise.all([page.waitForURL(`**${href}`), first.locator('a').click()]);
  await expectAccessible(page, 'referral from the queue');

  // The menu's start-page item carries the count the start page counted.
  const nav = await openMenu(page);
  const badge = nav.locator('.menu-home .badge');
  assert.equal(await badge.count(), 1, 'a count on the start page item');
  assert.match(await badge.textContent(), /^\d+ ting venter på startsiden$/);

  // An offer waiting for the peer's answer opens the course.
  await visit(page, '/');
  const offer = page.locator('#queue-offers-waiting li a').first();
  const course = await offer.getAttribute('href');
  assert.match(course, /^\/courses\/[0-9a-f-]{36}$/);
  await Promise.all([page.waitForURL(`**${course}`), offer.click()]);
  await expectAccessible(page, 'course from the queue');
});

journey(h, 'peer worker on a phone: offers and today first, caseload after, calendar last', async ({ open }) => {
  const page = await open(PHONE);
  await login(page, 'peer@soby.example');
  assert.equal(pathOf(page), '/', 'a peer worker lands on the start page');
  await expectH1(page, 'Overblik');
  await fitsTheScreen(page, 'peer start page');
  await expectAccessible(page, 'peer start page on a phone');
  const ids = (await queues(page)).map((q) => q[0]);
  assert.equal(ids[0], 'my-offers', `an offer to answer first: ${ids}`);
  assert.ok(ids.includes('caseload'), `the caseload: ${ids}`);
  assert.ok(ids.includes('my-schedule') && ids.includes('my-to-log'), `today's work and what is left to log: ${ids}`);
  assert.equal(ids[ids.length - 1], 'caseload', `the caseload after the things to do: ${ids}`);
  for (const q of ['referrals', 'failed-messages', 'supervision-overdue']) assert.ok(!ids.includes(q), `no ${q} for a peer`);
  // The calendar is the last link of the page.
  const links = await page.locator('main a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(links.indexOf('/my#h-calendar') > links.indexOf(await page.locator('#queue-caseload li a').last().getAttribute('href')), 'calendar last');
  // The offer opens the course, where it is answered.
  const offer = page.locator('#queue-my-offers li a').first();
  const href = await offer.getAttribute('href');
  await Promise.all([page.waitForURL(`**${href}`), offer.click()]);
  await fitsTheScreen(page, 'offer');
  await expectAccessible(page, 'offer from the queue on a phone');
});

journey(h, 'supervisor: supervisees due and sessions to record', async ({ open }) => {
  const page = await open();
  await login(page, 'supervisor@soby.example');
  await expectH1(page, 'Overblik');
  await expectAccessible(page, 'supervisor start page');
  const qs = await queues(page);
  const ids = qs.map((q) => q[0]);
  assert.ok(ids.includes('supervisees-due') && ids.includes('sessions-to-record'), `the supervisor's queues: ${JSON.stringify(qs)}`);
  for (const q of ['referrals', 'offers-waiting', 'my-offers']) assert.ok(!ids.includes(q), `no ${q} for a supervisor`);
  const item = page.locator('main section.queue li a').first();
  const href = await item.getAttribute('href');
  assert.match(href, /^\/supervision(\/sessions\/[0-9a-f-]{36})?$/);
  await Promise.all([page.waitForURL(`**${href}`), item.click()]);
  await expectAccessible(page, 'supervision from the queue');
});
