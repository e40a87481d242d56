// Journeys through the places a new user used to get stuck: each link leads to a page that
// works, each refusal says why, in Danish (and English where the reader chose it), and axe
// finds nothing on any page on the way.

import assert from 'node:assert/strict';

import {
  expectAccessible,
  expectH1,
  journey,
  lang,
  listLinks,
  login,
  pathOf,
  PHONE,
  switchLanguage,
  useHarness,
  visit,
} from '../lib/journeys.mjs';

const h = useHarness();

/** The CSRF token of the signed-in page, for a request the page would not offer. */
async function csrfOf(page) {
  return page.locator('input[name=csrf]').first().getAttribute('value');
}

/** The first participant (of the list's first pages) whose measurements page has a row matching `row`. */
async function participantWith(page, row) {
  await visit(page, '/participants?status=active');
  const links = (await listLinks(page)).filter((l) => /^\/participants\/[0-9a-f-]{36}$/.test(l));
  for (const l of links.slice(0, 25)) {
    await visit(page, `${l}/measurements`);
    if ((await page.locator(row).count()) > 0) return l;
  }
  assert.fail(`no participant with ${row}`);
}

journey(h, 'an answer downloads as FHIR in the session; an instrument without text offers no link and says why', async ({ open }) => {
  const coord = await open();
  await login(coord, 'koordinator@soby.example');

  // A completed answer: its FHIR link is a file for the signed-in user, not a 401 from the API.
  const participant = await participantWith(coord, 'section[aria-labelledby=h-resp] tbody tr');
  await Promise.all([coord.waitForEvent('load'), coord.locator('section[aria-labelledby=h-resp] tbody tr a').first().click()]);
  assert.match(pathOf(coord), /^\/responses\/[0-9a-f-]{36}$/);
  await expectAccessible(coord, 'an answer');
  const fhir = coord.getByRole('link', { name: 'Hent som FHIR QuestionnaireResponse' });
  const href = await fhir.getAttribute('href');
  assert.match(href, /^\/responses\/[0-9a-f-]{36}\/fhir\.json$/, 'the link stays in the UI');
  const [download] = await Promise.all([coord.waitForEvent('download'), fhir.click()]);
  assert.match(download.suggestedFilename(), /^besvarelse-[0-9a-f-]{36}\.json$/);
  const res = await coord.request.get(href);
  assert.equal(res.status(), 200);
  assert.equal(res.headers()['content-type'], 'application/fhir+json');
  assert.equal((await res.json()).resourceType, 'QuestionnaireResponse');

  // WHO-5's wording is licensed and not loaded: no "new link", the reason and where to put it right.
  await visit(coord, `${participant}/measurements`);
  let who5 = coord.locator('section[aria-labelledby=h-inv] tbody tr', { hasText: 'WHO-5' }).filter({ has: coord.locator('form') });
  if ((await who5.count()) === 0) {
    await participantWith(coord, 'section[aria-labelledby=h-inv] tbody tr:has-text("WHO-5"):has(form)');
    who5 = coord.locator('section[aria-labelledby=h-inv] tbody tr', { hasText: 'WHO-5' }).filter({ has: coord.locator('form') });
  }
  const row = who5.first();
  assert.equal(await row.getByRole('button', { name: 'Lav nyt link' }).count(), 0, 'no link offered for an instrument without text');
  assert.match(await row.textContent(), /Kan ikke sendes som link: organisationen har ikke indlæst spørgsmålenes tekst/);
  assert.equal(await row.getByRole('link', { name: 'Indlæs tekst' }).getAttribute('href'), '/instruments/who-5');
  await expectAccessible(coord, 'measurements with an instrument without text');
  // Posted anyway (an old page, a second tab): refused, saying why.
  const invitation = await row.locator('input[name=invitation]').getAttribute('value');
  const refused = await coord.request.post(`/invitations/${invitation}/link`, { form: { csrf: await csrfOf(coord) } });
  assert.equal(refused.status(), 422);
  assert.match(await refused.text(), /Organisationen har ikke indlæst spørgsmålenes tekst til dette spørgeskema/);

  // The instrument page says it all in Danish: licence, what is left out, the table's headings.
  await Promise.all([coord.waitForEvent('load'), row.getByRole('link', { name: 'Indlæs tekst' }).click()]);
  await expectH1(coord, 'WHO-5 Trivselsindeks');
  const main = await coord.locator('main').textContent();
  assert.match(main, /Udviklet på Psykiatrisk Forskningsenhed/);
  assert.match(main, /Regel for manglende svar/);
  // (The form for loading the text names FHIR's own field, linkId, as the file spells it.)
  assert.doesNotMatch(main, /Developed at|Missing-item rule|not verified/);
  assert.equal(await coord.locator('main thead th').first().textContent(), 'Spørgsmåls-id');
  await expectAccessible(coord, 'the instrument page');
});

