import { describe, expect, it } from 'vitest';
import { readServerSettings, SettingError } from '../../../src/collector-entry';

// The settings of nps-collector (and the demo): every one of DESIGN's list read from the
// environment, its default, and an error that names it when it is wrong.
const TOKEN = 'a-token-of-24-characters';

describe('readServerSettings', () => {
  it('gives the documented defaults, and a random token of its own when DASHBOARD_TOKEN is unset', () => {
    const settings = readServerSettings({});
    expect(settings).toMatchObject({
      port: 5173,
      host: '0.0.0.0',
      dataDir: '.data',
      allowedOrigins: [],
      rateLimit: 120,
      webhooks: [],
      trustProxy: false,
      segmentKeys: undefined,
      alertMaxPerMinute: 20,
      webhookCommentWaitSeconds: 90,
      logFormat: 'text',
      tokenGenerated: true,
    });
    expect(settings.databaseUrl).toBeUndefined();
    expect(settings.dashboardToken.length).toBeGreaterThanOrEqual(32);
    expect(readServerSettings({}).dashboardToken).not.toBe(settings.dashboardToken);
  });

  it('reads every setting', () => {
    const settings = readServerSettings({
      PORT: '8080',
      HOST: '127.0.0.1',
      PUBLIC_URL: 'https://nps.example.com/',
      DATABASE_URL: 'postgres://nps@db:5432/nps',
      DATA_DIR: '/var/lib/nps',
      ALLOWED_ORIGINS: 'https://app.example.com/, https://www.example.com',
      NPS_WRITE_KEY: 'pk_live',
      DASHBOARD_TOKEN: TOKEN,
      RATE_LIMIT: '600',
      WEBHOOK_URL: 'https://hooks.example.com/nps',
      WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      WEBHOOK_ON: 'comment',
      WEBHOOK_FORMAT: 'slack',
      TRUST_PROXY: '1',
      SEGMENT_KEYS: 'plan, country',
      ALERT_MAX_PER_MINUTE: '5',
      WEBHOOK_COMMENT_WAIT_SECONDS: '0',
      ERASURE_SECRET: 'erasure-secret-0123',
      LOG_FORMAT: 'json',
    });
    expect(settings).toEqual({
      port: 8080,
      host: '127.0.0.1',
      publicUrl: 'https://nps.example.com',
      databaseUrl: 'postgres://nps@db:5432/nps',
      dataDir: '/var/lib/nps',
      allowedOrigins: ['https://app.example.com', 'https://www.example.com'],
      writeKey: 'pk_live',
      dashboardToken: TOKEN,
      tokenGenerated: false,
      rateLimit: 600,
      webhooks: [
        {
          url: 'https://hooks.example.com/nps',
          secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
          on: 'comment',
          format: 'slack',
          maxPerMinute: 5,
          commentWaitSeconds: 0,
        },
      ],
      trustProxy: true,
      segmentKeys: ['plan', 'country'],
      alertMaxPerMinute: 5,
      webhookCommentWaitSeconds: 0,
      erasureSecret: 'erasure-secret-0123',
      logFormat: 'json',
    });
  });

  it('refuses a DASHBOARD_TOKEN under 16 characters, saying how long it must be and never echoing it', () => {
    expect(() => readServerSettings({ DASHBOARD_TOKEN: 't' })).toThrow(
      /^DASHBOARD_TOKEN must be at least 16 characters long \(it is 1\): a short token can be guessed/,
    );
    const error = (() => {
      try {
        readServerSettings({ DASHBOARD_TOKEN: 'fifteen-chars!!' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SettingError);
    expect((error as SettingError).setting).toBe('DASHBOARD_TOKEN');
    expect(String(error)).not.toContain('fifteen-chars!!');
    expect(readServerSettings({ DASHBOARD_TOKEN: 'sixteen-chars!!!' }).dashboardToken).toBe('sixteen-chars!!!');
  });

  it.each([
    [{ PORT: 'http' }, /^PORT must be a port number \(0 to 65535\), got "http"$/],
    [{ PORT: '70000' }, /^PORT must be a port number/],
    [{ RATE_LIMIT: 'lots' }, /^RATE_LIMIT must be a whole number/],
    [{ RATE_LIMIT: '0' }, /^RATE_LIMIT must be a positive whole number, got "0"$/],
    [
      { ALLOWED_ORIGINS: 'app.example.com' },
      /^ALLOWED_ORIGINS must be origins like https:\/\/app\.example\.com.*got "app\.example\.com"$/,
    ],
    [{ TRUST_PROXY: 'yes' }, /^TRUST_PROXY must be one of 1, 0, true, false, got "yes"$/],
    [{ LOG_FORMAT: 'xml' }, /^LOG_FORMAT must be one of text, json, got "xml"$/],
    [{ WEBHOOK_ON: 'always' }, /^WEBHOOK_ON must be one of detractor, answer, comment, got "always"$/],
    [{ WEBHOOK_FORMAT: 'teams' }, /^WEBHOOK_FORMAT must be one of json, slack/],
    [{ WEBHOOK_URL: 'ftp://x' }, /^WEBHOOK_URL must be an https: or http: URL/],
    [{ WEBHOOK_URL: 'https://h.example', WEBHOOK_SECRET: 'short' }, /^WEBHOOK_SECRET must be a string of at least 16/],
    [{ ALERT_MAX_PER_MINUTE: '-1' }, /^ALERT_MAX_PER_MINUTE must be a whole number/],
    [{ WEBHOOK_COMMENT_WAIT_SECONDS: '1.5' }, /^WEBHOOK_COMMENT_WAIT_SECONDS must be a whole number/],
    [
      { WEBHOOK_COMMENT_WAIT_SECONDS: '7200' },
      /^WEBHOOK_COMMENT_WAIT_SECONDS must be a whole number of seconds from 0 to 3600/,
    ],
    [{ ERASURE_SECRET: 'short' }, /^ERASURE_SECRET must be a string of at least 16 characters$/],
    [{ PUBLIC_URL: 'nps.example.com' }, /^PUBLIC_URL must be an http\(s\) URL/],
  ])('names the bad setting: %j', (env, message) => {
    expect(() => readServerSettings({ DASHBOARD_TOKEN: TOKEN, ...env })).toThrow(message);
  });

  it('never echoes WEBHOOK_SECRET', () => {
    expect(() => readServerSettings({ WEBHOOK_URL: 'https://h.example', WEBHOOK_SECRET: 'shh-secret' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('shh-secret') }),
    );
  });
});
