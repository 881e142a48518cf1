// createNps checks its options up front: a bad one throws a TypeError that names it.
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/create-client';

const endpoint = 'https://api.example.com/nps';

describe('createNps options', () => {
  it('rejects bad options with a TypeError naming the option', () => {
    expect(() => createClient({ endpoint: 'ftp://x' })).toThrow(/options\.endpoint must be an https URL/);
  });

  it('stages with a null entry are refused at createNps, naming the stage', () => {
    expect(() => createClient({ endpoint, stages: { x: null as never } })).toThrow(
      /options\.stages\.x must be an object, got null/,
    );
  });

  it('delays longer than a browser timer can hold are refused', () => {
    expect(() => createClient({ endpoint, thanks: { closeAfterMs: Infinity } })).toThrow(
      /options\.thanks\.closeAfterMs must be a number from 0 to 2147483647/,
    );
  });
});
