// Journey: a report whose costs come from recorded hours. A coordinator chooses a programme
// and the follow-up wave from the plan's list, asks for costs over the last year, reads where
// each figure comes from (session logs, group meetings, supervision, training, the programme's
// coordination hours), sees that unset prices give no net gain, and overrides one figure with a
// reason that the page and the PDF print.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { expectAccessible, expectH1, journey, login, useHarness, visit } from '../../lib/journeys.mjs';

const h = useHarness();
// Havnstrup's prices are never set by the other journeys on a shared database.
const PROGRAMME = 'Individuelle peerforløb – Havnstrup';
const iso = (d) => d.toISOString().slice(0, 10);

/** The rows of the figures table, cells joined by " | ". */
async function figures(page) {
  const table = page.locator('#report table', { has: page.locator('caption', { hasText: 'Timer og personer fra registreringerne' }) });
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => Array.from(r.children, (c) => c.textContent.trim()).join(' | ')));
}

journey(h, 'coordinator: a report whose costs come from recorded hours', async ({ open }) => {
  const page = await open();
  await login(page, 'koordinator@havnstrup.example');
  await visit(page, '/reports');
  await expectH1(page, 'Rapporter');

  // The programme, then the instrument: the wave list follows the programme's WHO-5 plan.
  const scope = await page.locator('#f-scope option', { hasText: PROGRAMME }).getAttribute('value');
  assert.match(scope, /^programme:/);
  await page.selectOption('#f-scope', scope);
  await page.selectOption('#f-instrument', 'who-5');
  await page.locator('#f-wave option[value="week-12"]').waitFor({ state: 'attached' });
  const waves = await page.locator('#f-wave option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  assert.ok(waves.includes('closure') && !waves.includes('week-5'), `the plan's waves: ${waves.join(', ')}`);
  await page.selectOption('#f-wave', 'week-12');
  await expectAccessible(page, 'report form with the plan’s waves');

  const today = new Date();
  const yearAgo = new Date(today.getTime() - 365 * 86_400_000);
  await page.fill('#f-from', iso(yearAgo));
  await page.fill('#f-to', iso(today));
  await page.check('#f-cost');
  await page.fill('#f-period_months', '6');
  await Promise.all([page.waitForURL(/\/reports\?scope=/), page.getByRole('button', { name: 'Lav rapport' }).click()]);
  await page.locator('#report-title').waitFor();

  // Each figure with its source, from Sammen's records.
  const rows = await figures(page);
  const row = (label) => rows.find((r) => r.startsWith(label)) ?? '';
  assert.match(row('Peer-timer, samtaler'), /\d+ samtaler, [\d.,]+ t, fra samtalelogs/, rows.join('\n'));
  assert.match(row('Peer-timer, grupper'), /gruppemøder × facilitatorer .* fra gruppernes møder/, rows.join('\n'));
  assert.match(row('Supervisionstimer'), /supervisioner, \d+ deltagelser/, rows.join('\n'));
  assert.match(row('Koordineringstimer'), /t pr\. måned fra 1 programmers indstilling/, rows.join('\n'));
  assert.match(row('Peer-medarbejdere uddannet'), /fra uddannelsen/, rows.join('\n'));
  const sessionHours = row('Peer-timer, samtaler').split(' | ')[1];
  assert.notEqual(sessionHours, '0,0', 'the demo programme has recorded session hours');
  // The demo's prices are not set: said so, and no net gain on zero cost.
  const report = await page.locator('#report').textContent();
  assert.match(report, /Disse priser er ikke sat: Timeløn, peer-medarbejder/);
  assert.doesNotMatch(report, /Nettogevinst/);
  await expectAccessible(page, 'report with recorded costs');

  // Override the session hours with a reason: the report prints both.
  await page.locator('summary', { hasText: 'Ret et tal fra registreringerne' }).click();
  await page.fill('#f-ov_session_hours', '120');
  await page.fill('#f-ov_session_hours_reason', 'Telefonsamtaler i foråret blev ikke logget');
  await Promise.all([page.waitForURL(/ov_session_hours=120/), page.getByRole('button', { name: 'Lav rapport' }).click()]);
  await page.locator('#report-title').waitFor();
  const overridden = (await figures(page)).find((r) => r.startsWith('Peer-timer, samtaler')) ?? '';
  assert.match(overridden, /\| 120,0 \| Rettet: Telefonsamtaler i foråret blev ikke logget$/, overridden);
  assert.match(await page.locator('#report').textContent(), /Peer-timer, samtaler er rettet til 120,0 \(registreret: [\d.,]+\)\. Begrundelse: Telefonsamtaler i foråret blev ikke logget/);
  await expectAccessible(page, 'report with an overridden figure');

  // The PDF prints the reason too.
  const dir = mkdtempSync(join(tmpdir(), 'sammen-costs-'));
  try {
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Hent PDF' }).click()]);
    const path = join(dir, 'report.pdf');
    await pdf.saveAs(path);
    const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    assert.match(text, /Telefonsamtaler i foråret blev ikke logget/);
    assert.match(text, /fra samtalelogs/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // The form opens with the last choices.
  await visit(page, '/reports');
  assert.equal(await page.inputValue('#f-scope'), scope);
  assert.equal(await page.inputValue('#f-wave'), 'week-12');
  assert.equal(await page.inputValue('#f-ov_session_hours'), '', 'an override belongs to one report');
});
