import { describe, expect, it } from 'vitest';
import type { NpsChange } from '../../src/core/api-types';
import {
  changeRangeText,
  changeText,
  headlineRangeText,
  npsText,
  signOf,
  signed,
  tooFewText,
} from '../../src/dashboard/format';

const change = (fields: Partial<NpsChange>): NpsChange => ({
  nps: 30,
  previousNps: 21.8,
  delta: 8.2,
  marginOfError: 5,
  significant: true,
  from: '2026-11-01T00:00:00.000Z',
  to: '2026-12-01T00:00:00.000Z',
  previousFrom: '2026-10-02T00:00:00.000Z',
  previousTo: '2026-11-01T00:00:00.000Z',
  total: 400,
  previousTotal: 380,
  tooFew: false,
  ...fields,
});

describe('dashboard wording', () => {
  it('words a significant rise plainly, with the length of the previous range', () => {
    expect(changeText(change({}))).toBe('up 8.2 points since the previous 30 days — likely real');
  });

  it('words a fall inside the margin as noise', () => {
    const text = changeText(
      change({
        delta: -3.04,
        significant: false,
        previousFrom: '2026-11-16T00:00:00Z',
        previousTo: '2026-11-23T00:00:00Z',
      }),
    );
    expect(text).toBe('down 3 points since the previous 7 days — within noise');
  });

  it('words no change and a one-point change in the singular', () => {
    expect(changeText(change({ delta: 0, significant: false }))).toBe(
      'unchanged since the previous 30 days — within noise',
    );
    expect(
      changeText(change({ delta: 1, previousFrom: '2026-11-29T00:00:00Z', previousTo: '2026-11-30T00:00:00Z' })),
    ).toBe('up 1 point since the previous day — likely real');
  });

  it('never calls a change likely real when either range has too few answers', () => {
    expect(changeText(change({ delta: 200, total: 3, previousTotal: 40, tooFew: true }))).toBe(
      'up 200 points since the previous 30 days — too few answers',
    );
    expect(changeText(change({ delta: -5, significant: false, total: 40, previousTotal: 9, tooFew: true }))).toBe(
      'down 5 points since the previous 30 days — too few answers',
    );
  });

  it('names the range the headline covers and the range the change compares', () => {
    expect(headlineRangeText({ from: '', to: '' })).toBe('All time');
    expect(headlineRangeText({ from: '2026-11-01', to: '2026-11-30' })).toBe('2026-11-01 to 2026-11-30');
    expect(headlineRangeText({ from: '2026-11-01', to: '' })).toBe('Since 2026-11-01');
    expect(headlineRangeText({ from: '', to: '2026-11-30' })).toBe('All time to 2026-11-30');
    expect(changeRangeText(change({}), { from: '', to: '' })).toBe('The last 30 days');
    expect(changeRangeText(change({}), { from: '', to: '2026-11-30' })).toBe('The 30 days to 2026-11-30');
    expect(changeRangeText(change({}), { from: '2026-11-01', to: '2026-11-30' })).toBe('This range');
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
