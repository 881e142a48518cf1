import type { Messages } from '../../core/messages';

/** Japanese (polite です/ます). */
export default {
  question: '{product}を友人や同僚に薦める可能性はどのくらいありますか？',
  low: '全く薦めない',
  high: '強く薦める',
  detractor: 'そのスコアを付けた一番の理由は何ですか？',
  passive: '10点にするには何が必要ですか？',
  promoter: '特に気に入っている点は何ですか？',
  placeholder: 'ご回答（任意）',
  send: '送信',
  close: '閉じる',
  thanks: 'フィードバックをありがとうございました！',
  left: '残り{n}文字',
  us: '当社',
} satisfies Messages;
