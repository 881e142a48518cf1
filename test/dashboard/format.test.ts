import { describe, expect, it } from 'vitest';
import type { NpsChange } from '../../src/collector/api-types';
import { changeText, npsText, signOf, signed, tooFewText } from '../../src/dashboard/format';

const change = (fields: Partial<NpsChange>): NpsChange => ({
  nps: 30, previousNps: 21.8, delta: 8.2, marginOfError: 5, significant: true,
  previousFrom: '2026-10-02T00:00:00.000Z', previousTo: '2026-11-01T00:00:00.000Z', ...fields,
});

describe('dashboard wording', () => {
  it('words a significant rise plainly, with the length of the previous range', () => {
    expect(changeText(change({}))).toBe('up 8.2 points since the previous 30 days — likely real');
  });

  it('words a fall inside the margin as noise', () => {
    const text = changeText(change({ delta: -3.04, significant: false, previousFrom: '2026-11-16T00:00:00Z', previousTo: '2026-11-23T00:00:00Z' }));
    expect(text).toBe('down 3 points since the previous 7 days — within noise');
  });

  it('words no change and a one-point change in the singular', () => {
    expect(changeText(change({ delta: 0, significant: false }))).toBe('unchanged since the previous 30 days — within noise');
    expect(changeText(change({ delta: 1, previousFrom: '2026-11-29T00:00:00Z', previousTo: '2026-11-30T00:00:00Z' }))).toBe(
      'up 1 point since the previous day — likely real',
    );
  });

  it('signs figures with text, not colour alone: plus, a real minus sign, or none', () => {
    expect([signed(12.5), signed(-3), signed(0)]).toEqual(['+12.5', '−3', '0']);
    expect([signOf(12.5), signOf(-3), signOf(0)]).toEqual(['positive', 'negative', 'zero']);
    expect(npsText({ nps: -8, marginOfError: 40.2, total: 4 })).toBe('−8 ± 40.2');
    expect(npsText({ nps: 0, marginOfError: 0, total: 0 })).toBe('–');
  });

  it('says "too few answers" below 10, trusting the collector’s tooFew when given', () => {
    expect(tooFewText({ total: 9 })).toBe('too few answers');
    expect(tooFewText({ total: 10 })).toBe('');
    expect(tooFewText({ total: 50, tooFew: true })).toBe('too few answers');
  });
});
