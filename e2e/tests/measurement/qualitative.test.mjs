// Interview studies: an evaluator creates a study and makes two coders of it; the administrator
// records two interviews with their consent, their transcripts uploaded as DOCX and as text; the two coders
// code both transcripts blind (each sees only their own coding until both are done), the
// agreement is shown, and a consensus is settled on the comparison page; the analysis and the
// evaluation report show what people told us, and the study's REFI-QDA download validates
// against the schema (scripts/check-qdpx.py). Axe on every page.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { eventually, expectAccessible, journey, login, pathOf, uniqueName, useHarness, visit } from '../../lib/journeys.mjs';
import { REPO } from '../../lib/server.mjs';

const h = useHarness();
const ID = /[0-9a-f-]{36}/;

const TRANSCRIPT_1 = [
  'I: Hvordan var det at møde din peer første gang?',
  '',
  'D: Jeg var nervøs, men Anne Holm havde selv prøvet det, så jeg behøvede ikke forklare alting.',
  '',
  'I: Hvad har forløbet betydet for dig?',
  '',
  'D: For første gang i lang tid tror jeg på, at det kan blive bedre. Men da det stoppede, faldt jeg lidt tilbage.',
].join('\n');

const TRANSCRIPT_2 = [
  'I: Hvad har du oplevet som pårørende?',
  '',
  'D: Min søn er begyndt at ringe til sin søster igen, og han er startet på HF.',
  '',
  'I: Var der noget, der var svært?',
  '',
  'D: Det var svært at komme derud uden bil.',
].join('\r\n');

// A minimal WordprocessingML document from standard input, one paragraph a line.
const DOCX_WRITER = `
import sys, zipfile
from xml.sax.saxutils import escape
paras = ''.join('<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % escape(l) for l in sys.stdin.read().split('\\n'))
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    z.writestr('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    z.writestr('word/document.xml', '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' + paras + '</w:body></w:document>')
`;

/** Submits the form that holds `button` and waits for the next page. */
async function submit(page, button) {
  await Promise.all([page.waitForEvent('load'), button.click()]);
}

/** The name the header shows for the signed-in user. */
async function userName(page) {
  return ((await page.locator('header .user').first().textContent()) ?? '').split('·')[0].trim();
}

/** Codes one segment on the coding page (htmx) and waits for the saved message. */
async function codeSegment(page, n, codes) {
  const seg = page.locator(`#seg-${n}`);
  for (const code of codes) await seg.getByLabel(code, { exact: true }).check();
  await seg.locator('button[type=submit]').click();
  await eventually(`segment ${n} saved`, () => page.locator(`#seg-${n} [role=status]`).count(), (c) => c === 1);
}

