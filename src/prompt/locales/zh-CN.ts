import type { Messages } from '../../core/messages';

/** Simplified Chinese (您). */
export default {
  question: '您向朋友或同事推荐{product}的可能性有多大？',
  low: '完全不可能',
  high: '极有可能',
  detractor: '您给出这个评分的主要原因是什么？',
  passive: '怎样才能让您打 10 分？',
  promoter: '您最喜欢哪一点？',
  placeholder: '您的回答（选填）',
  send: '提交',
  close: '关闭',
  thanks: '感谢您的反馈！',
  left: '还可输入 {n} 个字符',
  us: '我们',
} satisfies Messages;
