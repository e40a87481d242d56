// Journey d: every main page, as the administrator of Søby Kommune and as the system
// administrator, in Danish and in English, each scanned with axe. A failing page does not
// stop the sweep: all failures are reported together, each with a screenshot.

import assert from 'node:assert/strict';

import { screenshot } from '../lib/browser.mjs';
import { expectAccessible, h1, journey, lang, login, switchLanguage, useHarness, visit } from '../lib/journeys.mjs';

const h = useHarness();
const ID = /^\/[a-z-]+\/[0-9a-f-]{36}$/;

/** Visits pages one by one; remembers what failed and screenshots it. */
function sweeper(t, page) {
  const failures = [];
  const seen = [];
  return {
    failures,
    seen,
    async check(label, path, { status = 200, language } = {}) {
      try {
        await visit(page, path, status);
        assert.equal(await lang(page), language, `${path} is in ${language}`);
        assert.ok((await h1(page)).length > 0, `${path} has a heading`);
        await expectAccessible(page, `${label} ${path} (${language})`);
        seen.push(`${language} ${path}`);
      } catch (e) {
        await screenshot(t, page, `${language}-${label}`);
        failures.push(`${label} ${path} (${language}): ${e.message}`);
      }
    },
  };
}

/** The first link (or the one named `name`) in a list page's table, e.g. "/programmes/0193…". */
async function firstRow(page, list, name) {
  await visit(page, list);
  let links = page.locator('#results table tbody tr > th a');
  if (name) links = links.filter({ hasText: name });
  const href = await links.first().getAttribute('href');
  assert.match(href, ID, `first row of ${list}`);
  return href;
}

/** The edit link on a detail page. */
async function editLink(page, detail) {
  await visit(page, detail);
  const href = await page.locator(`main a[href="${detail}/edit"]`).first().getAttribute('href');
  assert.equal(href, `${detail}/edit`);
  return href;
}

