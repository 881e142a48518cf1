import { describe, expectTypeOf, it } from 'vitest';
import type { NpsGlobal } from '../../src/global';
import {
  createNps,
  type Category,
  type PromptMessages,
  type RenderedPrompt,
  type Renderer,
  type ResolvedStageOptions,
  type ShowResult,
  type SkipReason,
  type Survey,
} from '../../src/index';

describe('version 2 public types', () => {
  it('createNps takes options only: no test seams in the public signature', () => {
    expectTypeOf<Parameters<typeof createNps>['length']>().toEqualTypeOf<1>();
    // @ts-expect-error: a second argument is not part of the API
    createNps({ endpoint: '/api/nps' }, { store: undefined });
  });

  it('types a custom renderer and the Survey handle', () => {
    const render: Renderer = (survey) => {
      expectTypeOf(survey).toEqualTypeOf<Survey>();
      expectTypeOf(survey.messages).toEqualTypeOf<PromptMessages>();
      expectTypeOf(survey.messages.question).toBeString();
      expectTypeOf(survey.options).toEqualTypeOf<ResolvedStageOptions>();
      expectTypeOf(survey.options.commentMaxLength).toBeNumber();
      expectTypeOf(survey.dir).toEqualTypeOf<'ltr' | 'rtl'>();
      expectTypeOf(survey.answer).returns.resolves.toEqualTypeOf<Category>();
      expectTypeOf(survey.comment).parameter(0).toBeString();
      expectTypeOf(survey.dismiss).returns.resolves.toBeVoid();
      expectTypeOf(survey.done).returns.toBeVoid();
      // @ts-expect-error: the handle is read-only
      survey.id = 'x';
      return { close() {} };
    };
    const asyncRender: Renderer = async () => ({ close() {}, live: () => true });
    // @ts-expect-error: a renderer must return something to close
    const noClose: Renderer = () => ({});
    createNps({ endpoint: '/api/nps', render });
    void createNps({ endpoint: '/api/nps' }).show({ render: asyncRender });
    expectTypeOf<RenderedPrompt['live']>().toEqualTypeOf<(() => boolean) | undefined>();
    void noClose;
  });

  it('skip reasons include unavailable and no-consent', () => {
    expectTypeOf<'unavailable'>().toMatchTypeOf<SkipReason>();
    expectTypeOf<'no-consent'>().toMatchTypeOf<SkipReason>();
    expectTypeOf<'cancelled'>().toMatchTypeOf<SkipReason>();
    expectTypeOf<{ status: 'skipped'; reason: 'unavailable' }>().toMatchTypeOf<ShowResult>();
  });

  it('declares window.nps for script-tag users (nps-widget/global)', () => {
    expectTypeOf(window.nps).toEqualTypeOf<NpsGlobal>();
    window.nps.init({ endpoint: '/api/nps', product: 'Acme' });
    expectTypeOf(window.nps.show()).resolves.toEqualTypeOf<ShowResult>();
    expectTypeOf(window.nps.version).toBeString();
    // @ts-expect-error: endpoint is required
    window.nps.init({ product: 'Acme' });
    // @ts-expect-error: consent is 'granted' | 'pending'
    window.nps.init({ endpoint: '/x', consent: 'yes' });
    window.nps.track('upgraded');
    window.nps.consent(true);
    // @ts-expect-error: consent takes a boolean
    window.nps.consent('granted');
  });

  it('track takes an event name and consent a boolean; both return nothing', () => {
    const nps = createNps({
      endpoint: '/api/nps',
      consent: 'pending',
      stages: { upgraded: { on: { event: 'upgraded' } } },
    });
    expectTypeOf(nps.track).toEqualTypeOf<(event: string) => void>();
    expectTypeOf(nps.consent).toEqualTypeOf<(granted: boolean) => void>();
    // @ts-expect-error: an event is a string
    nps.track({ name: 'upgraded' });
    // @ts-expect-error: consent is true or false
    nps.consent();
  });
});
