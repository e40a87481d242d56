// Accessibility checks with axe-core: WCAG 2.0 and 2.1, levels A and AA.
//
// The page's CSP allows only its own scripts, so the contexts that scan are made with
// `bypassCSP: true` (see journeys.mjs); axe's source is then injected as an inline script.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Runs axe on the page as it is now; resolves to axe's violations. */
export async function axeViolations(page) {
  const loaded = await page.evaluate(() => typeof window.axe === 'object');
  if (!loaded) await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, summary: n.failureSummary })),
    }));
  }, WCAG_TAGS);
}

/** Formats violations for a failure message: id, help and the nodes that fail. */
export function describeViolations(label, violations) {
  const lines = [`${violations.length} accessibility violation(s) on ${label}:`];
  for (const v of violations) {
    lines.push(`  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const n of v.nodes) {
      lines.push(`    - ${JSON.stringify(n.target)}  ${n.html.slice(0, 200)}`);
      if (n.summary) lines.push(`      ${n.summary.replace(/\n/g, '\n      ')}`);
    }
  }
  return lines.join('\n');
}

/** Asserts that axe finds nothing on the page; the error names every violation. */
export async function expectAccessible(page, label = page.url()) {
  const violations = await axeViolations(page);
  if (violations.length > 0) {
    const message = describeViolations(label, violations);
    console.error(message);
    throw new Error(message);
  }
}
