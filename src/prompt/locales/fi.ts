import type { Messages } from '../../core/messages';

/** Finnish (“sinä”, as Finnish product UI does). */
export default {
  question: 'Kuinka todennäköisesti suosittelisit {product} ystävälle tai kollegalle?',
  low: 'Erittäin epätodennäköisesti',
  high: 'Erittäin todennäköisesti',
  detractor: 'Mikä on tärkein syy antamaasi arvosanaan?',
  passive: 'Mitä tarvittaisiin, jotta antaisit 10?',
  promoter: 'Mistä pidät eniten?',
  placeholder: 'Vastauksesi (valinnainen)',
  send: 'Lähetä',
  close: 'Sulje',
  thanks: 'Kiitos palautteestasi!',
  left: 'Merkkejä jäljellä: {n}',
  us: 'meitä',
} satisfies Messages;
