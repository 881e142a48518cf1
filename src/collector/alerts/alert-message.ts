import type { AlertEvent } from './alert-event';
import type { AlertRecord } from './alert-record';
import type { DigestCounts } from './digest-text';

/** One response's message: its alert, or the follow-up that quotes a comment sent after it. */
export interface AlertMessage {
  event: AlertEvent;
  record: AlertRecord;
  /** The response in the dashboard; null without `dashboardUrl`. */
  link: string | null;
  /** A comment that came after the response's alert was sent: a short message quoting it. */
  followUp: boolean;
}

/** Alerts folded into one message by flood control. */
export interface DigestMessage {
  counts: DigestCounts;
  /** The counts in words: "14 more detractors in the last minute". */
  text: string;
  /** The dashboard's follow-up queue; null without `dashboardUrl`. */
  link: string | null;
}
