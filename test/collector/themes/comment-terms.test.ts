import { describe, expect, it } from 'vitest';
import { isThemeWord, lexemesByPosition, termPositions } from '../../../src/collector/themes/comment-terms';
import { tallyTerms } from '../../../src/collector/themes/tally-terms';

// Reading `comment_search` (a tsvector's text form) and counting terms from it, without a database.
describe('reading a tsvector', () => {
  it('puts each lexeme at each of its positions, with weights and escapes read back', () => {
    const byPosition = lexemesByPosition(`'cost':3B 'it''s':1 'back\\\\slash':5 'ship':2,6A`);
    expect(byPosition[1]).toBe("it's");
    expect(byPosition[2]).toBe('ship');
    expect(byPosition[3]).toBe('cost');
    expect(byPosition[4]).toBeUndefined();
    expect(byPosition[5]).toBe('back\\slash');
    expect(byPosition[6]).toBe('ship');
    expect(byPosition).toHaveLength(7);
  });

  it('reads an empty tsvector, and lexemes without positions, as no words', () => {
    expect(lexemesByPosition('')).toEqual([]);
    expect(lexemesByPosition(`'alone' 'kept':2`)).toEqual([undefined, undefined, 'kept']);
  });

  it('finds the positions of a word and of a phrase', () => {
    const byPosition = lexemesByPosition(`'cost':3,9 'high':4 'ship':2,8`);
    expect(termPositions(byPosition, 'ship')).toEqual([2, 8]);
    expect(termPositions(byPosition, 'ship cost')).toEqual([2, 8]);
    expect(termPositions(byPosition, 'cost high')).toEqual([3]);
    expect(termPositions(byPosition, 'high ship')).toEqual([]);
  });

  it('keeps words, not numbers, addresses, versions or whole hyphenated compounds', () => {
    for (const word of ['ship', 'größe', '2fa', 'b2b', 'アプリ']) expect(isThemeWord(word), word).toBe(true);
    for (const lexeme of ['x', '42', '3.5', 'a@b.example', 'e-mail', 'www.example.com', '/tmp/file', '1.2.3'])
      expect(isThemeWord(lexeme), lexeme).toBe(false);
  });
});

describe('tallying terms', () => {
  const comment = (id: string, category: 'detractor' | 'passive' | 'promoter', stems: string) => ({
    id,
    category,
    stems,
  });

  it('counts each comment once per term, words and the phrases of neighbouring words', () => {
    // "Shipping costs, shipping costs!" and "The shipping was slow" (a stop word between ship and slow).
    const tallies = tallyTerms([
      comment('a', 'detractor', `'cost':2,4 'ship':1,3`),
      comment('b', 'detractor', `'ship':2 'slow':4`),
      comment('c', 'promoter', `'editor':2`),
    ]);
    expect(tallies.terms.get('ship')?.counts).toEqual({ detractor: 2, passive: 0, promoter: 0 });
    expect(tallies.terms.get('ship cost')?.counts).toEqual({ detractor: 1, passive: 0, promoter: 0 });
    expect(tallies.terms.get('cost ship')?.counts.detractor).toBe(1);
    expect(tallies.terms.has('ship slow')).toBe(false);
    expect([...tallies.terms.keys()].sort()).toEqual(['cost', 'cost ship', 'editor', 'ship', 'ship cost', 'slow']);
    // a: ship, cost, ship cost, cost ship; b: ship, slow; c: editor.
    expect(tallies.mentions).toEqual({ detractor: 6, passive: 0, promoter: 1 });
    expect(tallies.comments).toEqual({ detractor: 2, passive: 0, promoter: 1 });
  });

  it('keeps the newest eight responses per category, in sample order', () => {
    const ids = 'abcdefghij'.split('');
    const tallies = tallyTerms(
      ids.map((id) => comment(id, 'detractor', `'ship':1`)).concat(comment('z', 'promoter', `'ship':1`)),
    );
    expect(tallies.terms.get('ship')?.newest).toEqual({ detractor: ids.slice(0, 8), passive: [], promoter: ['z'] });
  });
});
