import type { Messages } from '../../core/messages';

/** Dutch (formal “u”). */
export default {
  question: 'Hoe waarschijnlijk is het dat u {product} aanbeveelt bij een vriend of collega?',
  low: 'Helemaal niet waarschijnlijk',
  high: 'Zeer waarschijnlijk',
  detractor: 'Wat is de belangrijkste reden voor uw score?',
  passive: 'Wat is er nodig voor een 10?',
  promoter: 'Wat vindt u het beste?',
  placeholder: 'Uw antwoord (optioneel)',
  send: 'Versturen',
  close: 'Sluiten',
  thanks: 'Bedankt voor uw feedback!',
  left: 'Nog {n} tekens',
  us: 'ons',
} satisfies Messages;
