import type { Messages } from '../../core/messages';

/** Polish (“Ty”, as Polish product UI does). */
export default {
  question: 'Jak prawdopodobne jest, że polecisz {product} znajomemu lub współpracownikowi?',
  low: 'Zupełnie nieprawdopodobne',
  high: 'Bardzo prawdopodobne',
  detractor: 'Jaki jest główny powód Twojej oceny?',
  passive: 'Czego brakuje do oceny 10?',
  promoter: 'Co podoba Ci się najbardziej?',
  placeholder: 'Twoja odpowiedź (opcjonalnie)',
  send: 'Wyślij',
  close: 'Zamknij',
  thanks: 'Dziękujemy za opinię!',
  left: 'Pozostało znaków: {n}',
  us: 'nas',
} satisfies Messages;
