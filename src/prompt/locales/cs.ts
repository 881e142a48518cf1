import type { Messages } from '../../core/messages';

/** Czech (formal “vy”). */
export default {
  question: 'Jak pravděpodobné je, že byste {product} doporučili příteli nebo kolegovi?',
  low: 'Zcela nepravděpodobné',
  high: 'Velmi pravděpodobné',
  detractor: 'Jaký je hlavní důvod vašeho hodnocení?',
  passive: 'Co by bylo potřeba, abyste nám dali 10?',
  promoter: 'Co se vám líbí nejvíc?',
  placeholder: 'Vaše odpověď (nepovinné)',
  send: 'Odeslat',
  close: 'Zavřít',
  thanks: 'Děkujeme za zpětnou vazbu!',
  left: 'Zbývající znaky: {n}',
  us: 'nás',
} satisfies Messages;
