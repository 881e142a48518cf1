import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alertBody, responseLink } from '../../../src/collector/alerts/alert-body';
import type { AlertRecord } from '../../../src/collector/alerts/alert-record';
import { escapeSlack } from '../../../src/collector/alerts/formats/slack';
import { retryAfterMs, retryDelay } from '../../../src/collector/alerts/retry-delay';
import { resolveWebhooks, webhookKey, type WebhookOptions } from '../../../src/collector/alerts/webhook-options';
import { signWebhook, verifyWebhook } from '../../../src/collector/alerts/webhook-signature';
import { present } from '../fixtures';

const record: AlertRecord = {
  id: '0190a0a0-0000-7000-8000-000000000001',
  status: 'answered',
  score: 3,
  category: 'detractor',
  comment: 'Export <b>never</b> works & I give up',
  userId: 'user-42',
  anonymousId: 'anon-1',
  traits: { plan: 'pro' },
  stage: 'checkout',
  metadata: null,
  locale: 'en',
  page: 'https://app.example.com/billing',
  shownAt: '2026-11-23T10:00:00.000Z',
  answeredAt: '2026-11-23T10:00:05.000Z',
  updatedAt: '2026-11-23T10:00:05.000Z',
  sdk: 'nps-widget@0.2.0',
};

describe('resolveWebhooks', () => {
  it('fills in the defaults and names the webhook by origin and a hash, never by its secret path', () => {
    const [hook] = resolveWebhooks([{ url: 'https://hooks.slack.com/services/T000/B000/secretpath' }]);
    expect(hook).toEqual({
      url: 'https://hooks.slack.com/services/T000/B000/secretpath',
      secret: null,
      on: 'detractor',
      format: 'json',
      key: hook.key,
    });
    expect(hook.key).toMatch(/^https:\/\/hooks\.slack\.com#[0-9a-f]{12}$/);
    expect(webhookKey('https://hooks.slack.com/services/T000/B000/other')).not.toBe(hook.key);
    expect(resolveWebhooks(undefined)).toEqual([]);
    expect(
      resolveWebhooks([{ url: 'http://127.0.0.1:9/x', secret: '', on: 'comment', format: 'slack' }])[0],
    ).toMatchObject({ secret: null, on: 'comment', format: 'slack' });
  });

  it('names the bad field', () => {
    const bad = (options: unknown) => () =>
      resolveWebhooks([{ url: 'https://a.example/ok' }, options as WebhookOptions]);
    expect(bad({ url: 'ftp://x' })).toThrow('webhooks[1].url must be an https: or http: URL, got "ftp://x"');
    expect(bad({})).toThrow('webhooks[1].url must be an https: or http: URL, got undefined');
    expect(bad({ url: 'https://b.example', on: 'promoter' })).toThrow(
      'webhooks[1].on must be one of detractor, answer, comment, got "promoter"',
    );
    expect(bad({ url: 'https://b.example', format: 'teams' })).toThrow(
      'webhooks[1].format must be one of json, slack, got "teams"',
    );
    expect(bad({ url: 'https://b.example', secret: 'short' })).toThrow(
      /^nps collector: webhooks\[1\]\.secret must be a string of at least 16 characters$/,
    );
    expect(bad({ url: 'https://b.example', retries: 3 })).toThrow(
      'webhooks[1].retries must be absent (unknown option)',
    );
    expect(bad({ url: 'https://a.example/ok' })).toThrow('webhooks[1].url must be different from webhooks[0].url');
    expect(() => resolveWebhooks({} as WebhookOptions[])).toThrow('webhooks must be an array');
  });
});

describe('alert bodies', () => {
  const link = responseLink('https://nps.example.com/', record.id);

  it('links to the response in the dashboard', () => {
    expect(link).toBe(`https://nps.example.com/dashboard?response=${record.id}`);
    expect(responseLink(undefined, record.id)).toBeNull();
  });

  it('json: the event, the record and the link', () => {
    expect(JSON.parse(alertBody('json', 'detractor', record, link))).toEqual({
      event: 'detractor',
      response: record,
      link,
    });
  });

  it('slack: score, category, comment, stage, user and link, with user text escaped', () => {
    const body = JSON.parse(alertBody('slack', 'detractor', record, link));
    expect(body.text).toBe(
      `New detractor (3/10) · user user-42 · stage checkout · “Export &lt;b&gt;never&lt;/b&gt; works &amp; I give up” <${link}|Open>`,
    );
    expect(body.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: '*New detractor (3/10)*' } },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: '*Score*\n3/10' },
          { type: 'mrkdwn', text: '*Category*\nDetractor' },
          { type: 'mrkdwn', text: '*Stage*\ncheckout' },
          { type: 'mrkdwn', text: '*User*\nuser-42' },
        ],
      },
      { type: 'section', text: { type: 'mrkdwn', text: '>Export &lt;b&gt;never&lt;/b&gt; works &amp; I give up' } },
      { type: 'section', text: { type: 'mrkdwn', text: `<${link}|Open in the NPS dashboard>` } },
    ]);
  });

  it('slack: a follow-up comment, an anonymous user, a multi-line comment, no link', () => {
    const body = JSON.parse(
      alertBody('slack', 'comment', { ...record, userId: null, stage: null, comment: 'one\ntwo' }, null),
    );
    expect(body.blocks[0].text.text).toBe('*New comment from a detractor (3/10)*');
    expect(body.blocks[1].fields[2].text).toBe('*Stage*\n–');
    expect(body.blocks[1].fields[3].text).toBe('*User*\nanonymous (anon-1)');
    expect(body.blocks[2].text.text).toBe('>one\n>two');
    expect(body.blocks).toHaveLength(3);
  });

  it("keeps long comments within Slack's 3,000 characters without cutting an entity in half", () => {
    const body = JSON.parse(alertBody('slack', 'detractor', { ...record, comment: '<&>\n'.repeat(20_000) }, link));
    const quote = body.blocks[2].text.text as string;
    expect(quote.length).toBeLessThanOrEqual(3000);
    expect(quote.endsWith('…')).toBe(true);
    expect(
      quote
        .split('\n')
        .slice(0, -1)
        .every((line) => line === '>&lt;&amp;&gt;'),
    ).toBe(true);
    expect(body.text.length).toBeLessThan(3100);
  });

  it('escapes exactly what Slack mrkdwn reserves', () => {
    expect(escapeSlack('<@U123> & <!here> > 5')).toBe('&lt;@U123&gt; &amp; &lt;!here&gt; &gt; 5');
    expect(escapeSlack('&amp;')).toBe('&amp;amp;');
  });
});