journey(h, 'a link that no longer opens tells the participant kindly what to do, with no staff login', async ({ open }) => {
  const coord = await open();
  await login(coord, 'koordinator@soby.example');
  await participantWith(coord, 'section[aria-labelledby=h-inv] tbody tr:has-text("CHIME"):has(button:has-text("Lav nyt link"))');
  const row = coord.locator('section[aria-labelledby=h-inv] tbody tr', { hasText: 'CHIME' }).filter({ has: coord.getByRole('button', { name: 'Lav nyt link' }) }).first();
  const back = pathOf(coord);
  await Promise.all([coord.waitForEvent('load'), row.getByRole('button', { name: 'Lav nyt link' }).click()]);
  const first = new URL(((await coord.locator('dl.facts dd').first().textContent()) ?? '').trim()).pathname;
  // A second link replaces the first.
  await visit(coord, back);
  await Promise.all([
    coord.waitForEvent('load'),
    coord.locator('section[aria-labelledby=h-inv] tbody tr', { hasText: 'CHIME' }).filter({ has: coord.getByRole('button', { name: 'Lav nyt link' }) }).first().getByRole('button', { name: 'Lav nyt link' }).click(),
  ]);

  // The participant, on a phone, opens the old link: in their own language if Sammen speaks
  // it (English for a participant who speaks English and not Danish), else Danish.
  const me = await open(PHONE);
  await visit(me, first, 410);
  const words = {
    da: ['Linket virker ikke længere', /kontakt din peer-medarbejder eller koordinator/],
    en: ['This link no longer works', /contact your peer worker or coordinator/],
  };
  const shown = await lang(me);
  await expectH1(me, words[shown][0]);
  assert.match(await me.locator('main').textContent(), words[shown][1]);
  assert.equal(await me.locator('a[href="/login"], a[href="/"]').count(), 0, 'no way into the staff login');
  assert.equal(await me.locator('nav').count(), 0, 'no staff menu');
  await expectAccessible(me, 'a replaced link (phone)');
  // The participant's own choice on the page wins.
  const other = shown === 'da' ? 'en' : 'da';
  await switchLanguage(me, other);
  await expectH1(me, words[other][0]);
  assert.match(await me.locator('main').textContent(), words[other][1]);
  await expectAccessible(me, `a replaced link, switched to ${other} (phone)`);
});

journey(h, 'the job page is a link; a closed posting is shown closed; self-referral offers language names', async ({ open }) => {
  const admin = await open();
  await login(admin, 'admin@soby.example');
  await visit(admin, '/postings');
  await expectAccessible(admin, 'postings');
  const jobs = admin.locator('main a[href^="/jobs/"]').first();
  assert.match(await jobs.textContent(), /\/jobs\/[0-9a-f-]{36}$/, 'the address is shown in full');

  // A closed posting: "see the posting" shows it, marked closed, without the form.
  const closed = admin.locator('main tbody tr', { hasText: 'Lukket' }).first();
  assert.equal(await closed.count(), 1, 'the demo has a closed posting');
  await Promise.all([admin.waitForEvent('load'), closed.locator('a').first().click()]);
  await expectAccessible(admin, 'a closed posting (staff)');
  const see = admin.getByRole('link', { name: 'Se opslaget på jobsiden' });
  assert.equal(await see.count(), 1);
  const publicPage = await open();
  await visit(publicPage, await see.getAttribute('href'));
  assert.match(await publicPage.locator('main').textContent(), /Opslaget er lukket\./);
  assert.equal(await publicPage.locator('main form').count(), 0, 'no application form on a closed posting');
  await expectAccessible(publicPage, 'a closed posting (public)');

  // A draft: not offered, and said why.
  await visit(admin, '/postings');
  const draft = admin.locator('main tbody tr', { hasText: 'Kladde' }).first();
  if ((await draft.count()) > 0) {
    await Promise.all([admin.waitForEvent('load'), draft.locator('a').first().click()]);
    assert.equal(await admin.getByRole('link', { name: 'Se opslaget på jobsiden' }).count(), 0);
    assert.match(await admin.locator('main').textContent(), /Opslaget er en kladde/);
  }

  // The job page, followed from the list, leads the public to the self-referral form.
  await visit(admin, '/postings');
  const visitor = await open(PHONE);
  await visit(visitor, await admin.locator('main a[href^="/jobs/"]').first().getAttribute('href'));
  await expectAccessible(visitor, 'the job page (phone)');
  await Promise.all([visitor.waitForEvent('load'), visitor.getByRole('link', { name: /Henvis dig selv her/ }).click()]);
  await expectAccessible(visitor, 'self-referral (phone)');
  assert.equal(await visitor.locator('input[name=languages][type=text]').count(), 0, 'no language codes to type');
  const languages = visitor.getByRole('group', { name: /Hvilke sprog vil du gerne tale på/ });
  await languages.getByLabel('Arabisk').check();
  await languages.getByLabel('Dansk').check();
  await visitor.fill('#f-name', 'Sara Selvhenvist');
  await visitor.fill('#f-phone', '20304050');
  await visitor.fill('#f-reason', 'Jeg vil gerne tale med en, der har prøvet det samme.');
  await visitor.locator('#f-consent_support').check();
  await Promise.all([visitor.waitForEvent('load'), visitor.getByRole('button', { name: 'Send' }).click()]);
  assert.match(await visitor.locator('main').textContent(), /Tak – vi har modtaget din henvendelse/);
  await expectAccessible(visitor, 'self-referral received (phone)');
  await switchLanguage(visitor, 'en');
  await visit(visitor, pathOf(visitor));
  assert.equal(await visitor.getByLabel('Arabic').count(), 1, 'names in the reader\'s language');
});

