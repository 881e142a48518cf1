// @vitest-environment node
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { validateOptions } from '../../src/core/validate-options';
import { en } from '../../src/prompt/en';

it("the demo app's data-stages is valid, and has a path, a click and a time trigger", () => {
  const html = readFileSync(new URL('../../demo/public/app.html', import.meta.url), 'utf8');
  const [, stagesJson = ''] = /data-stages='([^']*)'/.exec(html) ?? [];
  const stages = JSON.parse(stagesJson);
  expect(() => validateOptions({ endpoint: '/api/nps', stages }, Object.keys(en))).not.toThrow();
  const conditions = Object.values(stages as Record<string, { on: object }>).flatMap(({ on }) => Object.keys(on));
  expect(conditions).toEqual(expect.arrayContaining(['path', 'click', 'afterSeconds']));
});
