import type { Messages } from '../../core/messages';

/** Ukrainian (formal “ви”). */
export default {
  question: 'Наскільки ймовірно, що ви порекомендуєте {product} другові або колезі?',
  low: 'Вкрай малоймовірно',
  high: 'Дуже ймовірно',
  detractor: 'Яка головна причина вашої оцінки?',
  passive: 'Що нам зробити, щоб ви поставили 10?',
  promoter: 'Що вам подобається найбільше?',
  placeholder: 'Ваша відповідь (необов’язково)',
  send: 'Надіслати',
  close: 'Закрити',
  thanks: 'Дякуємо за ваш відгук!',
  left: 'Залишилося символів: {n}',
  us: 'нас',
} satisfies Messages;
