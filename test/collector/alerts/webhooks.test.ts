import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { alertBody, digestBody, queueLink, responseLink } from '../../../src/collector/alerts/alert-body';
import type { AlertEvent } from '../../../src/collector/alerts/alert-event';
import type { AlertRecord } from '../../../src/collector/alerts/alert-record';
import { digestText } from '../../../src/collector/alerts/digest-text';
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
      maxPerMinute: 20,
      commentWaitMs: 90_000,
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
      /^nps collector: webhooks\[1\]\.secret must be a string of at least 16 characters, or whsec_ followed by a key in base64$/,
    );
    // A whsec_ secret is the Standard Webhooks form: 24 to 64 bytes in base64, never echoed.
    for (const secret of ['whsec_not base64!', `whsec_${randomBytes(16).toString('base64')}`, 'whsec_']) {
      expect(bad({ url: 'https://b.example', secret })).toThrow(
        /^nps collector: webhooks\[1\]\.secret must be whsec_ followed by 24 to 64 bytes in base64 \(the Standard Webhooks form\)$/,
      );
    }
    expect(bad({ url: 'https://b.example', secret: 42 })).toThrow('webhooks[1].secret must be a string');
    expect(bad({ url: 'https://b.example', maxPerMinute: 0 })).toThrow(
      'webhooks[1].maxPerMinute must be a whole number of messages, at least 1, got 0',
    );
    expect(bad({ url: 'https://b.example', commentWaitSeconds: -1 })).toThrow(
      'webhooks[1].commentWaitSeconds must be a number of seconds from 0 to 3600, got -1',
    );
    expect(bad({ url: 'https://b.example', commentWaitSeconds: '90' })).toThrow(
      'webhooks[1].commentWaitSeconds must be a number of seconds from 0 to 3600, got "90"',
    );
    expect(bad({ url: 'https://b.example', retries: 3 })).toThrow(
      'webhooks[1].retries must be absent (unknown option)',
    );
    expect(bad({ url: 'https://a.example/ok' })).toThrow('webhooks[1].url must be different from webhooks[0].url');
    expect(() => resolveWebhooks({} as WebhookOptions[])).toThrow('webhooks must be an array');
  });

  it('takes a Standard Webhooks secret, the limit per minute and the comment wait', () => {
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    expect(
      resolveWebhooks([{ url: 'https://a.example/ok', secret, maxPerMinute: 5, commentWaitSeconds: 0 }])[0],
    ).toMatchObject({ secret, maxPerMinute: 5, commentWaitMs: 0 });
  });
});

describe('alert bodies', () => {
  const link = responseLink('https://nps.example.com/', record.id);

  it('links to the response in the dashboard', () => {
    expect(link).toBe(`https://nps.example.com/dashboard?response=${record.id}`);
    expect(responseLink(undefined, record.id)).toBeNull();
  });

  const message = (event: AlertEvent, over: Partial<AlertRecord> = {}, followUp = false) => ({
    event,
    record: { ...record, ...over },
    link,
    followUp,
  });

  it('json: the event, the record and the link', () => {
    expect(JSON.parse(alertBody('json', message('detractor')))).toEqual({
      event: 'detractor',
      response: record,
      link,
    });
  });

  it('slack: score, category, comment, stage, user and link, with user text escaped', () => {
    const body = JSON.parse(alertBody('slack', message('detractor')));
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
      alertBody('slack', { ...message('comment', { userId: null, stage: null, comment: 'one\ntwo' }), link: null }),
    );
    expect(body.blocks[0].text.text).toBe('*New comment from a detractor (3/10)*');
    expect(body.blocks[1].fields[2].text).toBe('*Stage*\n–');
    expect(body.blocks[1].fields[3].text).toBe('*User*\nanonymous (anon-1)');
    expect(body.blocks[2].text.text).toBe('>one\n>two');
    expect(body.blocks).toHaveLength(3);
  });

  it("keeps long comments within Slack's 3,000 characters without cutting an entity in half", () => {
    const body = JSON.parse(alertBody('slack', message('detractor', { comment: '<&>\n'.repeat(20_000) })));
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

  it('slack: a comment sent after the alert is a short follow-up quoting it', () => {
    const body = JSON.parse(alertBody('slack', message('comment', { comment: 'Still <broken>' }, true)));
    expect(body).toEqual({
      text: `Comment from the detractor (3/10) · user user-42 · “Still &lt;broken&gt;” <${link}|Open>`,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: '*Comment from the detractor (3/10) · user user-42*' } },
        { type: 'section', text: { type: 'mrkdwn', text: '>Still &lt;broken&gt;' } },
        { type: 'section', text: { type: 'mrkdwn', text: `<${link}|Open in the NPS dashboard>` } },
      ],
    });
    // The json format keeps its shape: event `comment` is the follow-up.
    expect(JSON.parse(alertBody('json', message('comment', {}, true)))).toMatchObject({ event: 'comment' });
  });

  it('digests: the counts in words and a link to the follow-up queue', () => {
    expect(digestText({ detractor: 14 })).toBe('14 more detractors in the last minute');
    expect(digestText({ detractor: 1, comment: 2 })).toBe('1 more detractor and 2 more comments in the last minute');
    expect(digestText({ detractor: 3, answer: 1, comment: 1 })).toBe(
      '3 more detractors, 1 more answer and 1 more comment in the last minute',
    );
    const queue = queueLink('https://nps.example.com/');
    expect(queue).toBe('https://nps.example.com/dashboard?queue=open');
    expect(queueLink(undefined)).toBeNull();
    const digest = { counts: { detractor: 14 }, text: digestText({ detractor: 14 }), link: queue };
    expect(JSON.parse(digestBody('json', digest))).toEqual({
      event: 'digest',
      counts: { detractor: 14 },
      text: '14 more detractors in the last minute',
      link: queue,
    });
    expect(JSON.parse(digestBody('slack', digest))).toEqual({
      text: `14 more detractors in the last minute <${queue}|Open>`,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: '*14 more detractors in the last minute*' } },
        { type: 'section', text: { type: 'mrkdwn', text: `<${queue}|Open the follow-up queue>` } },
      ],
    });
  });

  it('escapes exactly what Slack mrkdwn reserves', () => {
    expect(escapeSlack('<@U123> & <!here> > 5')).toBe('&lt;@U123&gt; &amp; &lt;!here&gt; &gt; 5');
    expect(escapeSlack('&amp;')).toBe('&amp;amp;');
  });
});

