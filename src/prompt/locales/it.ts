import type { Messages } from '../../core/messages';

/** Italian (formal Lei). */
export default {
  question: 'Con quale probabilità consiglierebbe {product} a un amico o a un collega?',
  low: 'Per niente probabile',
  high: 'Estremamente probabile',
  detractor: 'Qual è il motivo principale del suo punteggio?',
  passive: 'Che cosa dovremmo fare per meritare un 10?',
  promoter: 'Che cosa apprezza di più?',
  placeholder: 'La sua risposta (facoltativa)',
  send: 'Invia',
  close: 'Chiudi',
  thanks: 'Grazie per il suo feedback!',
  left: 'Caratteri rimanenti: {n}',
  us: 'i nostri servizi',
} satisfies Messages;
