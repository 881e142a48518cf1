import type { Messages } from '../../core/messages';

/** Russian (formal “вы”). */
export default {
  question: 'Насколько вероятно, что вы порекомендуете {product} другу или коллеге?',
  low: 'Крайне маловероятно',
  high: 'Очень вероятно',
  detractor: 'Какова основная причина вашей оценки?',
  passive: 'Что нам сделать, чтобы вы поставили 10?',
  promoter: 'Что вам нравится больше всего?',
  placeholder: 'Ваш ответ (необязательно)',
  send: 'Отправить',
  close: 'Закрыть',
  thanks: 'Спасибо за ваш отзыв!',
  left: 'Осталось символов: {n}',
  us: 'нас',
} satisfies Messages;
