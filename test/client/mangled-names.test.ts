// The build shortens a few property names in dist/nps.js (MANGLED in rollup.config.mjs). That is
// safe only for properties of the SDK's own objects: none may be a name that the public API, a
// stored value or another bundle (survey.js, prompt.js, triggers.js) reads or declares.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MANGLED } from '../../rollup.config.mjs';

// Where the names that cross nps.js's edge are declared: the public types, the wire format, what
// presentSurvey, the outbox, the store, the prompt module and the trigger runtime take or return.
const EDGES = [
  'src/core/public-types.ts',
  'src/core/options.ts',
  'src/core/messages.ts',
  'src/core/stage-options.ts',
  'src/core/renderer.ts',
  'src/core/wire.ts',
  'src/core/errors.ts',
  'src/survey/survey-context.ts',
  'src/survey/present-survey.ts',
  'src/survey/load-messages.ts',
  'src/survey-entry.ts',
  'src/outbox/outbox-options.ts',
  'src/outbox/kv-store.ts',
  'src/client/load-prompt.ts',
  'src/triggers/watch-triggers.ts',
];

/** The member names of the interfaces and object types a TypeScript file declares (not parameter names). */
function declaredNames(file: string): Set<string> {
  const names = new Set<string>();
  let depth = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const declaration = /^(export )?(interface|type) /.test(line);
    if (!depth && !declaration) continue;
    const method = depth > 0 && /^\s*(?:readonly\s+)?(\w+)\??\s*[(<]/.exec(line);
    if (method) names.add(method[1] as string);
    const members = line.replace(/\([^()]*\)/g, '()');
    for (const [, name] of members.matchAll(/(\w+)\??\s*:/g)) names.add(name as string);
    depth += (line.match(/\{/g)?.length ?? 0) - (line.match(/\}/g)?.length ?? 0);
  }
  return names;
}

describe('property names shortened in nps.js', () => {
  it.each(EDGES)('are declared nowhere in %s', (file) => {
    const names = declaredNames(file);
    expect(MANGLED.filter((name: string) => names.has(name))).toEqual([]);
  });

  it('are each declared by the client (no stale name)', () => {
    const client = [
      'src/client/show-lifecycle.ts',
      'src/client/client-consent.ts',
      'src/client/create-client.ts',
      'src/client/client-triggers.ts',
      'src/client/client-env.ts',
      'src/core/emitter.ts',
      'src/core/eligibility.ts',
    ].flatMap((file) => [...declaredNames(file)]);
    expect(MANGLED.filter((name: string) => !client.includes(name))).toEqual([]);
  });
});
