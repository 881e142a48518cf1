import type { NpsOptions } from '../core/options';
import type { Nps } from '../core/public-types';
import { createClient } from './create-client';

/**
 * Creates the NPS client. Validates `options` and throws a `TypeError` naming the first bad one.
 * The built-in prompt is loaded on demand (or warmed up when the browser is idle); pass `render`
 * to draw the prompt yourself.
 * @example
 * const nps = createNps({ endpoint: '/api/nps', product: 'Acme', stages: { checkout: {} } });
 * nps.identify('user-42', { plan: 'pro' });
 * const result = await nps.show({ stage: 'checkout' });
 */
export function createNps<const Stage extends string = string>(options: NpsOptions<Stage>): Nps<Stage> {
  return createClient(options);
}
