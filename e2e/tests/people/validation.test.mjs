// Journey c: the new-participant form with an invalid e-mail address and CPR number shows the
// error summary and the field errors in the current language, keeps what was typed, and
// creates nothing.

import assert from 'node:assert/strict';

import {
  eventually,
  expectAccessible,
  expectH1,
  journey,
  listRows,
  login,
  pathOf,
  switchLanguage,
  uniqueName,
  useHarness,
  visit,
} from '../../lib/journeys.mjs';

const h = useHarness();

const TEXTS = {
  da: {
    title: 'Ny deltager',
    summary: 'Ret venligst følgende',
    email: 'Angiv en gyldig e-mailadresse.',
    cpr: 'Angiv et gyldigt CPR-nummer med 10 cifre (ddmmåå-xxxx).',
    save: 'Gem',
  },
  en: {
    title: 'New participant',
    summary: 'Please correct the following',
    email: 'Enter a valid email address.',
    cpr: 'Enter a valid CPR number with 10 digits (ddmmyy-xxxx).',
    save: 'Save',
  },
};

async function submitInvalid(page, language) {
  const t = TEXTS[language];
  const name = uniqueName(`E2E Fejl ${language}`);
  await visit(page, '/participants/new');
  await expectH1(page, t.title);
  const programme = await page.locator('#f-programme_id option').nth(1).getAttribute('value');
  const values = {
    '#f-name': name,
    '#f-birth_year': '1979',
    '#f-languages': 'da, ar',
    '#f-phone': '+45 11 22 33 44',
    '#f-email': 'ikke-en-adresse@',
    '#f-cpr': '1234',
  };
  for (const [sel, v] of Object.entries(values)) await page.fill(sel, v);
  await page.selectOption('#f-status', 'active');
  await page.selectOption('#f-programme_id', programme);
  await page.selectOption('#f-gender', 'female');

  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/participants'),
    page.waitForEvent('load'),
    page.getByRole('button', { name: t.save, exact: true }).click(),
  ]);
  assert.equal(res.status(), 422, 'an invalid form is answered 422');
  assert.equal(pathOf(page), '/participants');
  await expectH1(page, t.title);

  // The summary, focused, with a link to each field in error.
  const summary = page.locator('#error-summary');
  assert.ok(await summary.isVisible());
  assert.equal(await summary.getAttribute('role'), 'alert');
  assert.equal((await summary.locator('h2').textContent()).trim(), t.summary);
  const links = await summary.locator('a').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.textContent.trim()]));
  assert.deepEqual(
    links.sort(),
    [
      ['#f-cpr', t.cpr],
      ['#f-email', t.email],
    ],
  );
  await eventually('focus', () => page.evaluate(() => document.activeElement?.id), (id) => id === 'error-summary');

  // The messages beside the fields, tied to them.
  for (const [field, msg] of [
    ['email', t.email],
    ['cpr', t.cpr],
  ]) {
    assert.equal((await page.locator(`#e-${field}`).textContent()).trim(), msg);
    assert.equal(await page.getAttribute(`#f-${field}`, 'aria-invalid'), 'true');
    assert.match(await page.getAttribute(`#f-${field}`, 'aria-describedby'), new RegExp(`\\be-${field}\\b`));
  }
  assert.equal(await page.getAttribute('#f-name', 'aria-invalid'), null);

  // What was typed is kept, the bad values too, so they can be corrected.
  for (const [sel, v] of Object.entries(values)) assert.equal(await page.inputValue(sel), v, `${sel} keeps its value`);
  assert.equal(await page.inputValue('#f-status'), 'active');
  assert.equal(await page.inputValue('#f-programme_id'), programme);
  assert.equal(await page.inputValue('#f-gender'), 'female');

  // Following a summary link moves to the field.
  await summary.locator('a[href="#f-email"]').click();
  await eventually('focus after the summary link', () => page.evaluate(() => document.activeElement?.id), (id) => id === 'f-email');
  await expectAccessible(page, `invalid participant form (${language})`);
  return name;
}

async function expectNotCreated(page, name, language) {
  await visit(page, `/participants?q=${encodeURIComponent(name)}`);
  assert.deepEqual(await listRows(page), [], `no participant called ${name}`);
  const none = { da: 'Ingen resultater', en: 'No results' }[language];
  assert.equal((await page.locator('#results [role=status]').textContent()).trim(), none);
}

journey(h, 'invalid participant form, in Danish and English', async ({ open }) => {
  const page = await open();
  await login(page, 'koordinator@soby.example');

  const da = await submitInvalid(page, 'da');
  await expectNotCreated(page, da, 'da');

  await switchLanguage(page, 'en');
  const en = await submitInvalid(page, 'en');

  // Corrected on the same page, the form saves once: exactly one participant of that name.
  await page.fill('#f-email', 'rettet@example.org');
  await page.fill('#f-cpr', '');
  await Promise.all([
    page.waitForURL((u) => /^\/participants\/[0-9a-f-]{36}$/.test(u.pathname)),
    page.getByRole('button', { name: 'Save', exact: true }).click(),
  ]);
  await expectH1(page, en);
  assert.match(await page.locator('dl.facts').textContent(), /rettet@example\.org/);
  await visit(page, `/participants?q=${encodeURIComponent(en)}`);
  assert.equal((await listRows(page)).length, 1);
});
