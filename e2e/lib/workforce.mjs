// Steps of the workforce journeys that more than one test file takes: applying on
// the public job page, pressing a named button, scoring an interview.

import assert from 'node:assert/strict';

import { expectAccessible, expectH1, visit } from './journeys.mjs';

/** A tiny valid PDF (one empty page), built here. */
export function tinyPdf() {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** Submits the form that holds `button` and waits for the next page. */
export async function press(page, name) {
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name, exact: true }).click()]);
}

/** Applies on the public posting page; returns after the receipt. */
export async function apply(page, posting, name, email, withPdf) {
  await visit(page, posting);
  await expectAccessible(page, 'public posting with the application form');
  await page.fill('#f-name', name);
  await page.fill('#f-email', email);
  await page.fill('#f-phone', '+45 20 30 40 50');
  await page.selectOption('#f-language', 'da');
  await page.fill('#f-motivation', 'Jeg har selv været indlagt og vil gerne give håb videre.');
  if (withPdf) await page.setInputFiles('#f-attachments', { name: 'ansoegning.pdf', mimeType: 'application/pdf', buffer: tinyPdf() });
  await page.check('#f-consent');
  await press(page, 'Send ansøgning');
  await expectH1(page, 'Tak for din ansøgning');
  const text = await page.locator('main').textContent();
  assert.ok(!text.includes(name) && !text.includes(email), 'the receipt echoes nothing personal');
  await expectAccessible(page, 'application receipt');
}

/** Scores every competence on the application page's interview with `value`. */
export async function score(page, value) {
  for (const c of ['hope', 'self_determination', 'self_exploration', 'change_agent', 'listening']) {
    await page.locator(`select[name=score_${c}]`).first().selectOption(value);
  }
  await page.locator('textarea[name=note_hope]').first().fill('Fortalte levende om sin egen vej.');
  await press(page, 'Gem point');
}

