import type { Messages } from '../../core/messages';

/** Hebrew (plural address, gender-neutral). */
export default {
  question: 'מה הסיכוי שתמליצו על {product} לחבר או לעמית?',
  low: 'בכלל לא סביר',
  high: 'סביר מאוד',
  detractor: 'מהי הסיבה העיקרית לציון שנתתם?',
  passive: 'מה יגרום לכם לתת 10?',
  promoter: 'מה אתם הכי אוהבים?',
  placeholder: 'התשובה שלכם (לא חובה)',
  send: 'שליחה',
  close: 'סגירה',
  thanks: 'תודה על המשוב!',
  left: 'תווים שנותרו: {n}',
  us: 'השירות שלנו',
} satisfies Messages;
