/**
 * Every string the prompt shows. `{product}` in `question` is replaced with `options.product`;
 * `{n}` in `left` with the number of characters left.
 */
export interface Messages {
  /** @default 'How likely are you to recommend {product} to a friend or colleague?' */
  question: string;
  /** Label under 0. @default 'Not at all likely' */
  low: string;
  /** Label under 10. @default 'Extremely likely' */
  high: string;
  /** Follow-up for scores 0–6. @default 'What is the main reason for your score?' */
  detractor: string;
  /** Follow-up for scores 7–8. @default 'What would make it a 10?' */
  passive: string;
  /** Follow-up for scores 9–10. @default 'What do you like most?' */
  promoter: string;
  /** @default 'Your answer (optional)' */
  placeholder: string;
  /** @default 'Send' */
  send: string;
  /** @default 'Close' */
  close: string;
  /** @default 'Thank you for your feedback!' */
  thanks: string;
  /** @default 'Characters left: {n}' */
  left: string;
  /** Stands for the product in `question` when `options.product` is not set. @default 'us' */
  us: string;
}
