import { render } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { createPrompt, type PromptHost } from '../../src/prompt/create-prompt';
import { ScoreScale } from '../../src/prompt/score-scale';
import { fakeSurvey } from '../helpers/fake-survey';
import { flush } from './open-prompt';

/** A page stand-in: counts removals, runs timers only when the test says so. */
function fakeHost(focused = false) {
  const timers: { ms: number; task: () => void; cancelled: boolean }[] = [];
  const host: PromptHost & { removed: number; timers: typeof timers } = {
    removed: 0,
    timers,
    hasFocus: () => focused,
    remove: () => void host.removed++,
    after(ms, task) {
      const timer = { ms, task, cancelled: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
  };
  return host;
}

describe('prompt state in signals', () => {
  it('walks scale → follow-up → thanks, busy while each record is stored', async () => {
    const fake = fakeSurvey();
    const host = fakeHost(true);
    const prompt = createPrompt(fake.survey, host);
    const { state } = prompt;
    expect([state.step.value, state.score.value, state.busy.value]).toEqual(['scale', undefined, false]);

    const gate = fake.hold();
    prompt.choose(8);
    expect([state.step.value, state.score.value, state.tabStop.value, state.busy.value]).toEqual(['scale', 8, 8, true]);
    gate.resolve();
    await flush();
    expect([state.step.value, state.category.value, state.busy.value, prompt.focusFollows]).toEqual([
      'follow-up',
      'passive',
      false,
      true,
    ]);

    state.comment.value = 'More reports';
    prompt.send();
    await flush();
    expect(state.step.value).toBe('thanks');
    expect(fake.calls).toEqual([
      ['answer', 8],
      ['comment', 'More reports'],
    ]);
    expect(host.timers.map((t) => t.ms)).toEqual([3000]);
    host.timers[0].task();
    expect(host.removed).toBe(1);
    expect(fake.calls.at(-1)).toEqual(['done']);
  });

  it('a rejected answer clears the score and the busy flag, and keeps the step', async () => {
    const fake = fakeSurvey();
    const prompt = createPrompt(fake.survey, fakeHost());
    fake.failNext();
    prompt.choose(5);
    await flush();
    expect([prompt.state.step.value, prompt.state.score.value, prompt.state.busy.value]).toEqual([
      'scale',
      undefined,
      false,
    ]);
  });

  it('focus follows the steps only when it was in the prompt', async () => {
    const prompt = createPrompt(fakeSurvey().survey, fakeHost(false));
    prompt.choose(10);
    await flush();
    expect(prompt.focusFollows).toBe(false);
  });

  it('dismiss cancels the thank-you timer, then removes the UI and calls done() once', async () => {
    const fake = fakeSurvey();
    const host = fakeHost();
    const prompt = createPrompt(fake.survey, host);
    prompt.choose(9);
    await flush();
    prompt.send();
    await flush();
    prompt.dismiss();
    prompt.dismiss();
    await flush();
    expect(host.timers[0].cancelled).toBe(true);
    expect(host.removed).toBe(1);
    expect(fake.calls).toEqual([['answer', 9], ['comment', ''], ['dismiss'], ['done']]);
  });

  it('a component re-renders from the signals alone', async () => {
    const prompt = createPrompt(fakeSurvey().survey, fakeHost());
    const { container } = render(<ScoreScale prompt={prompt} />);
    const radios = () => [...container.querySelectorAll('[role=radio]')];
    prompt.state.tabStop.value = 6;
    prompt.state.score.value = 3;
    await flush();
    expect(radios().map((r) => r.getAttribute('tabindex'))).toEqual([
      '-1',
      '-1',
      '-1',
      '-1',
      '-1',
      '-1',
      '0',
      '-1',
      '-1',
      '-1',
      '-1',
    ]);
    expect(radios().findIndex((r) => r.getAttribute('aria-checked') === 'true')).toBe(3);
  });
});
