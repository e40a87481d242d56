// Journey: a person refers themselves on a phone, with consent; the coordinator
// takes them onto a programme's waiting list, records their wishes and approves a matching
// proposal; the peer worker accepts on their phone, logs three sessions there, sets a goal and
// records progress; the coordinator ends the course and the participant is closed. Then a
// participant withdraws their consent to peer support, and their peer loses access at once.

import assert from 'node:assert/strict';

import { expectAccessible, fitsTheScreen, journey, login, PHONE, pathOf, uniqueName, useHarness, visit } from '../../lib/journeys.mjs';

const h = useHarness();
const UUID = '[0-9a-f-]{36}';

/** Clicks and waits for the next document. */
async function go(page, locator) {
  await Promise.all([page.waitForEvent('load'), locator.click()]);
}

/** The signed-in user's name, as the header shows it. */
async function userName(page) {
  return ((await page.locator('.who .user').textContent()) ?? '').split(' · ')[0].trim();
}

journey(h, 'self-referral to closure, with matching, acceptance and three sessions on a phone; and a withdrawal of consent', async ({ t, open }) => {
  // The organisation's public self-referral address is on its page.
  const admin = await open();
  await login(admin, 'admin@soby.example');
  await visit(admin, '/organisations');
  await go(admin, admin.locator('#results table tbody tr > th a', { hasText: 'Søby Kommune' }));
  const selfReferral = await admin.getByRole('link', { name: 'Offentlig selvhenvisning' }).getAttribute('href');
  assert.match(selfReferral, new RegExp(`^/self-referral/${UUID}$`));

  // A person refers themselves on a phone, with no account, and consents.
  const person = await open(PHONE);
  await visit(person, selfReferral);
  await expectAccessible(person, 'self-referral form');
  await fitsTheScreen(person, 'self-referral form');
  const name = uniqueName('E2E Selvhenvist');
  const goal = uniqueName('Tale med en der forstår');
  await person.fill('#f-name', name);
  await person.fill('#f-phone', '20304050');
  await person.check('#f-languages-da');
  await person.fill('#f-reason', 'Jeg vil gerne tale med en, der selv har prøvet det.');
  const programmeOption = await person.locator('#f-programme_id option', { hasText: 'Individuelle peerforløb' }).getAttribute('value');
  await person.selectOption('#f-programme_id', programmeOption);
  await person.check('#f-consent_support');
  await person.check('#f-consent_measurement');
  await go(person, person.locator('main form button[type=submit]'));
  assert.equal(await person.locator('main [role=status] h2').count(), 1, 'a receipt');
  assert.ok(!(await person.content()).includes(name), 'the receipt shows nothing back');
  await expectAccessible(person, 'self-referral receipt');

  // The coordinator takes the referral onto the programme's waiting list.
  const coord = await open();
  await login(coord, 'koordinator@soby.example');
  await visit(coord, '/referrals');
  await go(coord, coord.locator('main table a', { hasText: name }));
  await expectAccessible(coord, 'referral');
  const programme = await coord.locator('#f-programme_id option', { hasText: 'Individuelle peerforløb' }).getAttribute('value');
  await coord.selectOption('#f-programme_id', programme);
  await go(coord, coord.getByRole('button', { name: 'Optag' }));
  const participantHref = await coord.getByRole('link', { name: 'Åbn deltagerens side' }).getAttribute('href');
  const participant = participantHref.match(new RegExp(UUID))[0];
  await visit(coord, `/programmes/${programme}/waiting-list`);
  assert.ok((await coord.locator('main').textContent()).includes(name) || (await coord.locator(`main a[href*="${participant}"]`).count()) > 0, 'on the waiting list');
  await expectAccessible(coord, 'waiting list');

  // Their wishes for a peer, with a goal in their own words.
  await visit(coord, `/participants/${participant}/wishes`);
  await expectAccessible(coord, 'wishes form');
  for (const mode of ['in_person', 'phone', 'online']) await coord.check(`#f-modes-${mode}`);
  await coord.check('#f-topics-anxiety');
  await coord.fill('#f-lat', '56,16');
  await coord.fill('#f-lon', '9,55');
  await coord.fill('#f-max_distance_km', '100');
  await coord.fill('#f-availability', 'man 9-12, ons 13-16');
  await coord.fill('#f-goals', goal);
  await go(coord, coord.getByRole('button', { name: 'Gem' }));
  assert.equal(pathOf(coord), `/participants/${participant}/courses`);
  await expectAccessible(coord, 'courses and wishes');

  // The peer worker, on a phone: the demo peer of Søby.
  const peer = await open(PHONE);
  await login(peer, 'peer@soby.example');
  const peerName = await userName(peer);

  // The matching proposal: this participant goes to that peer; everyone else waits.
  await visit(coord, `/programmes/${programme}/matching`);
  await expectAccessible(coord, 'matching proposal');
  const ours = coord.locator(`#pair-${participant}`);
  assert.equal(await ours.count(), 1, 'the participant is in the proposal');
  const choice = await ours.locator('option', { hasText: peerName }).getAttribute('value');
  assert.ok(choice, `${peerName} is an eligible peer`);
  for (const id of await coord.locator('select[id^=pair-]').evaluateAll((ss) => ss.map((s) => s.id))) {
    await coord.selectOption(`#${id}`, id === `pair-${participant}` ? choice : '');
  }
  await go(coord, coord.getByRole('button', { name: 'Godkend og send tilbud' }));
  assert.equal(await coord.locator(`#pair-${participant}`).count(), 0, 'no longer waiting');
  // The confirmation shows the offer as it was stored and sent: this participant to that peer.
  const sent = await coord.locator('#sent tbody tr').allTextContents();
  assert.equal(sent.length, 1, 'one offer sent');
  assert.ok(sent[0].includes(peerName), `the offer went to ${peerName}: ${sent[0]}`);
  await expectAccessible(coord, 'offers sent');

  // The peer sees the offer, with the wishes but not the name, and accepts.
  await visit(peer, '/my');
  await expectAccessible(peer, 'my page');
  await fitsTheScreen(peer, 'my page');
  const offer = peer.locator('main li.card', { hasText: goal });
  assert.equal(await offer.count(), 1, 'the offer is on the peer’s page');
  assert.ok(!(await offer.textContent()).includes(name), 'an offer does not name the person');
  await go(peer, offer.getByRole('link', { name: 'Se og svar' }));
  const course = pathOf(peer);
  assert.match(course, new RegExp(`^/courses/${UUID}$`));
  await expectAccessible(peer, 'offer');
  await fitsTheScreen(peer, 'offer');
  await go(peer, peer.getByRole('button', { name: 'Ja, jeg tager forløbet' }));
  assert.ok((await peer.locator('main dl.facts').first().textContent()).includes(name), 'after accepting, the peer sees the name');

  // Three sessions, logged on the phone: open the form, write a note, save.
  const notes = ['Første møde: kaffe og en gåtur.', 'Talte om søvn og rytme.', 'Fulgtes til jobcentret.'];
  for (const [i, note] of notes.entries()) {
    await visit(peer, course);
    const started = Date.now();
    await go(peer, peer.getByRole('link', { name: 'Registrér en session' }).first());
    if (i === 0) {
      await expectAccessible(peer, 'session log form');
      await fitsTheScreen(peer, 'session log form');
    }
    await peer.fill('#f-note', note);
    await go(peer, peer.getByRole('button', { name: 'Gem session' }));
    t.diagnostic(`session ${i + 1} logged in ${Date.now() - started} ms (two taps and a note)`);
    assert.equal(pathOf(peer), '/my');
    assert.equal((await peer.locator('.notice').textContent()).trim(), 'Sessionen er gemt.');
  }
  await visit(peer, course);
  assert.equal(await peer.locator('section[aria-labelledby=h-sessions] li.card').count(), 3);
  assert.ok((await peer.locator('main dl.facts').first().textContent()).includes('I gang'), 'the first session started the course');

  // A goal in the participant's own words, and progress on it.
  await peer.fill('#f-text', 'Gå en tur hver dag');
  await go(peer, peer.getByRole('button', { name: 'Tilføj mål' }).last());
  const card = peer.locator('#goals ~ ul li.card', { hasText: 'Gå en tur hver dag' });
  await card.locator('input[name=value]').fill('6');
  await go(peer, card.getByRole('button', { name: 'Gem fremskridt' }));
  const desc = await peer.locator('figure.chart svg desc').textContent();
  assert.match(desc, /Gå en tur hver dag: \d{4}-\d\d-\d\d 6/, 'the chart reads the progress');
  await expectAccessible(peer, 'course with goal');
  await fitsTheScreen(peer, 'course with goal');

  // The coordinator ends the course: goals reached. The participant is closed, and the peer
  // no longer reads their record (but keeps the course they worked on).
  await visit(coord, course);
  await expectAccessible(coord, 'course (coordinator)');
  await coord.selectOption('#f-end_reason', 'goals_reached');
  await go(coord, coord.getByRole('button', { name: 'Afslut forløbet' }));
  assert.ok((await coord.locator('main dl.facts').first().textContent()).includes('Mål nået'));
  await visit(coord, `/participants/${participant}`);
  assert.ok((await coord.locator('main dl.facts').first().textContent()).includes('Afsluttet'), 'the participant is closed');
  await visit(peer, `/participants/${participant}`, 404);
  await visit(peer, course);

  // A withdrawal of consent: another of the peer's participants withdraws consent to peer
  // support. The course ends at once and the peer loses access.
  await visit(peer, '/my');
  const other = await peer.locator('section[aria-labelledby=h-caseload] li.card a[href^="/courses/"]').first().getAttribute('href');
  await visit(coord, other);
  const otherParticipant = (await coord.locator('main p a').first().getAttribute('href')).match(new RegExp(UUID))[0];
  await visit(peer, `/participants/${otherParticipant}`);
  await visit(coord, `/participants/${otherParticipant}/consents`);
  await expectAccessible(coord, 'consents');
  const row = coord.locator('main table tbody tr', { hasText: 'peerstøtte' }).filter({ has: coord.getByRole('link', { name: 'Træk tilbage' }) });
  await go(coord, row.first().getByRole('link', { name: 'Træk tilbage' }));
  await expectAccessible(coord, 'withdrawal confirmation');
  await go(coord, coord.getByRole('button', { name: 'Træk tilbage' }));
  await visit(peer, `/participants/${otherParticipant}`, 404);
  await visit(coord, other);
  assert.ok((await coord.locator('main dl.facts').first().textContent()).includes('Samtykke trukket tilbage'), 'the course ended for that reason');
});
