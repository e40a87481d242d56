// Journey: a coordinator reads what changed in people's lives and the CHIME profile of a
// programme, first on the programme's page and then in the evaluation report, with small
// counts hidden and the "change, not effect" caveat; then the matching proposal explains each
// unmatched participant by the peers they could have had and shows every alternative's score
// parts.

import assert from 'node:assert/strict';

import { expectAccessible, journey, login, useHarness, visit } from '../../lib/journeys.mjs';

const h = useHarness();
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/** The text of a table's body rows (cells joined by " | ") under the caption `caption`, within `root`. */
async function tableRows(page, root, caption) {
  const table = page.locator(`${root} table`, { has: page.locator('caption', { hasText: caption }) });
  assert.equal(await table.count(), 1, `one table "${caption}"`);
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => Array.from(r.children, (c) => c.textContent.trim()).join(' | ')));
}

/** The id of the coordinator's programme named `name` (from the programme list). */
async function programmeId(page, name) {
  await visit(page, '/programmes');
  const href = await page.locator('main a', { hasText: name }).first().getAttribute('href');
  return href.match(UUID)[0];
}

journey(h, 'coordinator: life outcomes and the CHIME profile on the programme page and in the report', async ({ open }) => {
  const page = await open();
  await login(page, 'koordinator@soby.example');
  const id = await programmeId(page, 'Individuelle peerforløb');

  // The programme page: both sections, each with its table and chart.
  await visit(page, `/programmes/${id}`);
  const section = page.locator('#outcomes');
  assert.equal(await section.count(), 1, 'the outcomes section is on the page');
  const text = await section.textContent();
  assert.match(text, /Resultater for programmet/);
  assert.match(text, /Ændringer i livet/);
  assert.match(text, /CHIME-profil/);
  assert.match(text, /Ændring, ikke effekt/);
  assert.match(text, /ikke valideret/);
  const life = await tableRows(page, '#outcomes', 'Ændringer i livet pr. sted');
  assert.equal(life.at(-1).split(' | ')[0], 'I alt', 'an overall row');
  const followed = Number(life.at(-1).split(' | ')[1]);
  assert.ok(followed >= 5, `the demo programme follows people: ${followed}`);
  const chime = await tableRows(page, '#outcomes', 'CHIME-profil ved start og opfølgning');
  assert.deepEqual(chime.map((r) => r.split(' | ')[0]), ['Forbundethed', 'Håb og optimisme', 'Identitet', 'Mening', 'Handlekraft']);
  assert.ok(await section.locator('figure svg[role=img]').count() >= 1, 'charts drawn as SVG');
  await expectAccessible(page, 'programme page with outcomes');

  // A peer worker sees the programme but not the figures.
  const peer = await open();
  await login(peer, 'peer@soby.example');
  const res = await peer.goto(`/programmes/${id}`);
  if (res.status() === 200) assert.equal(await peer.locator('#outcomes').count(), 0, 'no outcomes for a peer worker');

  // The evaluation report of the programme at week 8: the same sections.
  await visit(page, `/reports?scope=programme:${id}&instrument=sammen-chime-checkin&wave=week-8`);
  await page.locator('#report-title').waitFor();
  const report = await page.locator('#report').textContent();
  assert.match(report, /Ændringer i livet/);
  assert.match(report, /CHIME-profil/);
  const rows = await tableRows(page, '#report', 'Ændringer i livet pr. sted');
  assert.equal(rows.at(-1).split(' | ')[0], 'I alt');
  const profile = await tableRows(page, '#report', 'CHIME-profil ved start og opfølgning');
  assert.equal(profile.length, 5, 'one row per CHIME process');
  for (const r of profile) {
    const [, n, before, after] = r.split(' | ');
    // A shown mean needs a large enough group; a hidden count is "x".
    assert.ok(n === 'x' || Number(n) >= 0, r);
    if (before !== '–') assert.ok(Number(n) >= 10, `a mean only for groups of at least 10: ${r}`);
    if (before !== '–') assert.match(after, /^\d+(,\d)?$/, r);
  }
  await expectAccessible(page, 'report with outcomes');
});

journey(h, 'coordinator: the matching proposal explains itself and shows the alternatives’ scores', async ({ open }) => {
  const page = await open();
  await login(page, 'koordinator@soby.example');
  const id = await programmeId(page, 'Individuelle peerforløb');
  await visit(page, `/programmes/${id}/matching`);
  await expectAccessible(page, 'matching proposal');
  // Every participant with eligible peers has a table of them with each score's parts.
  const tables = page.locator('table.match-alternatives');
  for (let i = 0; i < (await tables.count()); i += 1) {
    const headers = await tables.nth(i).locator('thead th').allTextContents();
    assert.deepEqual(headers.slice(2), ['Fælles erfaring', 'Tidspunkter', 'Afstand', 'Ventetid', 'Kendt peer']);
    const peers = await tables.nth(i).locator('tbody th').allTextContents();
    const card = tables.nth(i).locator('xpath=ancestor::section[1]');
    const options = await card.locator('select option').allTextContents();
    // The choices offered are the peers in the table (and "not now").
    for (const p of peers) {
      const name = p.replace('Foreslået', '').trim();
      assert.ok(options.some((o) => o.startsWith(name)), `${name} is a choice`);
    }
  }
  // An unmatched participant's reasons name peers.
  for (const li of await page.locator('ul.match-reasons li').allTextContents()) {
    assert.match(li, /: /, `a reason names its peers: ${li}`);
  }
});
