import { expect, it } from 'vitest';
import { startDemo } from '../../demo/start-demo.mjs';
import { answered, batch, shown } from '../collector/fixtures';
import { useBrowserSession } from '../helpers/browser-session';

// /demo/alerts (WEBHOOK_URL=demo) in Chromium: styled by its own stylesheet under the page's strict
// CSP, one card per delivery, with no CSP violation or page error. The page needs the dashboard's
// token (or session): the browser sends it as a header.
const TOKEN = 'demo-alerts-token-0123';
const session = useBrowserSession({
  site: async () => {
    const demo = await startDemo({
      PORT: '0',
      DATA_DIR: 'memory://',
      DASHBOARD_TOKEN: TOKEN,
      WEBHOOK_URL: 'demo',
    });
    return { url: demo.url, close: demo.close, demo };
  },
});

it('shows each delivery as a styled card, under the CSP', async () => {
  const { demo } = session.server;
  const record = answered(shown({ userId: 'user-ana' }), 2, { comment: 'The export keeps failing' });
  const res = await fetch(`${session.url}/api/nps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(batch([record])),
  });
  expect(res.status).toBe(200);
  await expect.poll(() => demo.demoWebhook?.deliveries.length, { timeout: 10_000 }).toBe(1);
  const problems: string[] = [];
  const page = await session.open('/demo/alerts', {
    context: { viewport: { width: 390, height: 800 }, extraHTTPHeaders: { authorization: `Bearer ${TOKEN}` } },
    problems,
  });
  const card = page.locator('main li').first();
  await card.waitFor();
  const style = await card.evaluate((li) => {
    const s = getComputedStyle(li);
    return { borderLeft: s.borderLeftWidth, radius: s.borderTopLeftRadius, bullet: s.listStyleType };
  });
  expect(style).toEqual({ borderLeft: '4px', radius: '8px', bullet: 'none' });
  expect(await card.locator('blockquote').textContent()).toBe('The export keeps failing');
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= 390)).toBe(true);
  expect(problems).toEqual([]);
});
