import { randomBytes } from 'node:crypto';
import { ALERT_EVENTS, type AlertEvent } from '../alerts/alert-event';
import { ALERT_FORMATS, type WebhookFormat } from '../alerts/alert-formats';
import { resolveWebhooks, type WebhookOptions } from '../alerts/webhook-options';
import { checkErasureSecret } from '../erasure/erasure-key';
import { LOG_FORMATS, type LogFormat } from './log-lines';
import { SettingError } from './setting-error';

/** The environment variables `nps-collector` reads (the demo reads the same). */
export interface ServerEnv {
  PORT?: string;
  HOST?: string;
  PUBLIC_URL?: string;
  DATABASE_URL?: string;
  DATA_DIR?: string;
  ALLOWED_ORIGINS?: string;
  NPS_WRITE_KEY?: string;
  DASHBOARD_TOKEN?: string;
  RATE_LIMIT?: string;
  WEBHOOK_URL?: string;
  WEBHOOK_SECRET?: string;
  WEBHOOK_ON?: string;
  WEBHOOK_FORMAT?: string;
  TRUST_PROXY?: string;
  SEGMENT_KEYS?: string;
  ALERT_MAX_PER_MINUTE?: string;
  WEBHOOK_COMMENT_WAIT_SECONDS?: string;
  ERASURE_SECRET?: string;
  LOG_FORMAT?: string;
}

/** The settings, checked, with their defaults. */
export interface ServerSettings {
  /** @default 5173 */
  port: number;
  /** The address to listen on. @default '0.0.0.0' */
  host: string;
  /** The collector's public base URL, for links in alerts. */
  publicUrl?: string;
  /** PostgreSQL; unset: PGlite in `dataDir`. */
  databaseUrl?: string;
  /** @default '.data' */
  dataDir: string;
  allowedOrigins: string[];
  writeKey?: string;
  dashboardToken: string;
  /** True when DASHBOARD_TOKEN was unset and the token is a random one (printed at start). */
  tokenGenerated: boolean;
  /** Requests per minute per client address to `POST /api/nps`. @default 120 */
  rateLimit: number;
  webhooks: WebhookOptions[];
  trustProxy: boolean;
  /** Unset: the keys declared before stay as they are (see the collector's `segmentKeys`). */
  segmentKeys?: string[];
  /** @default 20 */
  alertMaxPerMinute: number;
  /** @default 90 */
  webhookCommentWaitSeconds: number;
  erasureSecret?: string;
  /** @default 'text' */
  logFormat: LogFormat;
}

/** The shortest DASHBOARD_TOKEN accepted: shorter ones can be guessed. */
const MIN_TOKEN_LENGTH = 16;

const blank = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function whole(
  name: string,
  value: string | undefined,
  fallback: number,
  max = Number.MAX_SAFE_INTEGER,
  what = '',
): number {
  const text = blank(value);
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) > max)
    throw new SettingError(name, what || `a whole number up to ${max}`, value);
  return Number(text);
}

function positive(name: string, value: string | undefined, fallback: number): number {
  const number = whole(name, value, fallback);
  if (number === 0) throw new SettingError(name, 'a positive whole number', value);
  return number;
}

function oneOf<T extends string>(name: string, value: string | undefined, choices: readonly T[], fallback: T): T {
  const text = blank(value);
  if (text === undefined) return fallback;
  if (!choices.includes(text as T)) throw new SettingError(name, `one of ${choices.join(', ')}`, value);
  return text as T;
}

function origins(value: string | undefined): string[] {
  const all = list(value).map((o) => o.replace(/\/$/, ''));
  for (const origin of all)
    if (origin !== '*' && !/^https?:\/\/[^/]+$/.test(origin))
      throw new SettingError('ALLOWED_ORIGINS', 'origins like https://app.example.com, separated by commas', origin);
  return all;
}

function flag(name: string, value: string | undefined): boolean {
  return oneOf(name, value, ['1', '0', 'true', 'false'], '0') === '1' || value?.trim() === 'true';
}

function httpUrl(name: string, value: string | undefined): string | undefined {
  const text = blank(value)?.replace(/\/$/, '');
  if (text === undefined) return undefined;
  if (!/^https?:\/\/[^/]+/.test(text) || !URL.canParse(text)) throw new SettingError(name, 'an http(s) URL', value);
  return text;
}

