import { within } from '@testing-library/preact';
import type { RenderedPrompt } from '../../src/core/renderer';
import { renderPrompt } from '../../src/prompt-entry';
import { fakeSurvey, type FakeSurveyInit } from '../helpers/fake-survey';

/** Renders the real prompt for a fake survey; returns the host, its shadow root and queries inside it. */
export function openPrompt(init: FakeSurveyInit = {}) {
  const fake = fakeSurvey(init);
  const view = renderPrompt(fake.survey) as RenderedPrompt;
  // The newest host element, and its open shadow root (the test fails with a TypeError if either is missing).
  const host = [...document.querySelectorAll<HTMLElement>('[data-nps-widget]')].at(-1) as HTMLElement;
  const root = host.shadowRoot as ShadowRoot;
  return { ...fake, view, host, root, ui: within(root.firstElementChild as HTMLElement) };
}

export type OpenPrompt = ReturnType<typeof openPrompt>;

/** One macrotask: pending stores settle and Preact re-renders. */
export const flush = () => new Promise((r) => setTimeout(r, 0));
