import { describe, expectTypeOf, it } from 'vitest';
import {
  categoryOf,
  createNps,
  isNpsError,
  npsScore,
  type NpsError,
  version,
  type Category,
  type Nps,
  type NpsEvents,
  type NpsOptions,
  type ResponseRecord,
  type ShowResult,
  type SkipReason,
} from '../../src/index';

describe('public API types', () => {
  it('infers stage names from options.stages', () => {
    const nps = createNps({ endpoint: '/api/nps', stages: { onboarded: {}, checkout: { sampleRate: 0.3 } } });
    expectTypeOf(nps).toEqualTypeOf<Nps<'onboarded' | 'checkout'>>();
    // show() takes its options, or a stage name as shorthand (an overload each).
    expectTypeOf(nps.show)
      .parameter(0)
      .exclude<undefined>()
      .extract<object>()
      .toHaveProperty('stage')
      .toEqualTypeOf<'onboarded' | 'checkout' | undefined>();
    expectTypeOf(nps.show).parameter(0).extract<string>().toEqualTypeOf<'onboarded' | 'checkout'>();
    void nps.show({ stage: 'checkout' });
    // @ts-expect-error: 'typo' is not a configured stage
    void nps.show({ stage: 'typo' });
    expectTypeOf(nps.show('checkout')).resolves.toEqualTypeOf<ShowResult>();
    // @ts-expect-error: 'typo' is not a configured stage
    void nps.show('typo');
    // @ts-expect-error: a number is neither a stage name nor show() options
    void nps.show(42);
  });

  it('allows any stage string when no stages are configured', () => {
    const nps = createNps({ endpoint: '/api/nps' });
    expectTypeOf(nps).toEqualTypeOf<Nps<string>>();
    void nps.show({ stage: 'anything' });
    void nps.show('anything');
  });

  it('types show() results as a discriminated union', async () => {
    const nps = createNps({ endpoint: '/api/nps' });
    expectTypeOf(nps.show()).resolves.toEqualTypeOf<ShowResult>();
    const r = await nps.show();
    if (r.status === 'answered') {
      expectTypeOf(r.score).toBeNumber();
      expectTypeOf(r.category).toEqualTypeOf<Category>();
      expectTypeOf(r.comment).toEqualTypeOf<string | undefined>();
    } else if (r.status === 'skipped') {
      expectTypeOf(r.reason).toEqualTypeOf<SkipReason>();
    } else {
      expectTypeOf(r).toEqualTypeOf<{ status: 'dismissed'; id: string }>();
    }
  });

  it('types events and their payloads', () => {
    const nps = createNps({ endpoint: '/api/nps' });
    nps.on('response', (p) => {
      expectTypeOf(p).toEqualTypeOf<NpsEvents['response']>();
      expectTypeOf(p.comment).toEqualTypeOf<string | undefined>();
    });
    nps.on('error', (e) => expectTypeOf(e).toEqualTypeOf<NpsError>());
    expectTypeOf(nps.on('delivered', () => {})).toEqualTypeOf<() => void>();
    // @ts-expect-error: no such event
    nps.on('answered', () => {});
    expectTypeOf(nps.flush()).resolves.toEqualTypeOf<{ delivered: number; pending: number }>();
  });

  it('rejects ill-typed options at compile time', () => {
    // @ts-expect-error: endpoint is required
    const missing: NpsOptions = { product: 'Acme' };
    // @ts-expect-error: unknown position
    const pos: NpsOptions = { endpoint: '/x', position: 'top' };
    // @ts-expect-error: traits must be JSON
    createNps({ endpoint: '/x' }).identify('u', { at: new Date() });
    void [missing, pos];
  });

  it('exports the helpers with their types', () => {
    expectTypeOf(categoryOf).returns.toEqualTypeOf<Category>();
    expectTypeOf(npsScore).parameter(0).toEqualTypeOf<readonly number[]>();
    expectTypeOf(isNpsError).guards.toEqualTypeOf<NpsError>();
    expectTypeOf(version).toBeString();
    expectTypeOf<ResponseRecord['status']>().toEqualTypeOf<'shown' | 'answered' | 'dismissed'>();
  });
});