// The Standard Webhooks form of a secret (24 random bytes would do; this one is readable).
const WHSEC = 'whsec_bnBzLXdpZGdldC10ZXN0LWtleS0wMTIzNDU2Nzg5YWI=';
const MSG_ID = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';

/** Hostile `webhook-signature` values: none may verify, and none may throw. */
const HOSTILE_SIGNATURES = [
  'v1,\xe9',
  `v1,${'\xe9'.repeat(44)}`,
  `v1,${'A'.repeat(43)}\u00e9`,
  'v1,😀😀😀😀😀😀😀😀😀😀😀',
  `v1,${'A'.repeat(1_000_000)}`,
  ' '.repeat(5000),
  'v1a,abc v2,def v1,',
  'sha256=00',
  '',
];

describe('signatures (Standard Webhooks)', () => {
  const body = '{"event":"detractor"}';
  const now = () => 1_795_000_000_000;
  const signed = (secret = WHSEC, id = MSG_ID, at = 1_795_000_000) => ({
    'webhook-id': id,
    'webhook-timestamp': String(at),
    'webhook-signature': signWebhook(secret, id, at, body),
  });

  it('is v1, and the base64 HMAC-SHA256 of id.timestamp.body with the key after whsec_', () => {
    // Known answer, from: printf 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W.1795000000.{"event":"detractor"}' |
    //   openssl dgst -sha256 -mac HMAC -macopt hexkey:$(printf 'nps-widget-test-key-0123456789ab' | xxd -p -c 100) -binary | base64
    expect(signWebhook(WHSEC, MSG_ID, 1_795_000_000, body)).toBe(`v1,${KNOWN_ANSWER}`);
    // The same as the official library signs.
    expect(new StandardWebhook(WHSEC).sign(MSG_ID, new Date(1_795_000_000_000), body)).toBe(`v1,${KNOWN_ANSWER}`);
  });

  it('signs with a plain string secret as its UTF-8 bytes: the raw format of the libraries', () => {
    const plain = 'a-plain-secret-0123456789';
    const header = signWebhook(plain, MSG_ID, 1_795_000_000, body);
    expect(new StandardWebhook(plain, { format: 'raw' }).sign(MSG_ID, new Date(1_795_000_000_000), body)).toBe(header);
    // The same key written the Standard Webhooks way.
    const asWhsec = `whsec_${Buffer.from(plain).toString('base64')}`;
    expect(new StandardWebhook(asWhsec).sign(MSG_ID, new Date(1_795_000_000_000), body)).toBe(header);
  });

  it('verifies with Node headers or fetch Headers, and refuses anything altered, replayed, stale or missing', () => {
    const headers = signed();
    expect(verifyWebhook(WHSEC, headers, body, { now })).toBe(true);
    expect(verifyWebhook(WHSEC, new Headers(headers), body, { now })).toBe(true);
    expect(verifyWebhook(WHSEC, headers, new TextEncoder().encode(body), { now })).toBe(true);
    expect(verifyWebhook(WHSEC, headers, body.replace('detractor', 'promoter'), { now })).toBe(false);
    expect(verifyWebhook(`whsec_${randomBytes(32).toString('base64')}`, headers, body, { now })).toBe(false);
    // The id is signed: a replay under another webhook-id does not verify.
    expect(verifyWebhook(WHSEC, { ...headers, 'webhook-id': 'msg_other' }, body, { now })).toBe(false);
    expect(verifyWebhook(WHSEC, { ...headers, 'webhook-timestamp': '1795000001' }, body, { now })).toBe(false);
    // Five minutes either way, as the libraries allow.
    expect(verifyWebhook(WHSEC, headers, body, { now: () => now() + 300_999 })).toBe(true);
    expect(verifyWebhook(WHSEC, headers, body, { now: () => now() + 301_000 })).toBe(false);
    expect(verifyWebhook(WHSEC, headers, body, { now: () => now() - 301_000 })).toBe(false);
    expect(verifyWebhook(WHSEC, headers, body, { now: () => now() + 301_000, toleranceSeconds: 600 })).toBe(true);
    for (const missing of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
      const { [missing as keyof typeof headers]: _, ...rest } = headers;
      expect(verifyWebhook(WHSEC, rest, body, { now }), missing).toBe(false);
    }
  });

  it('accepts any one matching signature among several (key rotation)', () => {
    const headers = signed();
    const other = signWebhook(`whsec_${randomBytes(32).toString('base64')}`, MSG_ID, 1_795_000_000, body);
    const several = {
      ...headers,
      'webhook-signature': `${other} v1a,bm90IGNoZWNrZWQ= ${headers['webhook-signature']}`,
    };
    expect(verifyWebhook(WHSEC, several, body, { now })).toBe(true);
    expect(verifyWebhook(WHSEC, { ...headers, 'webhook-signature': `${other} ${other}` }, body, { now })).toBe(false);
  });

  it('answers false, never throws, on hostile headers', () => {
    const headers = signed();
    for (const signature of HOSTILE_SIGNATURES)
      expect(
        verifyWebhook(WHSEC, { ...headers, 'webhook-signature': signature }, body, { now }),
        signature.slice(0, 20),
      ).toBe(false);
    const hostile: Record<string, string | string[] | undefined>[] = [
      { ...headers, 'webhook-id': 'é'.repeat(100_000) },
      { ...headers, 'webhook-timestamp': '1795000000.5' },
      { ...headers, 'webhook-timestamp': '9'.repeat(400) },
      { ...headers, 'webhook-timestamp': '-1795000000' },
      { ...headers, 'webhook-timestamp': ' 1795000000' },
      { ...headers, 'webhook-signature': ['x', headers['webhook-signature']] },
      { ...headers, 'webhook-id': undefined },
      {},
    ];
    for (const value of hostile) expect(verifyWebhook(WHSEC, value, body, { now })).toBe(false);
    expect(verifyWebhook(WHSEC, { ...headers, 'webhook-id': 'é' }, body, { now })).toBe(false);
  });
});

