import { en } from './en';
import type { LoadMessages } from './view';

/** Foundation loader: English only, until the locale modules land. */
export const loadMessages: LoadMessages = async () => ({ locale: 'en', messages: en });
