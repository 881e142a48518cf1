import { afterEach, describe, expect, it } from 'vitest';
import { watchClicks } from '../../../src/triggers/kinds/click';
import { fakeDocument } from '../../helpers/trigger-fakes';

afterEach(() => document.body.replaceChildren());

const button = (id: string, inside: Element = document.body) => {
  const element = document.createElement('button');
  element.id = id;
  element.append(Object.assign(document.createElement('span'), { textContent: 'Export' }));
  inside.append(element);
  return element;
};

describe('watchClicks', () => {
  it('uses one capture listener on the document for every selector', () => {
    const root = fakeDocument();
    const stop = watchClicks(
      [
        { selector: '#a', onClick() {} },
        { selector: '.b', onClick() {} },
      ],
      root,
    );
    expect(root.listeners.click).toBe(1);
    stop();
    expect(root.listeners.click).toBe(0);
  });

  it('counts clicks on a matching element and inside one, and only those', () => {
    const clicks: string[] = [];
    button('export');
    button('other');
    const stop = watchClicks([{ selector: '#export', onClick: () => clicks.push('export') }], document);
    (document.getElementById('export') as HTMLElement).click();
    (document.querySelector('#export span') as HTMLElement).dispatchEvent(new MouseEvent('click', { bubbles: true }));
    (document.getElementById('other') as HTMLElement).click();
    document.body.click();
    expect(clicks).toEqual(['export', 'export']);
    stop();
  });

  it('works for elements added after it started', () => {
    const clicks: string[] = [];
    const stop = watchClicks([{ selector: '[data-nps="export"]', onClick: () => clicks.push('late') }], document);
    const late = button('late');
    late.dataset.nps = 'export';
    late.click();
    expect(clicks).toEqual(['late']);
    stop();
  });

  it('still sees a click whose propagation the app stops', () => {
    const clicks: string[] = [];
    const target = button('export');
    target.addEventListener('click', (event) => event.stopPropagation());
    const stopAtBody = (event: Event) => event.stopPropagation();
    document.body.addEventListener('click', stopAtBody, true);
    const stop = watchClicks([{ selector: '#export', onClick: () => clicks.push('seen') }], document);
    target.click();
    document.body.removeEventListener('click', stopAtBody, true);
    expect(clicks).toEqual(['seen']);
    stop();
  });

  it('calls each matching target, and nothing after stop', () => {
    const clicks: string[] = [];
    const target = button('export');
    target.className = 'primary';
    const stop = watchClicks(
      [
        { selector: '#export', onClick: () => clicks.push('id') },
        { selector: 'body .primary', onClick: () => clicks.push('class') },
        { selector: 'form', onClick: () => clicks.push('never') },
      ],
      document,
    );
    target.click();
    stop();
    target.click();
    expect(clicks).toEqual(['id', 'class']);
  });
});
