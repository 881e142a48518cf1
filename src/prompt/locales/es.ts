import type { Messages } from '../../core/messages';

/** Spanish (usted, neutral for Spain and Latin America). */
export default {
  question: '¿Qué probabilidad hay de que recomiende {product} a un amigo o colega?',
  low: 'Nada probable',
  high: 'Extremadamente probable',
  detractor: '¿Cuál es el motivo principal de su puntuación?',
  passive: '¿Qué haría falta para que nos diera un 10?',
  promoter: '¿Qué es lo que más le gusta?',
  placeholder: 'Su respuesta (opcional)',
  send: 'Enviar',
  close: 'Cerrar',
  thanks: '¡Gracias por sus comentarios!',
  left: 'Caracteres restantes: {n}',
  us: 'nuestros servicios',
} satisfies Messages;
