// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SNIPPET } from '../helpers/snippet';

const read = (path: string) => readFileSync(new URL('../../' + path, import.meta.url), 'utf8');

describe('the loader snippet', () => {
  it('is the same in the README, the demo page and the tests', () => {
    expect(read('README.md')).toContain(SNIPPET);
    expect(read('demo/public/index.html')).toContain(SNIPPET);
  });
});
