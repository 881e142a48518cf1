import type { StoredResponse } from '../../src/core/api-types';
import { fakeResponses } from '../helpers/dashboard-fake-collector.mjs';

const template = fakeResponses({ count: 1 })[0];
let next = 0;

/** An answered response with `score`, shown at `day` (YYYY-MM-DD), and any other fields given. */
export function answer(score: number, day = '2026-11-20', fields: Partial<StoredResponse> = {}): StoredResponse {
  const id = `00000000-0000-7000-9000-${(next++).toString(16).padStart(12, '0')}`;
  return {
    ...structuredClone(template),
    id,
    status: 'answered',
    score,
    category: score <= 6 ? 'detractor' : score <= 8 ? 'passive' : 'promoter',
    comment: null,
    shownAt: `${day}T10:00:00.000Z`,
    answeredAt: `${day}T10:00:05.000Z`,
    updatedAt: `${day}T10:00:05.000Z`,
    receivedAt: `${day}T10:00:06.${String(next % 1000).padStart(3, '0')}Z`,
    ...fields,
  };
}

/** `count` answers with `score` each. */
export const answers = (count: number, score: number, day?: string, fields?: Partial<StoredResponse>) =>
  Array.from({ length: count }, () => answer(score, day, fields));

/**
 * `value`, which the test expects to be there: fails the test when it is null or undefined.
 * @example present(api.collector.response(id))
 */
export function present<T>(value: T | null | undefined): T {
  if (value == null) throw new Error(`expected a value, got ${value}`);
  return value;
}

/**
 * The first element under `parent` matching `selector`: fails the test when there is none.
 * @example element(container, '.headline .nps').textContent
 */
export function element(parent: ParentNode, selector: string): Element {
  return present(parent.querySelector(selector));
}
