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
  page.on('console', (m) => m.type() === 'error' && sink.push(`${label}: ${m.text()}`));
  page.on('pageerror', (e) => sink.push(`${label}: ${e.message}`));
}

/**
 * Records every CSP violation of `page` in the page's `window.violations` (registered by an init script,
 * so call it before the page navigates) and returns a reader for them, each as `directive blockedURI`.
 */
export async function recordCspViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const w = window as unknown as { violations: string[] };
    w.violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.violations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return () => page.evaluate(() => (window as unknown as { violations: string[] }).violations);
}
