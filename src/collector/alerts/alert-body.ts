import { MAX_SCORE } from '../../core/nps-scale';
import type { AlertRecord } from './record-alerts';
import type { AlertEvent, WebhookFormat } from './webhook-options';

/** What a `json` webhook receives. */
export interface JsonAlertBody {
  event: AlertEvent;
  response: AlertRecord;
  /** The response in the dashboard; null when the collector was not given `dashboardUrl`. */
  link: string | null;
}

/** What a `slack` webhook receives: Slack's incoming-webhook message (text is the notification fallback). */
export interface SlackAlertBody {
  text: string;
  blocks: Record<string, unknown>[];
}

/**
 * Where a response is shown in the dashboard: `<dashboardUrl>/dashboard?response=<id>`.
 * @example responseLink('https://nps.example.com', id) // 'https://nps.example.com/dashboard?response=…'
 */
export function responseLink(dashboardUrl: string | undefined, responseId: string): string | null {
  if (!dashboardUrl) return null;
  return `${dashboardUrl.replace(/\/+$/, '')}/dashboard?response=${encodeURIComponent(responseId)}`;
}

/** Slack's mrkdwn treats `&`, `<` and `>` as control characters: user text must have them escaped. */
export const escapeSlack = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Slack refuses a text object over 3,000 characters. */
const SLACK_TEXT_LIMIT = 2900;

/**
 * `render(text)` (escaped, maybe quoted), shortening `text` until the result fits Slack's limit, so
 * an entity like `&amp;` is never cut in half.
 */
function fitSlack(text: string, render: (text: string) => string): string {
  let kept = text;
  while (render(kept).length > SLACK_TEXT_LIMIT) kept = kept.slice(0, Math.floor(kept.length * 0.9));
  return kept.length < text.length ? render(kept + '…') : render(kept);
}
const clip = (text: string) => fitSlack(text, escapeSlack);

/** A score as the message shows it: "3/10". */
const outOf = (score: number) => `${score}/${MAX_SCORE}`;

const CATEGORY_LABEL = { detractor: 'Detractor', passive: 'Passive', promoter: 'Promoter' } as const;

function headline(event: AlertEvent, r: AlertRecord): string {
  const who = r.category ? CATEGORY_LABEL[r.category].toLowerCase() : 'respondent';
  const score = r.score == null ? '' : ` (${outOf(r.score)})`;
  if (event == 'comment') return `New comment from a ${who}${score}`;
  return event == 'detractor' ? `New detractor${score}` : `New NPS answer: ${who}${score}`;
}

/**
 * The Slack message of an alert: a headline, the score, category, stage and user as fields, the
 * comment as a quote, and a link to the response. Text from users is escaped.
 */
export function slackBody(event: AlertEvent, r: AlertRecord, link: string | null): SlackAlertBody {
  const field = (label: string, value: string) => ({ type: 'mrkdwn', text: `*${label}*\n${clip(value)}` });
  const user = r.userId ?? `anonymous (${r.anonymousId})`;
  const quoted = r.comment == null ? null : fitSlack(r.comment, (text) => escapeSlack(text).replace(/^/gm, '>'));
  const blocks: Record<string, unknown>[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*${escapeSlack(headline(event, r))}*` } },
    {
      type: 'section',
      fields: [
        field('Score', r.score == null ? '–' : outOf(r.score)),
        field('Category', r.category ? CATEGORY_LABEL[r.category] : '–'),
        field('Stage', r.stage ?? '–'),
        field('User', user),
      ],
    },
  ];
  if (quoted) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: quoted } });
  if (link) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `<${link}|Open in the NPS dashboard>` } });
  const text = [headline(event, r), `user ${user}`, r.stage && `stage ${r.stage}`, r.comment && `“${r.comment}”`]
    .filter(Boolean)
    .join(' · ');
  return { text: clip(text) + (link ? ` <${link}|Open>` : ''), blocks };
}

/**
 * The body POSTed to a webhook, as the exact string that is signed.
 * @example alertBody('json', 'detractor', record, link) // '{"event":"detractor","response":{…},"link":"…"}'
 */
export function alertBody(format: WebhookFormat, event: AlertEvent, record: AlertRecord, link: string | null): string {
  const body: JsonAlertBody | SlackAlertBody =
    format == 'slack' ? slackBody(event, record, link) : { event, response: record, link };
  return JSON.stringify(body);
}
