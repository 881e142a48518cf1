import type { Page } from 'playwright-core';

/**
 * Collects into `sink` every CSP violation, console error and uncaught error of `page`, each
 * prefixed with `label`. The violation listener is registered by the harness (DevTools), not by an
 * inline script, so the page's own CSP still applies. Call it before the page navigates.
 */
export async function collectPageProblems(page: Page, label: string, sink: string[]): Promise<void> {
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
    ),
  );
  page.on('console', (m) => m.type() == 'error' && sink.push(`${label}: ${m.text()}`));
  page.on('pageerror', (e) => sink.push(`${label}: ${e.message}`));
}
