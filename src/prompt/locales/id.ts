import type { Messages } from '../../core/messages';

/** Indonesian (formal “Anda”). */
export default {
  question: 'Seberapa besar kemungkinan Anda merekomendasikan {product} kepada teman atau kolega?',
  low: 'Sangat tidak mungkin',
  high: 'Sangat mungkin',
  detractor: 'Apa alasan utama Anda memberi nilai tersebut?',
  passive: 'Apa yang perlu kami lakukan agar Anda memberi nilai 10?',
  promoter: 'Apa yang paling Anda sukai?',
  placeholder: 'Jawaban Anda (opsional)',
  send: 'Kirim',
  close: 'Tutup',
  thanks: 'Terima kasih atas masukan Anda!',
  left: 'Sisa karakter: {n}',
  us: 'kami',
} satisfies Messages;
