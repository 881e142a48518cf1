import { describe, expect, it } from 'vitest';
import { createEmitter } from '../../src/core/emitter';

describe('createEmitter', () => {
  it('delivers payloads, unsubscribes with the returned function and with off', () => {
    const seen: number[] = [];
    const e = createEmitter<{ n: number }>(() => {});
    const h = (n: number) => seen.push(n);
    const stop = e.on('n', h);
    e.on('n', (n) => seen.push(n * 10));
    e.emit('n', 1);
    stop();
    e.emit('n', 2);
    e.off('n', h);
    expect(seen).toEqual([1, 10, 20]);
  });

  it('reports a throwing handler and still runs the others', () => {
    const thrown: unknown[] = [];
    const e = createEmitter<{ n: number }>((err, ev) => thrown.push([ev, (err as Error).message]));
    const seen: number[] = [];
    e.on('n', () => {
      throw new Error('boom');
    });
    e.on('n', (n) => seen.push(n));
    expect(() => e.emit('n', 5)).not.toThrow();
    expect(seen).toEqual([5]);
    expect(thrown).toEqual([['n', 'boom']]);
  });

  it('clear() drops every handler; a handler removed while emitting does not break the loop', () => {
    const e = createEmitter<{ n: number }>(() => {});
    const seen: string[] = [];
    const stopB = e.on('n', () => seen.push('b'));
    e.on('n', () => {
      seen.push('a');
      stopB();
    });
    e.emit('n', 1);
    e.clear();
    e.emit('n', 2);
    expect(seen).toEqual(['b', 'a']);
  });
});
