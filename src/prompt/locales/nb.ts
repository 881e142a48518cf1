import type { Messages } from '../../core/messages';

/** Norwegian Bokmål (“du”). */
export default {
  question: 'Hvor sannsynlig er det at du vil anbefale {product} til en venn eller kollega?',
  low: 'Svært usannsynlig',
  high: 'Svært sannsynlig',
  detractor: 'Hva er hovedgrunnen til vurderingen din?',
  passive: 'Hva skal til for at du gir oss 10?',
  promoter: 'Hva liker du best?',
  placeholder: 'Svaret ditt (valgfritt)',
  send: 'Send',
  close: 'Lukk',
  thanks: 'Takk for tilbakemeldingen!',
  left: 'Tegn igjen: {n}',
  us: 'oss',
} satisfies Messages;
