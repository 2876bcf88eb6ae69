import { AxeBuilder } from "@axe-core/playwright";
import { chromium, type Browser, type Page } from "playwright-core";
import { inject } from "vitest";

/**
 * The run's Chromium (launched by tests/support/global-setup.ts, with the bench's settings from
 * src/tooling/browser.ts): starting one per file cost more than connecting. Closing what this
 * returns closes the file's contexts and connection, not the browser.
 */
export function connectBrowser(): Promise<Browser> {
  return chromium.connect(inject("browserEndpoint"));
}

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
