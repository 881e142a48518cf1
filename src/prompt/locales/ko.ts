import type { Messages } from '../../core/messages';

/** Korean (polite 해요체). */
export default {
  question: '친구나 동료에게 {product} 추천할 가능성은 얼마나 되나요?',
  low: '전혀 추천하지 않음',
  high: '매우 추천함',
  detractor: '이 점수를 주신 가장 큰 이유는 무엇인가요?',
  passive: '10점을 주시려면 무엇이 필요할까요?',
  promoter: '가장 마음에 드는 점은 무엇인가요?',
  placeholder: '답변 (선택 사항)',
  send: '보내기',
  close: '닫기',
  thanks: '소중한 의견 감사합니다!',
  left: '남은 글자 수: {n}',
  us: '저희를',
} satisfies Messages;
