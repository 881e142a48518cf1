import type { Messages } from '../../core/messages';

/** Traditional Chinese (Taiwan, 您). */
export default {
  question: '您向朋友或同事推薦{product}的可能性有多高？',
  low: '完全不可能',
  high: '極有可能',
  detractor: '您給出這個分數的主要原因是什麼？',
  passive: '怎麼做才能讓您給 10 分？',
  promoter: '您最喜歡哪一點？',
  placeholder: '您的回答（選填）',
  send: '送出',
  close: '關閉',
  thanks: '感謝您的意見回饋！',
  left: '還可輸入 {n} 個字元',
  us: '我們',
} satisfies Messages;