journey(h, 'every page as the administrator of Søby, in Danish and English', async ({ t, open }) => {
  const page = await open();
  await login(page, 'admin@soby.example');

  // Find one of each kind first (the ids differ from run to run).
  const pages = [['dashboard', '/']];
  for (const [kind, list, name] of [
    ['organisation', '/organisations', 'Søby Kommune'],
    ['partnership', '/partnerships'],
    ['programme', '/programmes'],
    ['staff', '/staff'],
    ['peer worker', '/peer-workers'],
    ['participant', '/participants'],
    ['role', '/roles'],
  ]) {
    const detail = await firstRow(page, list, name);
    pages.push([`${kind} list`, list], [kind, detail], [`${kind} edit form`, await editLink(page, detail)]);
  }
  for (const path of ['/partnerships/new', '/programmes/new', '/staff/new', '/peer-workers/new', '/participants/new', '/roles/new']) {
    pages.push(['new form', path]);
  }
  pages.push(['audit log', '/audit'], ['account', '/account']);
  // Measurement: the catalogue, a licensed and a shipped-text instrument, the outbox, a
  // programme's plan, a participant's measurements and one response.
  pages.push(['reports', '/reports'], ['prices', '/reports/prices'], ['pooling', '/reports/pool'], ['import', '/import']);
  pages.push(['instruments', '/instruments'], ['instrument without text', '/instruments/who-5'], ['instrument with text', '/instruments/sammen-chime-checkin'], ['outbox', '/outbox'], ['workforce overview', '/workforce']);
  const programme = pages.find(([label]) => label === 'programme')[1];
  const participant = pages.find(([label]) => label === 'participant')[1];
  pages.push(['measurement plan', `${programme}/measurement-plans`], ['measurements', `${participant}/measurements`]);
  await visit(page, `${participant}/measurements`);
  const response = await page.locator('section[aria-labelledby=h-resp] tbody tr th a').first().getAttribute('href').catch(() => null);
  if (response) pages.push(['response', response]);
  // The participant's journey: courses and wishes, the matching proposal, a peer's profile,
  // and a course with its sessions and goals.
  const peer = pages.find(([label]) => label === 'peer worker')[1];
  pages.push(['courses and wishes', `${participant}/courses`], ['wishes form', `${participant}/wishes`]);
  pages.push(['matching proposal', `${programme}/matching`], ['peer profile', `${peer}/profile`], ['peer profile form', `${peer}/profile/edit`]);
  pages.push(['engagements', `${peer}/engagements`]);
  // Supervision and wellbeing.
  pages.push(['supervision', '/supervision'], ['supervision by due date', '/supervision?sort=due'], ['plan supervision', '/supervision/sessions/new'], ['peer supervision', `${peer}/supervision`], ['wellbeing aggregates', '/wellbeing']);
  // An active participant of the demo with a course (participants made active by hand in other
  // journeys on a shared database have none).
  await visit(page, '/participants?status=active');
  let course = null;
  for (const active of (await page.locator('#results table tbody tr > th a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).slice(0, 15)) {
    await visit(page, `${active}/courses`);
    const links = page.locator('main a[href^="/courses/"]');
    if ((await links.count()) > 0) {
      course = await links.first().getAttribute('href');
      break;
    }
  }
  assert.match(course ?? '', ID, 'an active participant has a course');
  pages.push(['course', course], ['session log form', `${course}/log`]);
  // Intake: referrals, a referral, consents, the waiting list; groups and a meeting.
  pages.push(['referrals', '/referrals'], ['new referral', '/referrals/new'], ['consents', `${participant}/consents`]);
  pages.push(['waiting list', `${programme}/waiting-list`]);
  await visit(page, '/referrals');
  const referral = await page.locator('main table a[href^="/referrals/"]').first().getAttribute('href');
  assert.match(referral, ID, 'a referral');
  pages.push(['referral', referral]);
  await visit(page, '/groups');
  const group = (await page.locator('main a[href^="/groups/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).find((h) => ID.test(h));
  assert.ok(group, 'a group');
  await visit(page, group);
  const meeting = await page.locator('main a[href^="/group-meetings/"]').first().getAttribute('href');
  pages.push(['groups', '/groups'], ['group', group], ['group meeting', meeting], ['new group', '/groups/new']);
  // Onboarding and training: the catalogue, a course and a cohort, a peer's record
  // and onboarding, the overview, and a role's checklist.
  const role = pages.find(([label]) => label === 'role')[1];
  pages.push(['training', '/training'], ['new course', '/training/courses/new'], ['onboardings', '/onboardings']);
  pages.push(['training record', `${peer}/training`], ['onboarding', `${peer}/onboarding`], ['role checklist', `${role}/onboarding`]);
  await visit(page, '/training');
  const trainingCourse = await page.locator('main h2 a[href^="/training/courses/"]').first().getAttribute('href');
  const cohort = await page.locator('main a[href^="/cohorts/"]').first().getAttribute('href');
  pages.push(['training course', trainingCourse], ['training course form', `${trainingCourse}/edit`], ['cohort', cohort]);
  // Recruitment: postings, a posting with applications, an application, the
  // decision form and the retention setting.
  await visit(page, '/postings');
  let posting = null;
  let application = null;
  for (const href of await page.locator('#results table tbody tr > th a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
    await visit(page, href);
    const links = page.locator('main table a[href^="/applications/"]');
    if ((await links.count()) > 0) {
      posting = href;
      application = await links.first().getAttribute('href');
      break;
    }
  }
  assert.match(application ?? '', ID, 'a demo posting has applications');
  pages.push(['postings', '/postings'], ['posting', posting], ['posting edit form', `${posting}/edit`], ['new posting', '/postings/new']);
  pages.push(['application', application], ['decision form', `${application}/decide?decision=rejected`], ['retention', '/recruitment/settings']);

  // Interview studies: the list and the new study form, the demo's study with its codebook,
  // agreement, analysis and new interview form, an interview, and its comparison (both of the
  // demo's coders are done with it).
  pages.push(['interview studies', '/studies'], ['new interview study', '/studies/new']);
  await visit(page, '/studies');
  const study = await page.locator('main table tbody tr > th a').first().getAttribute('href');
  assert.match(study ?? '', ID, 'the demo has an interview study');
  await visit(page, study);
  const studyInterview = await page.locator('main a[href^="/study-interviews/"]').first().getAttribute('href');
  pages.push(['interview study', study], ['codebook', `${study}/codebook`], ['coder agreement', `${study}/agreement`], ['study analysis', `${study}/analysis`]);
  pages.push(['new interview', `${study}/interviews/new`], ['study interview', studyInterview]);
  const comparisons = page.locator('main a[href$="/comparison"]');
  if ((await comparisons.count()) > 0) pages.push(['coding comparison', await comparisons.first().getAttribute('href')]);

  const sweep = sweeper(t, page);
  for (const [label, path] of pages) await sweep.check(label, path, { language: 'da' });
  await sweep.check('not found', '/participants/00000000-0000-7000-8000-000000000000', { status: 404, language: 'da' });
  await sweep.check('forbidden', '/organisations/new', { status: 403, language: 'da' });

  await visit(page, '/');
  await switchLanguage(page, 'en');
  for (const [label, path] of pages) await sweep.check(label, path, { language: 'en' });
  await sweep.check('not found', '/participants/00000000-0000-7000-8000-000000000000', { status: 404, language: 'en' });

  t.diagnostic(`checked ${sweep.seen.length} pages`);
  assert.deepEqual(sweep.failures, []);
  assert.equal(sweep.seen.length, pages.length * 2 + 3);
});

journey(h, 'the system administrator’s pages, in Danish and English', async ({ t, open }) => {
  const page = await open();
  await login(page, 'systemadmin@sammen.example');
  const org = await firstRow(page, '/organisations');
  const pages = [
    ['dashboard', '/'],
    ['organisation list', '/organisations'],
    ['organisation', org],
    ['organisation edit form', await editLink(page, org)],
    ['new organisation form', '/organisations/new'],
    ['partnership list', '/partnerships'],
    ['audit log', '/audit'],
    ['account', '/account'],
  ];
  const sweep = sweeper(t, page);
  for (const [label, path] of pages) await sweep.check(label, path, { language: 'da' });
  await visit(page, '/');
  await switchLanguage(page, 'en');
  for (const [label, path] of pages) await sweep.check(label, path, { language: 'en' });

  // The audit log lists what happened, and its filter form works.
  await visit(page, '/audit?action=login');
  await sweep.check('audit log, filtered', '/audit?action=login', { language: 'en' });
  assert.ok((await page.locator('main table tbody tr').count()) > 0, 'the logins of this run are in the audit log');

  t.diagnostic(`checked ${sweep.seen.length} pages`);
  assert.deepEqual(sweep.failures, []);
});

// Every role's menu: each item opens and is accessible (in Danish).
journey(h, 'every role’s menu opens, and each page is accessible', async ({ t, open }) => {
  const failures = [];
  for (const role of ['admin', 'koordinator', 'supervisor', 'peer', 'henviser', 'evaluator']) {
    const page = await open();
    await login(page, `${role}@havnstrup.example`);
    const menu = await page.locator('nav.main-nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(menu.includes('/') && menu.includes('/account'), `${role}: ${menu}`);
    const sweep = sweeper(t, page);
    for (const href of menu) await sweep.check(role, href, { language: 'da' });
    failures.push(...sweep.failures);
    await page.context().close();
  }
  assert.deepEqual(failures, []);
});

// The directory names every organisation, but only pages the viewer may open are links.
journey(
  h,
  'every organisation in an administrator’s list opens',
  async ({ open }) => {
    const page = await open();
    await login(page, 'admin@soby.example');
    await visit(page, '/organisations');
    const hrefs = await page.locator('#results table tbody tr > th a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(hrefs.length > 0);
    const broken = [];
    for (const href of hrefs) {
      const res = await page.goto(href);
      if (res.status() !== 200) broken.push(`${href}: ${res.status()}`);
    }
    assert.deepEqual(broken, [], 'links in the organisation list that do not open');
  },
);

// The dashboard shows and links only what the role may open.
journey(
  h,
  'every link on the dashboard opens, for every role',
  async ({ open }) => {
    const broken = [];
    for (const role of ['supervisor', 'peer', 'henviser', 'evaluator']) {
      const page = await open();
      await login(page, `${role}@lindholm.example`);
      const hrefs = await page.locator('main a').evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute('href')))]);
      for (const href of hrefs) {
        const res = await page.goto(href);
        if (res.status() !== 200) broken.push(`${role}: ${href} ${res.status()}`);
      }
      await page.context().close();
    }
    assert.deepEqual(broken, [], 'dashboard links that do not open');
  },
);
