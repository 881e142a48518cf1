import { describe, expect, it } from 'vitest';
import { visibleTimer } from '../../../src/triggers/kinds/after-seconds';
import { fakeDocument, fakeTimers } from '../../helpers/trigger-fakes';

const setup = () => {
  const timers = fakeTimers();
  const document = fakeDocument();
  let fired = 0;
  const start = (ms: number) => visibleTimer(ms, () => fired++, { ...timers, document });
  return { timers, document, start, fired: () => fired };
};

describe('visibleTimer', () => {
  it('fires once after the given visible time, then leaves no timer or listener behind', () => {
    const { timers, document, start, fired } = setup();
    start(60_000);
    timers.advance(59_999);
    expect(fired()).toBe(0);
    timers.advance(1);
    expect(fired()).toBe(1);
    timers.advance(120_000);
    expect(fired()).toBe(1);
    expect(timers.pending).toBe(0);
    expect(document.listeners.visibilitychange).toBe(0);
  });

  it('does not count hidden time: 20 s visible + 5 min hidden + 40 s visible = 60 s', () => {
    const { timers, document, start, fired } = setup();
    start(60_000);
    timers.advance(20_000);
    document.setVisibility('hidden');
    expect(timers.pending).toBe(0);
    timers.advance(300_000);
    expect(fired()).toBe(0);
    document.setVisibility('visible');
    timers.advance(39_999);
    expect(fired()).toBe(0);
    timers.advance(1);
    expect(fired()).toBe(1);
  });

  it('starting while hidden waits for the page to become visible', () => {
    const { timers, document, start, fired } = setup();
    document.setVisibility('hidden');
    start(1000);
    timers.advance(10_000);
    expect(fired()).toBe(0);
    document.setVisibility('visible');
    timers.advance(1000);
    expect(fired()).toBe(1);
  });

  it('a repeated "visible" event does not restart or double the timeout', () => {
    const { timers, document, start, fired } = setup();
    start(1000);
    timers.advance(600);
    document.setVisibility('visible');
    expect(timers.pending).toBe(1);
    timers.advance(400);
    expect(fired()).toBe(1);
  });

  it('cancel removes the timeout and the listener; it never fires', () => {
    const { timers, document, start, fired } = setup();
    const cancel = start(1000);
    expect(document.listeners.visibilitychange).toBe(1);
    timers.advance(500);
    cancel();
    expect(timers.pending).toBe(0);
    expect(document.listeners.visibilitychange).toBe(0);
    document.setVisibility('hidden');
    document.setVisibility('visible');
    timers.advance(10_000);
    expect(fired()).toBe(0);
  });

  it('cancelling while hidden leaves nothing behind either', () => {
    const { timers, document, start, fired } = setup();
    const cancel = start(1000);
    document.setVisibility('hidden');
    cancel();
    document.setVisibility('visible');
    timers.advance(5000);
    expect([fired(), timers.pending, document.listeners.visibilitychange]).toEqual([0, 0, 0]);
  });
});

describe('visibleTimer with a very long time', () => {
  it('never schedules past what browsers can wait (2^31-1 ms), which they would run at once', () => {
    const timers = fakeTimers();
    let fired = 0;
    visibleTimer(1e12, () => fired++, { ...timers, document: fakeDocument() });
    timers.advance(1000);
    expect([fired, timers.pending]).toEqual([0, 1]);
  });
});
