import type { Messages } from '../core/messages';

/** English, built into every bundle; other locales are loaded on demand. */
export const en: Messages = {
  question: 'How likely are you to recommend {product} to a friend or colleague?',
  low: 'Not at all likely',
  high: 'Extremely likely',
  detractor: 'What is the main reason for your score?',
  passive: 'What would make it a 10?',
  promoter: 'What do you like most?',
  placeholder: 'Your answer (optional)',
  send: 'Send',
  close: 'Close',
  thanks: 'Thank you for your feedback!',
  left: 'Characters left: {n}',
  us: 'us',
};
