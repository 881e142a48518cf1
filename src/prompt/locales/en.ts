import { en } from '../en';

/** English as its own module, for custom renderers: the built-in prompt carries English itself. */
export default en;
