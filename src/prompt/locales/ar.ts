import type { Messages } from '../../core/messages';

/** Arabic (Modern Standard). */
export default {
  question: 'ما مدى احتمال أن تنصح صديقًا أو زميلًا باستخدام {product}؟',
  low: 'غير محتمل على الإطلاق',
  high: 'محتمل جدًا',
  detractor: 'ما السبب الرئيسي لتقييمك؟',
  passive: 'ما الذي يجعل تقييمك 10؟',
  promoter: 'ما أكثر ما يعجبك؟',
  placeholder: 'إجابتك (اختياري)',
  send: 'إرسال',
  close: 'إغلاق',
  thanks: 'شكرًا لك على ملاحظاتك!',
  left: 'الأحرف المتبقية: {n}',
  us: 'خدماتنا',
} satisfies Messages;
