import type { Messages } from '../../core/messages';

/** Swedish (“du”, as Swedish product UI does). */
export default {
  question: 'Hur troligt är det att du skulle rekommendera {product} till en vän eller kollega?',
  low: 'Inte alls troligt',
  high: 'Mycket troligt',
  detractor: 'Vad är den främsta anledningen till ditt betyg?',
  passive: 'Vad skulle krävas för en tia?',
  promoter: 'Vad uppskattar du mest?',
  placeholder: 'Ditt svar (valfritt)',
  send: 'Skicka',
  close: 'Stäng',
  thanks: 'Tack för din feedback!',
  left: 'Tecken kvar: {n}',
  us: 'oss',
} satisfies Messages;
