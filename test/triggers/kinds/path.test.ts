import { describe, expect, it } from 'vitest';
import { matchPath, pathPattern } from '../../../src/triggers/kinds/path';

describe('matchPath', () => {
  it.each([
    ['/checkout/complete', '/checkout/complete', true],
    ['/checkout/complete', '/checkout/complete/', true],
    ['/checkout/complete/', '/checkout/complete', true],
    ['/checkout/complete', '/checkout', false],
    ['/checkout/complete', '/checkout/complete/more', false],
    ['/checkout', '/checkout-old', false],
    ['/', '/', true],
    ['/', '/home', false],
  ])('literal %s against %s: %s', (pattern, pathname, expected) => expect(matchPath(pattern, pathname)).toBe(expected));

  it.each([
    ['/projects/*', '/projects/42', true],
    ['/projects/*', '/projects/42/', true],
    ['/projects/*', '/projects', false],
    ['/projects/*', '/projects/42/settings', false],
    ['/projects/*/settings', '/projects/42/settings', true],
    ['/projects/*/settings', '/projects/settings', false],
    ['/projects/v*', '/projects/v2', true],
    ['/projects/v*', '/projects/x2', false],
    ['/projects/v*', '/projects/v2/x', false],
  ])('* is one segment: %s against %s: %s', (pattern, pathname, expected) =>
    expect(matchPath(pattern, pathname)).toBe(expected),
  );

  it.each([
    ['/projects/**', '/projects', true],
    ['/projects/**', '/projects/', true],
    ['/projects/**', '/projects/42', true],
    ['/projects/**', '/projects/42/settings/members', true],
    ['/projects/**', '/project', false],
    ['/projects/**', '/projectsx/1', false],
    ['/**/settings', '/settings', true],
    ['/**/settings', '/a/b/settings', true],
    ['/**/settings', '/a/settings/b', false],
    ['/**', '/', true],
    ['/**', '/anything/at/all', true],
  ])('** is any number of segments, zero included: %s against %s: %s', (pattern, pathname, expected) =>
    expect(matchPath(pattern, pathname)).toBe(expected),
  );

  it('treats regular-expression characters in a glob literally', () => {
    expect(matchPath('/a.b/(x)+', '/a.b/(x)+')).toBe(true);
    expect(matchPath('/a.b', '/aXb')).toBe(false);
    expect(matchPath('/price/$5', '/price/$5')).toBe(true);
  });

  it('a list matches when any of its patterns does', () => {
    const test = pathPattern(['/projects', '/billing/**']);
    expect(test('/projects')).toBe(true);
    expect(test('/billing/invoices/7')).toBe(true);
    expect(test('/projects/1')).toBe(false);
    expect(test('/team')).toBe(false);
    expect(pathPattern([])('/')).toBe(false);
  });

  it('tests a RegExp against the pathname as given, also in a list, also with the g flag', () => {
    expect(matchPath(/^\/orders\/\d+$/, '/orders/17')).toBe(true);
    expect(matchPath(/^\/orders\/\d+$/, '/orders/abc')).toBe(false);
    const global = pathPattern([/done/g, '/never']);
    // A stateful lastIndex would make the second call fail.
    expect([global('/checkout/done'), global('/checkout/done'), global('/checkout/done')]).toEqual([true, true, true]);
  });

  it('never sees the query or hash: it is given location.pathname, and a glob matching "?" text is literal', () => {
    const url = new URL('https://app.example/checkout/complete?next=/projects/1#/projects/2');
    expect(matchPath('/checkout/complete', url.pathname)).toBe(true);
    expect(matchPath('/projects/**', url.pathname)).toBe(false);
    expect(matchPath('/a?b', '/ab')).toBe(false);
  });

  it('is case-sensitive, like URLs', () => expect(matchPath('/Checkout', '/checkout')).toBe(false));
});