journey(h, 'interview study: create, consent and transcripts, blind coding by two, agreement and consensus', async ({ open }) => {
  const dir = mkdtempSync(join(tmpdir(), 'sammen-e2e-interviews-'));
  try {
    const file2 = join(dir, 'interview-paaroerende.txt');
    writeFileSync(file2, TRANSCRIPT_2, 'utf8');
    // The first transcript as a Word document, written by Python's zipfile (a paragraph a line).
    const python = [process.env.SAMMEN_PY, '/tmp/sammen-py-venv/bin/python'].find((p) => p && existsSync(p)) ?? 'python3';
    const file1 = join(dir, 'interview-deltager.docx');
    execFileSync(python, ['-c', DOCX_WRITER, file1], { input: TRANSCRIPT_1, encoding: 'utf8' });

    // The second coder: the organisation's supervisor.
    const second = await open();
    await login(second, 'supervisor@soby.example');
    const secondName = await userName(second);
    assert.ok(secondName.length > 0, 'the supervisor has a name');

    // The evaluator creates the study.
    const ev = await open();
    await login(ev, 'evaluator@soby.example');
    const evName = await userName(ev);
    await visit(ev, '/studies');
    await expectAccessible(ev, 'study list');
    await submit(ev, ev.locator('main a[href="/studies/new"]'));
    await expectAccessible(ev, 'new study form');
    // An empty form is refused with translated errors.
    await submit(ev, ev.locator('main form[action="/studies"] button[type=submit]'));
    assert.ok((await ev.locator('#error-summary').textContent()).includes('Feltet skal udfyldes'), 'translated errors');
    await expectAccessible(ev, 'new study form with errors');
    const name = uniqueName('Interviews om peerstøtte');
    await ev.fill('#f-name', name);
    await ev.fill('#f-purpose', 'At forstå, hvad deltagerne og de pårørende oplever i forløbene.');
    await ev.fill('#f-sampling', 'Deltagere, der afsluttede et forløb i efteråret, og en pårørende.');
    await ev.check('#f-scope_kind-organisation');
    await ev.fill('#f-guide_da', 'Hvordan var det at møde din peer?\nHvad har forløbet betydet for dig?');
    await ev.fill('#f-guide_en', 'What was it like to meet your peer?\nWhat has the course meant to you?');
    await submit(ev, ev.locator('main form[action="/studies"] button[type=submit]'));
    const study = pathOf(ev);
    assert.match(study, /^\/studies\/[0-9a-f-]{36}$/);
    await expectAccessible(ev, 'study page');
    assert.ok((await ev.locator('main').textContent()).includes('Hvordan var det at møde din peer?'), 'the guide is shown');

    // Two coders: the evaluator and the supervisor.
    for (const coder of [evName, secondName]) {
      await ev.selectOption('#f-user', { label: coder });
      await submit(ev, ev.locator(`main form[action="${study}/coders"] button[type=submit]`).last());
    }
    const coders = await ev.locator('#h-coders + p + ul').textContent();
    assert.ok(coders.includes(evName) && coders.includes(secondName), coders);

    // The administrator records two interviews, each transcript uploaded: a DOCX and a text file.
    const admin = await open();
    await login(admin, 'admin@soby.example');
    await visit(admin, `${study}/interviews/new`);
    await expectAccessible(admin, 'new interview form');
    await admin.selectOption('#f-kind', 'participant');
    const participant = await admin.locator('#f-participant option').nth(1).getAttribute('value');
    await admin.selectOption('#f-participant', participant);
    await admin.fill('#f-interviewed_on', '2026-11-02');
    await admin.fill('#f-consent_given_on', '2026-11-02');
    await admin.selectOption('#f-consent_method', 'written');
    await admin.fill('#f-names', 'Anne Holm');
    await admin.setInputFiles('#f-file', file1);
    await submit(admin, admin.locator('main form button[type=submit]'));
    assert.match(pathOf(admin), /^\/study-interviews\/[0-9a-f-]{36}$/);
    const first = pathOf(admin);
    await expectAccessible(admin, 'interview page');
    const text = await admin.locator('main .segments').textContent();
    assert.ok(!text.includes('Anne Holm') && text.includes('[navn]'), `pseudonymised: ${text}`);

    await visit(admin, `${study}/interviews/new`);
    await admin.selectOption('#f-kind', 'relative');
    await admin.fill('#f-interviewed_on', '2026-11-09');
    await admin.fill('#f-consent_given_on', '2026-11-09');
    await admin.selectOption('#f-consent_method', 'verbal');
    await admin.setInputFiles('#f-file', file2);
    await submit(admin, admin.locator('main form button[type=submit]'));
    const secondInterview = pathOf(admin);
    assert.match(secondInterview, /^\/study-interviews\/[0-9a-f-]{36}$/);
    assert.equal(await admin.locator('main .segments li').count(), 4, 'four speaker turns');
    const interviews = [first, secondInterview];

    // Coding, blind: the evaluator first.
    const plans = [
      // interview 1: evaluator, supervisor (they disagree on segment 4)
      [
        { 2: ['Forbundethed til peer'], 4: ['Håb og optimisme', 'Afslutningen var svær'] },
        { 2: ['Forbundethed til peer'], 4: ['Håb og optimisme'] },
      ],
      [
        { 2: ['Forbundethed til andre (familie, venner)', 'Uddannelse'], 4: ['Praktiske barrierer'] },
        { 2: ['Forbundethed til andre (familie, venner)', 'Uddannelse'], 4: ['Praktiske barrierer'] },
      ],
    ];
    for (const [i, interview] of interviews.entries()) {
      for (const [c, page] of [ev, second].entries()) {
        await visit(page, `${interview}/coding`);
        await expectAccessible(page, `coding page ${i + 1} (coder ${c + 1})`);
        // Blind: nothing is checked before this coder codes, whatever the other coded.
        assert.equal(await page.locator('main input[name=codes]:checked').count(), 0, 'blind coding');
        for (const [n, codes] of Object.entries(plans[i][c])) await codeSegment(page, n, codes);
        await expectAccessible(page, `coding page ${i + 1} after saving (coder ${c + 1})`);
        await page.fill('#memo-2', 'Tydeligt eksempel');
        await codeSegment(page, 2, []);
        // The comparison stays closed until every coder is done.
        await visit(page, `${interview}/comparison`, 422);
        await visit(page, `${interview}/coding`);
        await submit(page, page.locator(`main form[action="${interview}/done"] button`));
        assert.ok((await page.locator('main').textContent()).includes('færdig'), 'marked done');
      }
    }

    // Both done: the comparison shows the disagreement in words, and a consensus is settled.
    await visit(ev, `${first}/comparison`);
    await expectAccessible(ev, 'comparison');
    const seg4 = ev.locator('#seg-4');
    assert.ok((await seg4.textContent()).includes('Uenige'), 'the disagreement is said in words');
    assert.ok((await ev.locator('#seg-2').textContent()).includes('Enige'));
    await seg4.getByLabel('Håb og optimisme', { exact: true }).check();
    await seg4.getByLabel('Afslutningen var svær', { exact: true }).check();
    await submit(ev, seg4.locator('form[action$="/consensus"] button[type=submit]'));
    assert.ok((await ev.locator('#seg-4 td').last().textContent()).includes('Afslutningen var svær'), 'the consensus is shown');
    // A quote cleared for publication.
    const clear = ev.locator('#seg-2 form[action$="/quotes"] button').first();
    await submit(ev, clear);
    assert.ok((await ev.locator('#seg-2').textContent()).includes('Godkendt citat'), 'the quote is cleared');
    await expectAccessible(ev, 'comparison after consensus');

    // The agreement, over both interviews.
    await visit(ev, `${study}/agreement`);
    await expectAccessible(ev, 'agreement');
    const agreement = await ev.locator('main').textContent();
    assert.ok(agreement.includes('2 interviews og 8 afsnit'), agreement);
    assert.ok(agreement.includes('Krippendorffs alfa'), agreement);

    // The codebook: add a code, and see the change with who made it.
    await visit(ev, `${study}/codebook`);
    await expectAccessible(ev, 'codebook');
    await ev.fill('#f-name', 'Humor');
    await ev.fill('#f-description', 'Når deltageren bruger humor om det svære.');
    await submit(ev, ev.locator(`main form[action="${study}/codes"] button[type=submit]`));
    const history = await ev.locator('#h-history + div').textContent();
    assert.ok(history.includes('Humor') && history.includes(evName), history);

    // The analysis page, and the report's section "What people told us".
    await visit(ev, `${study}/analysis`);
    await expectAccessible(ev, 'analysis');
    await visit(ev, '/reports');
    const scope = await ev.locator('#f-scope option', { hasText: '(organisation)' }).first().getAttribute('value');
    assert.match(scope, /^organisation:/);
    await ev.selectOption('#f-scope', scope);
    await ev.selectOption('#f-instrument', 'who-5');
    await ev.selectOption('#f-wave', 'closure');
    await Promise.all([ev.waitForURL(/\/reports\?scope=/), ev.getByRole('button', { name: 'Lav rapport' }).click()]);
    await ev.locator('#report-title').waitFor();
    await eventually('the report has the section', () => ev.locator('main').textContent(), (t) => t.includes('Hvad folk fortalte os') && t.includes(name));
    await expectAccessible(ev, 'report with the interview section');

    // The study as a REFI-QDA project: valid against the schema, with both transcripts.
    const res = await ev.request.get(`${study}/export.qdpx`);
    assert.equal(res.status(), 200);
    const qdpx = join(dir, 'study.qdpx');
    writeFileSync(qdpx, await res.body());
    const out = execFileSync(
      python,
      [join(REPO, 'scripts/check-qdpx.py'), qdpx, '--xsd', join(REPO, 'crates/qualitative/schema/Project-mrt2019.xsd'), '--expect-sources', '2', '--json'],
      { encoding: 'utf8' },
    );
    const summary = JSON.parse(out);
    assert.ok(summary, out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