describe("the README's verifier", () => {
  it('is at most 10 lines, accepts exactly what verifyWebhook accepts, and never throws', async () => {
    const readme = readFileSync(new URL('../../../src/collector/README.md', import.meta.url), 'utf8');
    const code = /```js\n\/\/ verify-nps-webhook\.js\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(code, 'src/collector/README.md has a ```js block starting with // verify-nps-webhook.js').toBeTruthy();
    expect(present(code).trim().split('\n').length).toBeLessThanOrEqual(10);
    const { verifyNpsWebhook } = await import('data:text/javascript,' + encodeURIComponent(present(code)));
    const body = '{"event":"detractor","response":{"comment":"ünïcödé & <b>"}}';
    const timestamp = Math.floor(Date.now() / 1000);
    for (const secret of [WHSEC, 'readme-plain-secret-0123456789']) {
      const headers = {
        'webhook-id': MSG_ID,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook(secret, MSG_ID, timestamp, body),
      };
      const cases: [Record<string, string | undefined>, string][] = [
        [headers, body],
        [headers, body + ' '],
        [{ ...headers, 'webhook-id': 'msg_replayed' }, body],
        [{ ...headers, 'webhook-timestamp': String(timestamp - 600) }, body],
        [{ ...headers, 'webhook-timestamp': 'soon' }, body],
        [{ ...headers, 'webhook-signature': `v1,AAAA ${headers['webhook-signature']}` }, body],
        ...HOSTILE_SIGNATURES.map((signature): [Record<string, string>, string] => [
          { ...headers, 'webhook-signature': signature },
          body,
        ]),
        [{ ...headers, 'webhook-signature': undefined }, body],
        [{}, body],
      ];
      for (const [given, rawBody] of cases) {
        const expected = verifyWebhook(secret, given, rawBody);
        expect(() => verifyNpsWebhook(secret, given, rawBody)).not.toThrow();
        expect(verifyNpsWebhook(secret, given, rawBody), JSON.stringify(given).slice(0, 120)).toBe(expected);
      }
      expect(verifyNpsWebhook(secret, headers, body)).toBe(true);
      expect(verifyNpsWebhook('whsec_' + randomBytes(32).toString('base64'), headers, body)).toBe(false);
    }
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

const KNOWN_ANSWER = 'ewjzQWloSnXnyoCUSw1JAiI9eVx8dkL71veD6g0bd+4=';
