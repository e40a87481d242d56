// Journey: a coordinator builds the evaluation report of a partnership of three
// municipalities, reads it on the page (tables, forest plot, the "change, not effect"
// caveat), and downloads it as PDF and XLSX; the files are read back with independent tools
// (poppler's pdftotext, unzip) and must say what the page says.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { expectAccessible, expectH1, journey, login, useHarness, visit } from '../../lib/journeys.mjs';

const h = useHarness();
const PARTNERSHIP = 'Fælles evaluering Søby–Havnstrup–Lindholm';
const SITES = ['Havnstrup Kommune', 'Lindholm Kommune', 'Søby Kommune'];

/** The text of a table's body rows, cells joined by " | ", under the caption `caption`. */
async function tableRows(page, caption) {
  const table = page.locator('#report table', { has: page.locator('caption', { hasText: caption }) });
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => Array.from(r.children, (c) => c.textContent.trim()).join(' | ')));
}

journey(h, 'coordinator: a partnership report with three sites, on the page and as PDF and XLSX', async ({ open }) => {
  const page = await open();
  await login(page, 'koordinator@soby.example');
  await Promise.all([page.waitForURL('**/reports'), page.getByRole('navigation').getByRole('link', { name: 'Rapporter' }).click()]);
  await expectH1(page, 'Rapporter');
  await expectAccessible(page, 'report form');

  // The organisation's prices: set the peer workers' wage with its source.
  await visit(page, '/reports/prices');
  await expectH1(page, 'Priser til omkostningsberegning');
  await expectAccessible(page, 'prices');
  await page.fill('#v-peer_hourly_wage', '250');
  await page.fill('#l-peer_hourly_wage', '200');
  await page.fill('#h-peer_hourly_wage', '300');
  await page.fill('#s-peer_hourly_wage', 'Lokal aftale om honorar, Søby Kommune');
  await page.fill('#y-peer_hourly_wage', '2026');
  await Promise.all([page.waitForURL('**/reports/prices'), page.getByRole('button', { name: 'Gem priser' }).click()]);
  assert.equal(await page.inputValue('#v-peer_hourly_wage'), '250,00');
  await visit(page, '/reports');

  const scope = await page.locator('#f-scope option', { hasText: PARTNERSHIP }).getAttribute('value');
  assert.match(scope, /^partnership:/);
  await page.selectOption('#f-scope', scope);
  await page.selectOption('#f-instrument', 'who-5');
  await page.fill('#f-wave', 'week-12');
  // Costs for six months: the report adds a cost-benefit section from the demo's admissions.
  await page.fill('#f-period_months', '6');
  await page.fill('#f-peer_hours', '400');
  await page.fill('#f-supervision_hours', '40');
  await page.fill('#f-peers_trained', '4');
  await page.fill('#f-coordination_hours', '60');
  // htmx swaps the report in place and puts the query in the address bar.
  await Promise.all([page.waitForURL(/\/reports\?scope=/), page.getByRole('button', { name: 'Lav rapport' }).click()]);
  await page.locator('#report-title').waitFor();
  assert.equal(await page.locator('#report-title').textContent(), `Evaluering: ${PARTNERSHIP}`);
  const report = await page.locator('#report').textContent();
  assert.match(report, /Ændring, ikke effekt/);
  assert.match(report, /Deltagerflow/);
  assert.match(report, /Til sammenligning: effekter i kontrollerede forsøg/);
  assert.match(report, /Omkostninger og gevinster/);
  assert.match(report, /Timeløn, peer-medarbejder/);
  assert.match(report, /250,00/, 'the peer wage set on the prices page is used');

  // One row per site and one overall, with n and the change.
  const change = await tableRows(page, 'Parret ændring pr. sted');
  assert.deepEqual(change.map((r) => r.split(' | ')[0]), [...SITES, 'I alt']);
  const n = Object.fromEntries(change.map((r) => [r.split(' | ')[0], Number(r.split(' | ')[1])]));
  for (const s of SITES) assert.ok(n[s] >= 10, `${s} has enough pairs to be shown: ${n[s]}`);
  assert.equal(n['I alt'], SITES.reduce((a, s) => a + n[s], 0), 'overall is all the sites’ pairs');

  // Three sites: pooled, with a forest plot.
  const forest = page.locator('#report figure svg[role=img]', { has: page.locator('title', { hasText: 'Forest plot' }) });
  assert.equal(await forest.count(), 1, 'a forest plot');
  const pooled = (await page.locator('#report dl.facts div', { has: page.locator('dt', { hasText: /^Samlet$/ }) }).locator('dd').textContent()).trim();
  assert.match(pooled, /^−?\d+,\d\d \[−?\d+,\d\d; −?\d+,\d\d\]$/, `pooled estimate: ${pooled}`);
  await expectAccessible(page, 'partnership report');

  // The PDF: same title, caveat, sites and pooled estimate.
  const dir = mkdtempSync(join(tmpdir(), 'sammen-report-'));
  try {
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Hent PDF' }).click()]);
    assert.match(pdf.suggestedFilename(), /\.pdf$/);
    const pdfPath = join(dir, 'report.pdf');
    await pdf.saveAs(pdfPath);
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    assert.match(text, new RegExp(`Evaluering: ${PARTNERSHIP}`));
    assert.match(text, /Ændring, ikke effekt/);
    for (const s of SITES) assert.ok(text.includes(s), `the PDF names ${s}`);
    // The PDF's font has no true minus sign; it writes a hyphen.
    assert.ok(text.includes(pooled.replaceAll('−', '-')), `the PDF shows the pooled estimate ${pooled}`);
    assert.match(text, /side 1 af \d+/);
    assert.match(text, /Omkostninger og gevinster/);
    assert.match(text, /Lokal aftale om honorar, Søby Kommune/);

    // The XLSX: one sheet, the sites as text and n as numbers.
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Hent regneark (XLSX)' }).click()]);
    assert.match(xlsx.suggestedFilename(), /\.xlsx$/);
    const xlsxPath = join(dir, 'report.xlsx');
    await xlsx.saveAs(xlsxPath);
    const sheet = execFileSync('unzip', ['-p', xlsxPath, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' });
    for (const s of SITES) {
      // The change table's row for the site: its name, then n as a number cell.
      const rows = sheet.split('<row').filter((r) => r.includes(`<t>${s}</t>`) || r.includes(`<t xml:space="preserve">${s}</t>`));
      assert.ok(rows.length > 0, `a row for ${s} in the sheet`);
      assert.ok(rows.some((r) => new RegExp(`<c r="B\\d+"[^>]*><v>${n[s]}</v>`).test(r)), `${s}: n = ${n[s]} is a number cell beside its name`);
    }
    assert.ok(sheet.includes('Parret ændring pr. sted'), 'the change table is in the sheet');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // Partners outside Sammen: pooled from per-site summaries alone; a bad line is named.
  await visit(page, '/reports/pool');
  await expectH1(page, 'Puljning af partneres opsummeringer');
  await page.fill('#f-summaries', 'site,n,mean_pre,mean_post,sd_pre,r\nNord,40,50,56,12,0.5\nSyd,35,48,51,11,0.6\nVest,52,52,55,13,0.55\nØst,30,47,x,12,0.5\n');
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Pulj' }).click()]);
  assert.match(await page.locator('main p.error[role=alert]').textContent(), /Linje 5, kolonne mean_post/);
  await expectAccessible(page, 'pool form with an error');
  await page.fill('#f-summaries', 'site,n,mean_pre,mean_post,sd_pre,r\nNord,40,50,56,12,0.5\nSyd,35,48,51,11,0.6\nVest,52,52,55,13,0.55\n');
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Pulj' }).click()]);
  assert.equal(await page.locator('#report figure svg[role=img]').count(), 1, 'a forest plot of the three summaries');
  assert.match(await page.locator('#report').textContent(), /Forudsigelsesinterval/);
  await expectAccessible(page, 'pooled summaries');

  // An evaluator of another organisation, not a party, cannot choose the partnership.
  const other = await open();
  await login(other, 'evaluator@peerkraft.example');
  await visit(other, '/reports');
  assert.equal(await other.locator('#f-scope option', { hasText: PARTNERSHIP }).count(), 0);
  await visit(other, `/reports?scope=${encodeURIComponent(scope)}&instrument=who-5&wave=week-12`, 404);
});
