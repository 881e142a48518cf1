import { describe, expect, it } from 'vitest';
import { eligibility, sampleValue, type EligibilityInput } from '../../src/core/eligibility';

const DAY = 864e5;
const NOW = Date.parse('2026-11-23T10:00:00Z');
const base: EligibilityInput = {
  now: NOW,
  visible: false,
  stageKnown: true,
  state: {},
  resurveyDays: 90,
  dismissCooldownDays: 30,
  minDaysSinceSignup: 0,
  sampleRate: 1,
  sampleKey: 'user-1\ncheckout',
};
const check = (over: Partial<EligibilityInput>) => eligibility({ ...base, ...over });

describe('eligibility', () => {
  it('shows a fresh user', () => expect(check({})).toBeUndefined());

  it('checks in the documented order', () => {
    const all: Partial<EligibilityInput> = {
      disabled: true,
      visible: true,
      stageKnown: false,
      state: { answeredAt: NOW },
      minDaysSinceSignup: 5,
      sampleRate: 0,
    };
    expect(check(all)).toBe('disabled');
    expect(check({ ...all, disabled: false })).toBe('already-visible');
    expect(check({ ...all, disabled: false, visible: false })).toBe('unknown-stage');
    expect(check({ ...all, disabled: false, visible: false, stageKnown: true })).toBe('throttled');
    expect(check({ ...all, disabled: false, visible: false, stageKnown: true, state: {} })).toBe('too-early');
    expect(check({ ...all, disabled: false, visible: false, stageKnown: true, state: {}, minDaysSinceSignup: 0 })).toBe(
      'sampled-out',
    );
  });

  it('throttles for resurveyDays after an answer and dismissCooldownDays after a dismissal', () => {
    expect(check({ state: { answeredAt: NOW - 89.9 * DAY } })).toBe('throttled');
    expect(check({ state: { answeredAt: NOW - 90 * DAY } })).toBeUndefined();
    expect(check({ state: { dismissedAt: NOW - 29 * DAY } })).toBe('throttled');
    expect(check({ state: { dismissedAt: NOW - 31 * DAY } })).toBeUndefined();
    expect(check({ state: { answeredAt: NOW - 100 * DAY, dismissedAt: NOW - DAY } })).toBe('throttled');
    expect(check({ state: { answeredAt: NOW }, resurveyDays: 0 })).toBeUndefined();
  });

  it('holds new users back until minDaysSinceSignup, from an ISO date or epoch ms', () => {
    expect(check({ minDaysSinceSignup: 14, signedUpAt: new Date(NOW - 3 * DAY).toISOString() })).toBe('too-early');
    expect(check({ minDaysSinceSignup: 14, signedUpAt: NOW - 15 * DAY })).toBeUndefined();
    expect(check({ minDaysSinceSignup: 14, signedUpAt: '2026-01-02' })).toBeUndefined();
    // Unknown signup date: we cannot tell the user is not new, so we wait.
    expect(check({ minDaysSinceSignup: 14 })).toBe('too-early');
    expect(check({ minDaysSinceSignup: 14, signedUpAt: 'soon' })).toBe('too-early');
    expect(check({ minDaysSinceSignup: 0, signedUpAt: 'soon' })).toBeUndefined();
  });

  it('force skips the user-level rules but not visibility or unknown stages', () => {
    const blocked = { state: { answeredAt: NOW }, minDaysSinceSignup: 9, sampleRate: 0 };
    expect(check({ ...blocked, force: true })).toBeUndefined();
    expect(check({ ...blocked, force: true, visible: true })).toBe('already-visible');
    expect(check({ ...blocked, force: true, stageKnown: false })).toBe('unknown-stage');
  });
});

describe('sampling', () => {
  it('is deterministic per (user, stage)', () => {
    for (let i = 0; i < 200; i++) {
      const key = `user-${i}\ncheckout`;
      const first = check({ sampleKey: key, sampleRate: 0.3 });
      for (let j = 0; j < 5; j++) expect(check({ sampleKey: key, sampleRate: 0.3 })).toBe(first);
    }
    expect(sampleValue('a\nx')).not.toBe(sampleValue('a\ny'));
  });

  it.each([0.05, 0.3, 0.5, 0.9])('shows %s of 10,000 users within ±2 points', (rate) => {
    let shown = 0;
    for (let i = 0; i < 10_000; i++) if (!check({ sampleKey: `user-${i}\ncheckout`, sampleRate: rate })) shown++;
    expect(Math.abs(shown / 10_000 - rate)).toBeLessThanOrEqual(0.02);
  });

  it('is independent across stages for the same users', () => {
    let both = 0;
    for (let i = 0; i < 10_000; i++) {
      const a = !check({ sampleKey: `u${i}\nonboarded`, sampleRate: 0.5 });
      const b = !check({ sampleKey: `u${i}\ncheckout`, sampleRate: 0.5 });
      if (a && b) both++;
    }
    expect(Math.abs(both / 10_000 - 0.25)).toBeLessThanOrEqual(0.02);
  });

  it('rate 0 shows nobody and rate 1 everybody', () => {
    for (let i = 0; i < 1000; i++) {
      expect(check({ sampleKey: String(i), sampleRate: 0 })).toBe('sampled-out');
      expect(check({ sampleKey: String(i), sampleRate: 1 })).toBeUndefined();
    }
  });
});
