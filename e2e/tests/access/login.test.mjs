// Journey e: a wrong password and an unknown e-mail address get the same answer, so the
// login page does not tell which addresses have accounts.

import assert from 'node:assert/strict';

import { expectAccessible, expectH1, journey, lang, login, pathOf, submitLogin, switchLanguage, useHarness, visit } from '../../lib/journeys.mjs';

const h = useHarness();

/** Submits the login form; returns what the page says and how the server answered. */
async function attempt(page, email, password) {
  await visit(page, '/login');
  await page.fill('#f-email', email);
  await page.fill('#f-password', password);
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login'),
    page.waitForEvent('load'),
    submitLogin(page),
  ]);
  assert.equal(pathOf(page), '/login', `${email} stays on the login page`);
  const alert = page.locator('main .error-summary[role=alert]');
  assert.ok(await alert.isVisible(), 'the failure is announced');
  return {
    status: res.status(),
    message: (await alert.textContent()).trim(),
    email: await page.inputValue('#f-email'),
    password: await page.inputValue('#f-password'),
  };
}

journey(h, 'wrong password and unknown e-mail get the same message', async ({ open }) => {
  const page = await open();
  for (const [language, expected] of [
    ['da', 'Forkert e-mailadresse eller adgangskode.'],
    ['en', 'Incorrect email address or password.'],
  ]) {
    if (language !== 'da') await switchLanguage(page, language);
    const wrong = await attempt(page, 'evaluator@havnstrup.example', `forkert-${language}-adgangskode`);
    await expectAccessible(page, `login failed (${language})`);
    const unknown = await attempt(page, `ingen-${language}@nowhere.example`, 'sammen-demo-2026');
    assert.equal(await lang(page), language);
    assert.equal(wrong.message, expected);
    assert.equal(unknown.message, wrong.message, 'the same message for both');
    assert.equal(unknown.status, wrong.status, 'the same status for both');
    assert.equal(wrong.status, 401);
    // The address is kept for another try; the password never comes back.
    assert.equal(wrong.email, 'evaluator@havnstrup.example');
    assert.equal(unknown.email, `ingen-${language}@nowhere.example`);
    assert.equal(wrong.password, '');
    assert.equal(unknown.password, '');
  }

  // The right password still works after a few failures.
  await login(page, 'evaluator@havnstrup.example');
  await expectH1(page, 'Overview');
});
