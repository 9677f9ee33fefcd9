/**
 * axe-core run inside the page, on the plugin's own UI only. Strapi's chrome around it (the main
 * menu, the settings sub-menu, the homepage's other widgets, the content-manager's edit form) is not
 * ours to fix, so each check names the part of the page the plugin renders: the page's `main`, a
 * dialog it opened, its widget or its side panel.
 *
 * With A11Y_REPORT=<file> every check appends its violations there as JSON lines (screen, rule,
 * impact, nodes): the before/after tables of docs/admin.md are made from that file.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { AxeResults, ImpactValue, Result } from 'axe-core';

/**
 * axe's source, evaluated in the page: Strapi's Content-Security-Policy (`script-src 'self'`) refuses
 * the inline <script> that `page.addScriptTag` would add, while an evaluation from the test runner
 * (the DevTools protocol) is not subject to it.
 */
let axeSource: string | undefined;
const loadAxe = () => (axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));

/** Rules about a whole document (one `main`, one `h1`, a `lang` on `html`): Strapi's shell answers them, not a part of a page. */
const DOCUMENT_RULES = ['landmark-one-main', 'page-has-heading-one', 'region', 'html-has-lang', 'document-title', 'bypass'];

export interface AxeViolation {
  id: string;
  impact: ImpactValue | null;
  help: string;
  /** How many elements break the rule, and a few of them (selector and the failure summary) to find them. */
  count: number;
  examples: string[];
}

export interface AxeReport {
  screen: string;
  violations: AxeViolation[];
}

export interface AxeScope {
  /** A name for the screen and state, as the report lists it ("plugin page: running run"). */
  screen: string;
  /** CSS selectors of the plugin's own parts of the page (every one that exists is checked). */
  include: readonly string[];
  /** Parts inside them that are Strapi's own (a select's portal, a notification). */
  exclude?: readonly string[];
}

const toViolation = (result: Result): AxeViolation => ({
  id: result.id,
  impact: result.impact ?? null,
  help: result.help,
  count: result.nodes.length,
  examples: result.nodes.slice(0, 3).map((node) => `${node.target.join(' ')}: ${(node.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 200)}`),
});

/** Runs axe (WCAG 2.x A/AA and best practices) on the plugin's parts of the page as it is now. */
export async function auditAccessibility(page: Page, { screen, include, exclude = [] }: AxeScope): Promise<AxeReport> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(loadAxe());
  // The pointer left where the last click was would check a button's hover colours, not the page's;
  // and a dialog fading in, or a colour easing back from hover, is checked once it has settled
  // (axe reads the colours of the moment). Spinners run forever: they are not waited for.
  await page.mouse.move(0, 0);
  await page.waitForFunction(
    () => document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity),
    undefined,
    { timeout: 10_000 }
  );
  const present: string[] = [];
  for (const selector of include) if ((await page.locator(selector).count()) > 0) present.push(selector);
  if (present.length === 0) throw new Error(`${screen}: none of ${include.join(', ')} is on the page`);

  const results = await page.evaluate(
    ([context, disabled]) => {
      const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<AxeResults> } }).axe;
      return axe.run(context, {
        resultTypes: ['violations'],
        rules: Object.fromEntries(disabled.map((id) => [id, { enabled: false }])),
      });
    },
    [{ include: present, exclude: [...exclude] }, DOCUMENT_RULES] as const
  );
  const report = { screen, violations: results.violations.map(toViolation) };
  if (process.env.A11Y_REPORT) {
    const lines = report.violations.map((violation) => JSON.stringify({ screen, ...violation }));
    appendFileSync(process.env.A11Y_REPORT, lines.length > 0 ? `${lines.join('\n')}\n` : `${JSON.stringify({ screen, id: null })}\n`);
  }
  return report;
}

/** Where the plugin's UI is on each kind of screen (a dialog is portalled out of `main`, so it is named apart). */
export const PLUGIN_UI = {
  page: ['main', '[role="dialog"]', '[role="alertdialog"]'],
  // Strapi's homepage draws each widget's frame (the grey title, the link, the delete and drag
  // buttons) and puts the widget's own content in a <main> of its own: only that content is ours.
  widget: ['section[aria-labelledby="plugin::auto-alt-text.coverage"] main'],
  entryPanel: ['[data-testid="entry-panel"]'],
  dialog: ['[role="dialog"]', '[role="alertdialog"]'],
} as const;

/** The violations that block a user outright (axe's `serious` and `critical`), for a failure message that says where to look. */
export const seriousViolations = (report: AxeReport) =>
  report.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${report.screen} — ${violation.id} (${violation.impact}, ${violation.count}): ${violation.help}\n    ${violation.examples.join('\n    ')}`);

/** Runs axe like `auditAccessibility` and fails on any serious or critical violation (none allowed), naming each. */
export async function expectAccessible(page: Page, scope: AxeScope): Promise<AxeReport> {
  const report = await auditAccessibility(page, scope);
  const blocking = seriousViolations(report);
  if (blocking.length > 0) throw new Error(`axe: ${blocking.length} serious or critical violation(s)\n${blocking.join('\n')}`);
  return report;
}
