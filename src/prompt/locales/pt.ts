import type { Messages } from '../../core/messages';

/** Portuguese (neutral for Portugal and Brazil, no pronoun in the question). */
export default {
  question: 'Qual é a probabilidade de recomendar {product} a um amigo ou colega?',
  low: 'Nada provável',
  high: 'Extremamente provável',
  detractor: 'Qual é o principal motivo da sua nota?',
  passive: 'O que faria a sua nota chegar a 10?',
  promoter: 'O que mais lhe agrada?',
  placeholder: 'A sua resposta (opcional)',
  send: 'Enviar',
  close: 'Fechar',
  thanks: 'Obrigado pelo seu feedback!',
  left: 'Caracteres restantes: {n}',
  us: 'os nossos serviços',
} satisfies Messages;
