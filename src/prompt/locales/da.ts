import type { Messages } from '../../core/messages';

/** Danish (“du”). */
export default {
  question: 'Hvor sandsynligt er det, at du vil anbefale {product} til en ven eller kollega?',
  low: 'Slet ikke sandsynligt',
  high: 'Meget sandsynligt',
  detractor: 'Hvad er den primære årsag til din bedømmelse?',
  passive: 'Hvad skal der til, for at du giver os 10?',
  promoter: 'Hvad synes du bedst om?',
  placeholder: 'Dit svar (valgfrit)',
  send: 'Send',
  close: 'Luk',
  thanks: 'Tak for din feedback!',
  left: 'Tegn tilbage: {n}',
  us: 'os',
} satisfies Messages;
