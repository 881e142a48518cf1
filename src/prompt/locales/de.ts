import type { Messages } from '../../core/messages';

/** German (formal “Sie”). */
export default {
  question: 'Wie wahrscheinlich ist es, dass Sie {product} einem Freund oder Kollegen empfehlen?',
  low: 'Überhaupt nicht wahrscheinlich',
  high: 'Äußerst wahrscheinlich',
  detractor: 'Was ist der Hauptgrund für Ihre Bewertung?',
  passive: 'Was würde aus Ihrer Bewertung eine 10 machen?',
  promoter: 'Was gefällt Ihnen am besten?',
  placeholder: 'Ihre Antwort (optional)',
  send: 'Senden',
  close: 'Schließen',
  thanks: 'Vielen Dank für Ihr Feedback!',
  left: 'Noch {n} Zeichen',
  us: 'uns',
} satisfies Messages;
