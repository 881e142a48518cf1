import { describe, expect, it } from 'vitest';
import { openPrompt } from './open-prompt';

// Its own file: a custom element definition cannot be undone, and it would change every other test's host.
describe('host element', () => {
  it('a page that defined its own nps-widget element keeps it; the prompt uses a host of its own', () => {
    class PageWidget extends HTMLElement {
      constructor() {
        super();
        this.attachShadow({ mode: 'open' }).append('the page’s own widget');
      }
    }
    customElements.define('nps-widget', PageWidget);
    const theirs = document.body.appendChild(document.createElement('nps-widget'));
    const p = openPrompt({ id: '0192f1a4-7b3c-7d2e-8f00-0123456789ab' });
    expect(p.host).not.toBe(theirs);
    expect(p.host.tagName.toLowerCase()).toBe('nps-widget-0123456789ab');
    expect(p.host.hasAttribute('data-nps-widget')).toBe(true);
    expect(p.ui.getByRole('dialog')).toBeTruthy();
    expect(theirs.shadowRoot?.textContent).toBe('the page’s own widget');
  });
});
