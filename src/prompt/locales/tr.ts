import type { Messages } from '../../core/messages';

/** Turkish (formal “siz”). */
export default {
  question: 'Bir arkadaşınıza veya iş arkadaşınıza {product} önerme olasılığınız nedir?',
  low: 'Hiç olası değil',
  high: 'Son derece olası',
  detractor: 'Puanınızın temel nedeni nedir?',
  passive: 'Bize 10 vermeniz için ne gerekir?',
  promoter: 'En çok neyi beğeniyorsunuz?',
  placeholder: 'Yanıtınız (isteğe bağlı)',
  send: 'Gönder',
  close: 'Kapat',
  thanks: 'Geri bildiriminiz için teşekkür ederiz!',
  left: 'Kalan karakter: {n}',
  us: 'bizi',
} satisfies Messages;