describe('signatures', () => {
  const secret = 'whsec-0123456789abcdef';
  const body = '{"event":"detractor"}';
  const now = () => 1_795_000_000_000;
  const headers = { 'x-nps-timestamp': '1795000000', 'x-nps-signature': signWebhook(secret, '1795000000', body) };

  it('is the hex HMAC-SHA256 of timestamp.body', () => {
    // Known answer, from: printf '1795000000.{"event":"detractor"}' | openssl dgst -sha256 -hmac whsec-0123456789abcdef
    expect(signWebhook(secret, '1795000000', body)).toBe('sha256=' + KNOWN_ANSWER);
  });

  it('verifies with Node headers or fetch Headers, and refuses anything altered, stale or missing', () => {
    expect(verifyWebhook(secret, headers, body, { now })).toBe(true);
    expect(
      verifyWebhook(
        secret,
        new Headers({ 'X-NPS-Timestamp': headers['x-nps-timestamp'], 'X-NPS-Signature': headers['x-nps-signature'] }),
        body,
        { now },
      ),
    ).toBe(true);
    expect(verifyWebhook(secret, headers, body.replace('detractor', 'promoter'), { now })).toBe(false);
    expect(verifyWebhook('another-secret-of-length', headers, body, { now })).toBe(false);
    expect(verifyWebhook(secret, headers, body, { now: () => now() + 301_000 })).toBe(false);
    expect(verifyWebhook(secret, headers, body, { now: () => now() + 301_000, toleranceSeconds: 600 })).toBe(true);
    expect(verifyWebhook(secret, { 'x-nps-timestamp': '1795000000' }, body, { now })).toBe(false);
    expect(verifyWebhook(secret, { ...headers, 'x-nps-timestamp': '1795000001' }, body, { now })).toBe(false);
  });
});

describe("the README's verifier", () => {
  it('is at most 10 lines and accepts exactly what verifyWebhook accepts', async () => {
    const readme = readFileSync(new URL('../../../src/collector/README.md', import.meta.url), 'utf8');
    const code = /```js\n\/\/ verify-nps-webhook\.js\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(code, 'src/collector/README.md has a ```js block starting with // verify-nps-webhook.js').toBeTruthy();
    expect(present(code).trim().split('\n').length).toBeLessThanOrEqual(10);
    const { verifyNpsWebhook } = await import('data:text/javascript,' + encodeURIComponent(present(code)));
    const secret = 'readme-secret-0123456789';
    const body = '{"event":"detractor","response":{"comment":"ünïcödé & <b>"}}';
    const timestamp = String(Math.floor(Date.now() / 1000));
    const headers = { 'x-nps-timestamp': timestamp, 'x-nps-signature': signWebhook(secret, timestamp, body) };
    expect(verifyNpsWebhook(secret, headers, body)).toBe(true);
    expect(verifyWebhook(secret, headers, body)).toBe(true);
    expect(verifyNpsWebhook(secret, headers, body + ' ')).toBe(false);
    expect(verifyNpsWebhook('wrong-secret-0123456789', headers, body)).toBe(false);
    expect(verifyNpsWebhook(secret, { ...headers, 'x-nps-timestamp': String(Number(timestamp) - 600) }, body)).toBe(
      false,
    );
    expect(verifyNpsWebhook(secret, {}, body)).toBe(false);
  });
});

describe('retry delays', () => {
  it('doubles a jittered ceiling from 30 s up to an hour', () => {
    expect([1, 2, 3, 8, 9, 30].map((attempt) => retryDelay(attempt, () => 0.5))).toEqual([
      15_000, 30_000, 60_000, 1_800_000, 1_800_000, 1_800_000,
    ]);
    expect(retryDelay(1, () => 0)).toBe(0);
  });

  it('reads Retry-After as seconds or a date, and honours it up to an hour', () => {
    const now = Date.parse('2026-11-23T10:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Mon, 23 Nov 2026 10:05:00 GMT', now)).toBe(300_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryDelay(1, () => 0, 120_000)).toBe(120_000);
    expect(retryDelay(1, () => 0, 86_400_000)).toBe(3_600_000);
  });
});

const KNOWN_ANSWER = '49c34d99c8368c9dc3cead7a06a70d146254a979c399e8f493d9f46b6e67f9eb';
