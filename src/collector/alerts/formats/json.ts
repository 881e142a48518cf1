import type { AlertEvent } from '../alert-event';
import type { AlertMessage, DigestMessage } from '../alert-message';
import type { AlertRecord } from '../alert-record';
import type { DigestCounts } from '../digest-text';

/** What a `json` webhook receives for one response (a comment follow-up has event `comment`). */
export interface JsonAlertBody {
  event: AlertEvent;
  response: AlertRecord;
  /** The response in the dashboard; null when the collector was not given `dashboardUrl`. */
  link: string | null;
}

/** What a `json` webhook receives for a digest: alerts folded by flood control. */
export interface JsonDigestBody {
  event: 'digest';
  /** How many alerts of each event it stands for. */
  counts: DigestCounts;
  /** "14 more detractors in the last minute". */
  text: string;
  /** The dashboard's follow-up queue; null without `dashboardUrl`. */
  link: string | null;
}

/**
 * The `json` format of an alert: the event, the record as the alert snapshot holds it, and the link.
 * @example jsonAlert({ event: 'detractor', record, link, followUp: false }) // { event: 'detractor', response: record, link }
 */
export function jsonAlert({ event, record, link }: AlertMessage): JsonAlertBody {
  return { event, response: record, link };
}

/**
 * The `json` format of a digest.
 * @example jsonDigest({ counts: { detractor: 14 }, text, link }) // { event: 'digest', counts: { detractor: 14 }, text, link }
 */
export function jsonDigest({ counts, text, link }: DigestMessage): JsonDigestBody {
  return { event: 'digest', counts, text, link };
}
