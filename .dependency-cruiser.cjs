// Layer rules (DESIGN "Layers"), checked by `npm test`: dependencies point downward only, and no
// import cycle exists, type-only imports included.
const BROWSER = '^src/(client|survey|prompt|triggers|outbox|dashboard)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles, type-only ones included: the public types live in core/public-types.ts.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-is-pure',
      severity: 'error',
      comment: 'core/ imports nothing from another layer, and no package or Node built-in.',
      from: { path: '^src/core/' },
      to: { pathNot: '^src/(core/|schema/)' },
    },
    {
      name: 'prompt-and-dashboard-stay-off-storage-and-network',
      severity: 'error',
      comment:
        'The prompt and the dashboard never touch storage or the network directly (the outbox, the collector, idb-keyval).',
      from: { path: '^src/(prompt|dashboard)/' },
      to: { path: ['^src/(outbox|collector|client|survey)/', 'idb-keyval'] },
    },
    {
      name: 'collector-has-no-browser-code',
      severity: 'error',
      comment: 'The collector runs in Node: it may import core/ and the schema, never browser code.',
      from: { path: '^src/collector/' },
      to: {
        path: [BROWSER, '^src/(embed|index|prompt-entry|survey-entry|triggers-entry)\\.ts$', 'preact', 'idb-keyval'],
      },
    },
    {
      name: 'browser-code-has-no-server-code',
      severity: 'error',
      comment: 'Browser code never imports the collector or Node built-ins.',
      from: { path: BROWSER },
      to: { path: ['^src/collector/', '^src/collector-entry\\.ts$'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-node-builtins-in-the-browser',
      severity: 'error',
      from: { path: BROWSER },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'lower-layers-stay-below-the-client',
      severity: 'error',
      comment: 'The survey, prompt, triggers and outbox never import the client (it drives them).',
      from: { path: '^src/(survey|prompt|triggers|outbox)/' },
      to: { path: '^src/client/' },
    },
    {
      name: 'entries-are-entries',
      severity: 'error',
      comment: 'Nothing inside a layer imports an entry file statically (the loaders import() them).',
      from: { path: '^src/[^/]+/' },
      to: { path: '^src/[^/]+\\.ts$', dependencyTypesNot: ['dynamic-import', 'type-only', 'type-import'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports are dependencies too: a cycle through types is still a cycle.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^src/schema/' },
  },
};
