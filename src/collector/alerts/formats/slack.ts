import { MAX_SCORE } from '../../../core/nps-scale';
import type { AlertEvent } from '../alert-event';
import type { AlertMessage, DigestMessage } from '../alert-message';
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

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const userOf = (record: AlertRecord) => record.userId ?? `anonymous (${record.anonymousId})`;
const quote = (comment: string) => fitSlack(comment, (text) => escapeSlack(text).replace(/^/gm, '>'));

/**
 * The follow-up that quotes a comment sent after the response's alert: a headline naming whom it
 * is from, the quote and the link, nothing repeated from the first message.
 */
function slackFollowUp(record: AlertRecord, link: string | null): SlackAlertBody {
  const who = record.category ? CATEGORY_LABEL[record.category].toLowerCase() : 'respondent';
  const score = record.score == null ? '' : ` (${outOf(record.score)})`;
  const headline = `Comment from the ${who}${score} · user ${userOf(record)}`;
  const blocks = [section(`*${clip(headline)}*`)];
  if (record.comment != null) blocks.push(section(quote(record.comment)));
  if (link) blocks.push(section(`<${link}|Open in the NPS dashboard>`));
  const text = [headline, record.comment && `“${record.comment}”`].filter(Boolean).join(' · ');
  return { text: clip(text) + (link ? ` <${link}|Open>` : ''), blocks };
}

/**
 * The Slack message of an alert: a headline, the score, category, stage and user as fields, the
 * comment as a quote, and a link to the response; a comment follow-up is a short quote of the
 * comment. Text from users is escaped.
 * @example slackAlert({ event: 'detractor', record, link, followUp: false }) // { text: 'New detractor (3/10) · user …', blocks: [ … ] }
 */
export function slackAlert({ event, record, link, followUp }: AlertMessage): SlackAlertBody {
  if (followUp) return slackFollowUp(record, link);
  const user = userOf(record);
  const blocks: Record<string, unknown>[] = [
    section(`*${escapeSlack(headline(event, record))}*`),
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
  if (record.comment != null) blocks.push(section(quote(record.comment)));
  if (link) blocks.push(section(`<${link}|Open in the NPS dashboard>`));
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

/**
 * The Slack message of a digest: the counts in words and a link to the follow-up queue.
 * @example slackDigest({ counts, text: '14 more detractors in the last minute', link }) // { text: '14 more detractors in the last minute <…|Open>', blocks }
 */
export function slackDigest({ text, link }: DigestMessage): SlackAlertBody {
  const blocks = [section(`*${escapeSlack(text)}*`)];
  if (link) blocks.push(section(`<${link}|Open the follow-up queue>`));
  return { text: escapeSlack(text) + (link ? ` <${link}|Open>` : ''), blocks };
}
