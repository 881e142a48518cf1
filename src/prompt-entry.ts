/**
 * The built-in prompt module (`dist/prompt.js`), loaded by the SDK only when a prompt will show.
 * It imports from the SDK only types and pure `core/` helpers: the `Survey` handle is the whole seam.
 */
export { renderPrompt } from './prompt/render-prompt';
export { en } from './prompt/en';
