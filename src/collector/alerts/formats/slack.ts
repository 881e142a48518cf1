import { MAX_SCORE } from '../../../core/nps-scale';
import type { AlertEvent } from '../alert-event';
import type { AlertRecord } from '../alert-record';

/** What a `slack` webhook receives: Slack's incoming-webhook message (text is the notification fallback). */
export interface SlackAlertBody {
  text: string;
  blocks: Record<string, unknown>[];
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
  return kept.length < text.length ? render(`${kept}…`) : render(kept);
}
const clip = (text: string) => fitSlack(text, escapeSlack);

/** A score as the message shows it: "3/10". */
const outOf = (score: number) => `${score}/${MAX_SCORE}`;

const CATEGORY_LABEL = { detractor: 'Detractor', passive: 'Passive', promoter: 'Promoter' } as const;

function headline(event: AlertEvent, record: AlertRecord): string {
  const who = record.category ? CATEGORY_LABEL[record.category].toLowerCase() : 'respondent';
  const score = record.score == null ? '' : ` (${outOf(record.score)})`;
  if (event === 'comment') return `New comment from a ${who}${score}`;
  return event === 'detractor' ? `New detractor${score}` : `New NPS answer: ${who}${score}`;
}

/** A `*Label*` / value field of the message's second section. */
const field = (label: string, value: string) => ({ type: 'mrkdwn', text: `*${label}*\n${clip(value)}` });

/**
 * The Slack message of an alert: a headline, the score, category, stage and user as fields, the
 * comment as a quote, and a link to the response. Text from users is escaped.
 * @example slackBody('detractor', record, link) // { text: 'New detractor (3/10) · user …', blocks: [ … ] }
 */
export function slackBody(event: AlertEvent, record: AlertRecord, link: string | null): SlackAlertBody {
  const user = record.userId ?? `anonymous (${record.anonymousId})`;
  const quoted =
    record.comment == null ? null : fitSlack(record.comment, (text) => escapeSlack(text).replace(/^/gm, '>'));
  const blocks: Record<string, unknown>[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*${escapeSlack(headline(event, record))}*` } },
    {
      type: 'section',
      fields: [
        field('Score', record.score == null ? '–' : outOf(record.score)),
        field('Category', record.category ? CATEGORY_LABEL[record.category] : '–'),
        field('Stage', record.stage ?? '–'),
        field('User', user),
      ],
    },
  ];
  if (quoted) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: quoted } });
  if (link) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `<${link}|Open in the NPS dashboard>` } });
  const text = [
    headline(event, record),
    `user ${user}`,
    record.stage && `stage ${record.stage}`,
    record.comment && `“${record.comment}”`,
  ]
    .filter(Boolean)
    .join(' · ');
  return { text: clip(text) + (link ? ` <${link}|Open>` : ''), blocks };
}