journey(h, 'a partner reads a participant without links to courses it may not open', async ({ open }) => {
  const owner = await open();
  await login(owner, 'koordinator@region-osterdal.example');
  await visit(owner, '/participants?status=active');
  let participant = '';
  for (const l of (await listLinks(owner)).filter((x) => /^\/participants\/[0-9a-f-]{36}$/.test(x)).slice(0, 25)) {
    await visit(owner, `${l}/courses`);
    if ((await owner.locator('section[aria-labelledby=h-courses] tbody a[href^="/courses/"]').count()) > 0) {
      participant = l;
      break;
    }
  }
  assert.ok(participant, 'a participant of the region with a course');
  const course = await owner.locator('section[aria-labelledby=h-courses] tbody a[href^="/courses/"]').first().getAttribute('href');

  // Foreningen Peerkraft reads the region's participant records under their agreement.
  const partner = await open();
  await login(partner, 'koordinator@peerkraft.example');
  await visit(partner, `${participant}/courses`);
  const rows = partner.locator('section[aria-labelledby=h-courses] tbody tr');
  assert.ok((await rows.count()) > 0, 'the partner sees that there are courses');
  assert.equal(await partner.locator('section[aria-labelledby=h-courses] tbody a').count(), 0, 'no link the partner cannot follow');
  assert.match(await partner.locator('section[aria-labelledby=h-courses]').textContent(), /Forløb uden link kan kun åbnes af den organisation/);
  await expectAccessible(partner, 'a partner reads the courses');
  await visit(partner, course, 404);
});

journey(h, 'the pooling form names the bad line; the outbox table is reached by keyboard on local time', async ({ open }) => {
  const admin = await open();
  await login(admin, 'admin@soby.example');
  await visit(admin, '/reports/pool');
  await admin.fill('#f-summaries', 'site,n,mean_pre,mean_post,sd_pre,r\nNord,40,50,56,12,0.5\nSyd,35,48,x,11,0.6\n');
  await Promise.all([admin.waitForEvent('load'), admin.getByRole('button', { name: 'Pulj' }).click()]);
  assert.match(await admin.locator('#error-summary').textContent(), /Linje 3, kolonne 4 \(mean_post\): »x« er ikke et tal\./);
  assert.match(await admin.locator('#e-summaries').textContent(), /Linje 3, kolonne 4/);
  await expectAccessible(admin, 'pooling with a bad line');

  await visit(admin, '/outbox');
  await expectH1(admin, 'Udbakke');
  const region = admin.getByRole('region', { name: 'Udbakke' });
  assert.equal(await region.getAttribute('tabindex'), '0');
  await region.focus();
  assert.equal(await admin.evaluate(() => document.activeElement?.getAttribute('role')), 'region', 'the table region takes focus');
  // Times on the organisation's clock (Copenhagen), as everywhere else.
  const first = (await admin.locator('main tbody tr th').first().textContent()).trim();
  assert.match(first, /^\d{4}-\d\d-\d\d \d\d:\d\d$/);
  await expectAccessible(admin, 'the outbox');
});
