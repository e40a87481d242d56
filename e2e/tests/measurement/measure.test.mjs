// Journey: a participant answers a questionnaire on a phone through a personal
// link: opens it, answers half, leaves, comes back, finishes; the link then stops working,
// and the peer worker sees the new score and the CHIME chart.

import assert from 'node:assert/strict';

import {
  expectAccessible,
  expectH1,
  fitsTheScreen,
  journey,
  PHONE,
  login,
  pathOf,
  uniqueName,
  useHarness,
  visit,
} from '../../lib/journeys.mjs';

const h = useHarness();

/** Chooses an answer on a one-question page and presses the named button. */
async function answer(page, code, button) {
  await page.locator(`fieldset.item input[type=radio][value="${code}"]`).check();
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: button }).click()]);
}

journey(h, 'participant answers by personal link on a phone; the peer sees the score and the CHIME chart', async ({ open }) => {
  // The peer worker's name, as the header shows it.
  const peer = await open(PHONE);
  await login(peer, 'peer@soby.example');
  const peerName = ((await peer.locator('.who .user').textContent()) ?? '').split(' · ')[0].trim();
  assert.ok(peerName.length > 0, 'the peer worker has a name');

  // A coordinator starts a course for a new participant with that peer: the programme's
  // measurement plan invites to the baseline at once.
  const coord = await open();
  await login(coord, 'koordinator@soby.example');
  const name = uniqueName('E2E Måling');
  await visit(coord, '/participants/new');
  await coord.fill('#f-name', name);
  await coord.selectOption('#f-status', 'active');
  await coord.fill('#f-languages', 'da');
  const programmes = await coord.locator('#f-programme_id option').evaluateAll((os) => os.map((o) => o.value).filter((v) => v));
  assert.ok(programmes.length > 0, 'the organisation has programmes');
  await coord.selectOption('#f-programme_id', programmes[0]);
  await coord.selectOption('#f-assigned_peer_id', { label: peerName });
  await Promise.all([
    coord.waitForURL((u) => /^\/participants\/[0-9a-f-]{36}$/.test(u.pathname)),
    coord.getByRole('button', { name: 'Gem' }).click(),
  ]);
  const detail = pathOf(coord);
  await Promise.all([coord.waitForURL('**/measurements'), coord.getByRole('link', { name: 'Målinger' }).click()]);
  assert.match(await coord.locator('main h1').textContent(), /^Målinger – /);
  const row = coord.locator('section[aria-labelledby=h-inv] tbody tr', { hasText: 'CHIME-tjek' });
  assert.equal(await row.count(), 1, 'the CHIME check-in baseline is invited');
  assert.match(await row.textContent(), /Start/);
  await expectAccessible(coord, 'measurements (coordinator)');

  // A personal link, shown once.
  await Promise.all([coord.waitForEvent('load'), row.getByRole('button', { name: 'Lav nyt link' }).click()]);
  await expectH1(coord, 'Personligt link');
  const link = ((await coord.locator('dl.facts dd').first().textContent()) ?? '').trim();
  assert.match(link, /\/a\/[A-Za-z0-9_-]{43}$/, `a link: ${link}`);
  const linkPath = new URL(link).pathname;

  // The participant, on a phone, with no account: the page says nothing about who they are.
  let me = await open(PHONE);
  await visit(me, linkPath);
  await expectH1(me, 'CHIME-tjek (ikke valideret)');
  assert.ok(!(await me.content()).includes(name.split(' ').pop()), 'the link does not reveal whose it is');
  await fitsTheScreen(me, 'answer start');
  await expectAccessible(me, 'answer start (phone)');
  await Promise.all([me.waitForEvent('load'), me.getByRole('link', { name: 'Ét spørgsmål ad gangen' }).click()]);
  assert.match(await me.locator('#progress-label').textContent(), /Spørgsmål 1 af 5/);
  await fitsTheScreen(me, 'question 1');
  await expectAccessible(me, 'one question (phone)');
  await answer(me, '3', 'Næste');
  await answer(me, '2', 'Næste');
  assert.match(await me.locator('#progress-label').textContent(), /Spørgsmål 3 af 5/);
  // Leave half-way.
  await answer(me, '4', 'Gem og fortsæt senere');
  assert.match(await me.locator('main [role=status]').textContent(), /Dine svar er gemt/);
  await expectAccessible(me, 'saved (phone)');
  await me.context().close();

  // Come back later, in a new browser session: the answers are there; carry on at question 4.
  me = await open(PHONE);
  await visit(me, linkPath);
  assert.match(await me.locator('main').textContent(), /Du har besvaret 3/);
  await Promise.all([me.waitForEvent('load'), me.getByRole('link', { name: 'Fortsæt, hvor du slap' }).click()]);
  assert.match(await me.locator('#progress-label').textContent(), /Spørgsmål 4 af 5/);
  // Going back shows the earlier answer, kept.
  await Promise.all([me.waitForEvent('load'), me.getByRole('button', { name: 'Tilbage' }).click()]);
  assert.equal(await me.locator('fieldset.item input[type=radio][value="4"]').isChecked(), true, 'answer 3 was saved');
  await Promise.all([me.waitForEvent('load'), me.getByRole('button', { name: 'Næste' }).click()]);
  await answer(me, '3', 'Næste');
  assert.match(await me.locator('#progress-label').textContent(), /Spørgsmål 5 af 5/);
  await answer(me, '3', 'Afslut og send');
  await expectH1(me, 'Tak');
  await expectAccessible(me, 'done (phone)');
  // The link is used up.
  await visit(me, linkPath, 410);
  assert.match(await me.locator('main').textContent(), /allerede besvaret/);

  // The peer worker, on the phone, sees the new score and the CHIME chart.
  await visit(peer, `${detail}/measurements`);
  const responses = peer.locator('section[aria-labelledby=h-resp] tbody tr', { hasText: 'CHIME-tjek' });
  assert.equal(await responses.count(), 1);
  const text = await responses.textContent();
  assert.match(text, /Via personligt link/);
  assert.match(text, /Afsluttet/);
  // (3 + 2 + 4 + 3 + 3) / 5 × 25
  assert.equal((await responses.locator('td.score').textContent()).trim(), '75,0');
  const chart = peer.locator('section[aria-labelledby=h-chime] figure svg[role=img]');
  assert.equal(await chart.count(), 1, 'a CHIME chart');
  const desc = await chart.locator('desc').textContent();
  assert.match(desc, /Håb og optimisme: Start 50/);
  assert.match(desc, /Identitet: Start 100/);
  await fitsTheScreen(peer, 'measurements (peer)');
  await expectAccessible(peer, 'measurements with the CHIME chart (phone)');
});
