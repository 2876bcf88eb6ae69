import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";

// Launching lives with the bench, which measures searches in the same browser (src/bench never imports tests/).
export { launchBrowser } from "../../src/tooling/browser.ts";

export interface AxeProblem {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/** Serious and critical axe-core violations of the page as it is now (WCAG 2.1 A and AA rules). */
export async function seriousAxeViolations(page: Page): Promise<AxeProblem[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
}

/**
 * A page in its own context (axe-core needs one), where any request that leaves the loopback
 * test server is aborted: the site must make no third-party request, and a test must not either.
 */
export async function openPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext();
  await context.route(/^(?!http:\/\/127\.0\.0\.1[:/])/, (route) => route.abort());
  const page = await context.newPage();
  await page.goto(url);
  return page;
}
