import { expect, it } from 'vitest';
import { pageUrl } from '../../src/core/page-url';

it.each([
  ['/cart;jsessionid=1A2B3C', '/cart'],
  ['/a;x=1/b;jsessionid=2/c', '/a/b/c'],
  ['/plain/path', '/plain/path'],
  ['/', '/'],
])('strips ; path parameters: %s → %s', (pathname, path) => {
  expect(pageUrl({ origin: 'https://app.example', pathname })).toBe(`https://app.example${path}`);
});

it('takes no query string or fragment from a real location', () => {
  const url = new URL('https://app.example/settings;sid=9?token=secret#frag');
  expect(pageUrl(url)).toBe('https://app.example/settings');
});