function dashboardToken(value: string | undefined): { dashboardToken: string; tokenGenerated: boolean } {
  const token = blank(value);
  if (token === undefined) return { dashboardToken: randomBytes(24).toString('base64url'), tokenGenerated: true };
  if (token.length < MIN_TOKEN_LENGTH)
    throw new SettingError(
      'DASHBOARD_TOKEN',
      `at least ${MIN_TOKEN_LENGTH} characters long (it is ${token.length}): a short token can be guessed. ` +
        'Use a random one (openssl rand -base64 24), or leave it unset to get one printed at start',
    );
  return { dashboardToken: token, tokenGenerated: false };
}

/** ERASURE_SECRET: checked by the collector's own rule, with the setting named in the message (never echoed). */
function erasureSecret(value: string | undefined): string | undefined {
  const secret = blank(value);
  try {
    checkErasureSecret(secret);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    throw new SettingError('ERASURE_SECRET', error.message.replace(/^nps collector: erasureSecret must be /, ''));
  }
  return secret;
}

/** WEBHOOK_*: checked by the collector's own rules, with the setting named in the message. */
function webhooks(
  env: ServerEnv,
  limits: Pick<WebhookOptions, 'maxPerMinute' | 'commentWaitSeconds'>,
): WebhookOptions[] {
  const on = oneOf<AlertEvent>('WEBHOOK_ON', env.WEBHOOK_ON, ALERT_EVENTS, 'detractor');
  const formats = Object.keys(ALERT_FORMATS) as WebhookFormat[];
  const format = oneOf<WebhookFormat>('WEBHOOK_FORMAT', env.WEBHOOK_FORMAT, formats, 'json');
  const url = blank(env.WEBHOOK_URL);
  if (url === undefined) return [];
  const options: WebhookOptions[] = [{ url, secret: blank(env.WEBHOOK_SECRET), on, format, ...limits }];
  try {
    resolveWebhooks(options);
  } catch (error) {
    const field = /webhooks\[0\]\.(\w+)/.exec(String(error))?.[1];
    if (!(error instanceof TypeError) || !field) throw error;
    throw new TypeError(error.message.replace(/^nps collector: webhooks\[0\]\.\w+/, `WEBHOOK_${field.toUpperCase()}`));
  }
  return options;
}

/**
 * Reads and checks the settings; throws a {@link SettingError} naming the first bad one (never
 * echoing a secret). An unset `DASHBOARD_TOKEN` becomes a random one (`tokenGenerated`).
 * @example readServerSettings(process.env).port // 5173
 */
export function readServerSettings(env: ServerEnv): ServerSettings {
  const alertMaxPerMinute = positive('ALERT_MAX_PER_MINUTE', env.ALERT_MAX_PER_MINUTE, 20);
  const webhookCommentWaitSeconds = whole(
    'WEBHOOK_COMMENT_WAIT_SECONDS',
    env.WEBHOOK_COMMENT_WAIT_SECONDS,
    90,
    3600,
    'a whole number of seconds from 0 to 3600',
  );
  return {
    port: whole('PORT', env.PORT, 5173, 65535, 'a port number (0 to 65535)'),
    host: blank(env.HOST) ?? '0.0.0.0',
    publicUrl: httpUrl('PUBLIC_URL', env.PUBLIC_URL),
    databaseUrl: blank(env.DATABASE_URL),
    dataDir: blank(env.DATA_DIR) ?? '.data',
    allowedOrigins: origins(env.ALLOWED_ORIGINS),
    writeKey: blank(env.NPS_WRITE_KEY),
    ...dashboardToken(env.DASHBOARD_TOKEN),
    rateLimit: positive('RATE_LIMIT', env.RATE_LIMIT, 120),
    webhooks: webhooks(env, { maxPerMinute: alertMaxPerMinute, commentWaitSeconds: webhookCommentWaitSeconds }),
    trustProxy: flag('TRUST_PROXY', env.TRUST_PROXY),
    segmentKeys: env.SEGMENT_KEYS === undefined ? undefined : list(env.SEGMENT_KEYS),
    alertMaxPerMinute,
    webhookCommentWaitSeconds,
    erasureSecret: erasureSecret(env.ERASURE_SECRET),
    logFormat: oneOf('LOG_FORMAT', env.LOG_FORMAT, LOG_FORMATS, 'text'),
  };
}
