import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/core/ids';
import { fakeClock, seededRandom } from '../helpers/fakes';

const UUIDV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidv7', () => {
  it('has the version-7 layout with the timestamp in the first 48 bits', () => {
    const clock = fakeClock(Date.parse('2026-11-23T10:00:00.000Z'));
    const id = uuidv7(clock.now, seededRandom(7))();
    expect(id).toMatch(UUIDV7);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(clock.now());
  });

  it('sorts in creation order, also within one millisecond and when the clock steps back', () => {
    const clock = fakeClock();
    const next = uuidv7(clock.now, seededRandom(3));
    const ids: string[] = [];
    for (let i = 0; i < 5000; i++) {
      ids.push(next());
      if (i % 1000 === 999) clock.advance(1);
      if (i === 2500) clock.advance(-50); // NTP correction: ids must still increase
    }
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(UUIDV7);
  });

  it('uses crypto.getRandomValues by default', () => {
    const a = uuidv7()();
    const b = uuidv7()();
    expect(a).toMatch(UUIDV7);
    expect(a.slice(19)).not.toBe(b.slice(19));
  });
});
