// Journey: a coordinator checks a Danish Excel export (Windows-1252,
// semicolons), sees each bad row with its line, fixes the file and imports it: all rows at once.

import assert from 'node:assert/strict';

import { expectAccessible, expectH1, journey, login, uniqueName, useHarness, visit } from '../../lib/journeys.mjs';

const h = useHarness();

/** Windows-1252 bytes (Danish letters are single bytes there), as Excel saves "CSV (semikolonsepareret)". */
function cp1252(text) {
  const map = { æ: 0xe6, ø: 0xf8, å: 0xe5, Æ: 0xc6, Ø: 0xd8, Å: 0xc5 };
  return Buffer.from([...text].map((c) => map[c] ?? c.charCodeAt(0)));
}

async function send(page, name, bytes, button) {
  await page.setInputFiles('#f-file', { name, mimeType: 'text/csv', buffer: bytes });
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/import') && r.request().method() === 'POST'),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  await page.locator('#import-result h2').waitFor();
}

journey(h, 'coordinator: check and import participants from a Danish spreadsheet', async ({ open }) => {
  const page = await open();
  await login(page, 'koordinator@soby.example');
  await visit(page, '/import');
  await expectH1(page, 'Importér fra regneark');
  await expectAccessible(page, 'import form');

  const surname = uniqueName('Øster').split(' ')[1];
  const rows = [`Søren ${surname};aktiv;dansk`, `Åse ${surname};venteliste;dansk, engelsk`, `Bo ${surname};aktiv;da`];
  const bad = cp1252(`Navn;Status;Sprog;CPR\r\n${rows[0]};\r\n${rows[1]};123\r\n${rows[2]};\r\n`);
  await send(page, 'deltagere.csv', bad, 'Kontrollér');
  const result = await page.locator('#import-result').textContent();
  assert.match(result, /3 rækker læst \(CSV, windows-1252, adskilt med semikolon\); 2 uden fejl/);
  const problems = await page.locator('#import-result tbody tr').allTextContents();
  assert.equal(problems.length, 1);
  assert.match(problems[0], /^3/, 'the bad CPR is on line 3');
  assert.match(problems[0], /CPR/);
  await expectAccessible(page, 'import check with a problem');

  // Importing the faulty file writes nothing.
  await send(page, 'deltagere.csv', bad, 'Importér');
  assert.match(await page.locator('#import-result').textContent(), /Intet er gemt/);

  const good = cp1252(`Navn;Status;Sprog\r\n${rows.join('\r\n')}\r\n`);
  await send(page, 'deltagere.csv', good, 'Importér');
  assert.match(await page.locator('#import-result [role=status]').textContent(), /3 oprettet/);

  // They are there, Danish letters and all.
  await visit(page, `/participants?q=${encodeURIComponent(surname)}`);
  const names = await page.locator('#results tbody tr').allTextContents();
  assert.equal(names.length, 3, `three participants named ${surname}: ${names}`);
  assert.ok(names.some((n) => n.includes(`Åse ${surname}`)));
});
