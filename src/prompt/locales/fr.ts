import type { Messages } from '../../core/messages';

/** French (vous; narrow no-break spaces before ? ! :). */
export default {
  question: 'Quelle est la probabilité que vous recommandiez {product} à un ami ou à un collègue ?',
  low: 'Pas du tout probable',
  high: 'Extrêmement probable',
  detractor: 'Quelle est la principale raison de votre note ?',
  passive: 'Que faudrait-il pour que vous nous donniez 10 ?',
  promoter: 'Qu’appréciez-vous le plus ?',
  placeholder: 'Votre réponse (facultatif)',
  send: 'Envoyer',
  close: 'Fermer',
  thanks: 'Merci pour votre retour !',
  left: 'Caractères restants : {n}',
  us: 'nos services',
} satisfies Messages;
