import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

/**
 * Serious or critical axe-core violations on the page, each as `id (impact): first targets`; an
 * empty list when there are none. With `shadowHost` (a selector), only that element is scanned, and
 * the scan must prove it reached into its open shadow root (a passing check names a node inside it),
 * or the result says so instead of passing vacuously.
 */
export async function seriousAxeViolations(
  page: Page,
  { shadowHost }: { shadowHost?: string } = {},
): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async (host) => {
    type Result = { id: string; impact: string; nodes: { target: unknown[] }[] };
    const axe = (
      window as unknown as {
        axe: { run(ctx: unknown, o: unknown): Promise<{ violations: Result[]; passes: Result[] }> };
      }
    ).axe;
    const r = await axe.run(host ? { include: [[host]] } : document, {});
    if (host && !r.passes.some((p) => p.nodes.some((n) => Array.isArray(n.target[0]))))
      return ['axe did not see inside the shadow root'];
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
  }, shadowHost);
}
