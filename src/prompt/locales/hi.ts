import type { Messages } from '../../core/messages';

/** Hindi (आप). */
export default {
  question: 'इसकी कितनी संभावना है कि आप किसी मित्र या सहकर्मी को {product} की सिफ़ारिश करेंगे?',
  low: 'बिल्कुल संभावना नहीं',
  high: 'बहुत अधिक संभावना',
  detractor: 'आपके स्कोर का मुख्य कारण क्या है?',
  passive: 'इसे 10 बनाने के लिए क्या चाहिए?',
  promoter: 'आपको सबसे अधिक क्या पसंद है?',
  placeholder: 'आपका जवाब (वैकल्पिक)',
  send: 'भेजें',
  close: 'बंद करें',
  thanks: 'आपकी प्रतिक्रिया के लिए धन्यवाद!',
  left: 'शेष वर्ण: {n}',
  us: 'हमारी सेवाओं',
} satisfies Messages;
