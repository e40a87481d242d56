// Journey: a coordinator builds the evaluation report of a partnership of three
// municipalities, reads it on the page (tables, forest plot, the "change, not effect"
// caveat), and downloads it as PDF, XLSX and CSV; the files are read back with independent
// tools (poppler, pikepdf and openpyxl through scripts/check-pdf.py and scripts/check-xlsx.py,
// Python's csv) and must say what the page says.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { expectAccessible, expectH1, journey, login, useHarness, visit } from '../../lib/journeys.mjs';

const h = useHarness();
const ROOT = join(import.meta.dirname, '../../..');
// The independent checkers' python (scripts/py-tools.sh makes it; scripts/test-all.sh exports SAMMEN_PY).
const PY = process.env.SAMMEN_PY || '/tmp/sammen-py-venv/bin/python';
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

  // The organisation's prices: the peer workers' wage with its source, and the other costs.
  await visit(page, '/reports/prices');
  await expectH1(page, 'Priser til omkostningsberegning');
  await expectAccessible(page, 'prices');
  await page.fill('#v-peer_hourly_wage', '250');
  await page.fill('#l-peer_hourly_wage', '200');
  await page.fill('#h-peer_hourly_wage', '300');
  await page.fill('#s-peer_hourly_wage', 'Lokal aftale om honorar, Søby Kommune');
  await page.fill('#y-peer_hourly_wage', '2026');
  for (const [name, value] of [['supervision_hourly_wage', '450'], ['training_cost_per_peer', '8000'], ['coordination_hourly_wage', '400'], ['overhead_share', '0,1']]) {
    for (const end of ['v', 'l', 'h']) await page.fill(`#${end}-${name}`, value);
    await page.fill(`#s-${name}`, 'Søby Kommunes budget 2026');
    await page.fill(`#y-${name}`, '2026');
  }
  await Promise.all([page.waitForURL('**/reports/prices'), page.getByRole('button', { name: 'Gem priser' }).click()]);
  assert.equal(await page.inputValue('#v-peer_hourly_wage'), '250,00');
  await visit(page, '/reports');

  const scope = await page.locator('#f-scope option', { hasText: PARTNERSHIP }).getAttribute('value');
  assert.match(scope, /^partnership:/);
  await page.selectOption('#f-scope', scope);
  await page.selectOption('#f-instrument', 'who-5');
  // The wave is chosen from the plans' waves.
  await page.locator('#f-wave option[value="week-12"]').waitFor({ state: 'attached' });
  await page.selectOption('#f-wave', 'week-12');
  // Costs over the last year from the recorded hours, service use six months before and after
  // each start: each party is costed with its own prices.
  const today = new Date();
  await page.fill('#f-from', new Date(today.getTime() - 365 * 86_400_000).toISOString().slice(0, 10));
  await page.fill('#f-to', today.toISOString().slice(0, 10));
  await page.check('#f-cost');
  await page.fill('#f-period_months', '6');
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
  assert.match(report, /Omkostninger: Havnstrup Kommune/);
  assert.match(report, /Ingen samlet nettogevinst: mindst én part mangler priser\./, 'the other parties have not set their prices');

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
    // Accessible: tagged PDF/UA-1 and PDF/A-2 with /Lang, a shown title, embedded fonts, every
    // chart a figure with alternative text, every text in marked content, in reading order.
    execFileSync(PY, [join(ROOT, 'scripts/check-pdf.py'), '--pdfa', '--expect-types', 'H1,H2,Table,TH,TD,Figure', pdfPath], { encoding: 'utf8' });
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    assert.match(text, new RegExp(`Evaluering: ${PARTNERSHIP}`));
    assert.match(text, /Ændring, ikke effekt/);
    for (const s of SITES) assert.ok(text.includes(s), `the PDF names ${s}`);
    // The PDF's embedded font has the true minus sign: the estimate reads as on the page.
    assert.ok(text.includes(pooled), `the PDF shows the pooled estimate ${pooled}`);
    assert.match(text, /side 1 af \d+/);
    assert.match(text, /Omkostninger og gevinster/);
    assert.match(text, /Lokal aftale om honorar, Søby Kommune/);

    // The XLSX: a sheet per table, each an Excel table with a frozen header and number formats
    // (checked with openpyxl), the sites as text and n as numbers.
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Hent regneark (XLSX)' }).click()]);
    assert.match(xlsx.suggestedFilename(), /^evaluering-.*\.xlsx$/);
    const xlsxPath = join(dir, 'report.xlsx');
    await xlsx.saveAs(xlsxPath);
    execFileSync(PY, [join(ROOT, 'scripts/check-xlsx.py'), xlsxPath, '--lang', 'da'], { encoding: 'utf8' });
    const sheets = JSON.parse(execFileSync(PY, ['-c', `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(json.dumps([[ws.title, [[c.value for c in r] for r in ws.iter_rows()]] for ws in wb.worksheets]))`, xlsxPath], { encoding: 'utf8' }));
    const changeSheet = sheets.find(([title]) => title.startsWith('Parret ændring pr. sted'));
    assert.ok(changeSheet, `the change table has its own sheet: ${sheets.map(([t]) => t).join(', ')}`);
    for (const s of SITES) {
      const row = changeSheet[1].find((r) => r[0] === s);
      assert.ok(row, `a row for ${s}`);
      assert.equal(row[1], n[s], `${s}: n = ${n[s]} is a number beside its name`);
    }

    // The CSV: UTF-8 with a byte-order mark, `;` for a Danish reader, one figure per row.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Hent tallene (CSV)' }).click()]);
    assert.match(csv.suggestedFilename(), /^evaluering-.*\.csv$/);
    const csvPath = join(dir, 'report.csv');
    await csv.saveAs(csvPath);
    const rows = JSON.parse(execFileSync(PY, ['-c', `
import csv, json, sys
with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:
    print(json.dumps(list(csv.reader(f, delimiter=';'))))`, csvPath], { encoding: 'utf8' }));
    assert.deepEqual(rows[0], ['measure', 'group', 'label', 'value']);
    assert.ok(rows.length > 10, `the CSV has the report's figures: ${rows.length} rows`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // Partners outside Sammen: pooled from per-site summaries alone; a bad line is named.
  await visit(page, '/reports/pool');
  await expectH1(page, 'Puljning af partneres opsummeringer');
  await page.fill('#f-summaries', 'site,n,mean_pre,mean_post,sd_pre,r\nNord,40,50,56,12,0.5\nSyd,35,48,51,11,0.6\nVest,52,52,55,13,0.55\nØst,30,47,x,12,0.5\n');
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Pulj' }).click()]);
  assert.match(await page.locator('#e-summaries').textContent(), /Linje 5, kolonne 4 \(mean_post\): »x« er ikke et tal\./);
  assert.match(await page.locator('#error-summary').textContent(), /Linje 5, kolonne 4 \(mean_post\)/);
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
