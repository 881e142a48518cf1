// @ts-check
// What both demo pages share: the widget's options, the fake users, and the panels.

const DAY = 86_400_000;
const daysAgo = (/** @type {number} */ n) => new Date(Date.now() - n * DAY).toISOString().slice(0, 10);

/** The fake users of the picker: id and traits (`signedUpAt` drives `minDaysSinceSignup`). */
export const USERS = /** @type {Record<string, { id: string, traits: Record<string, string> }>} */ ({
  ada: { id: 'user-ada', traits: { name: 'Ada Lovelace', plan: 'pro', signedUpAt: daysAgo(120) } },
  ben: { id: 'user-ben', traits: { name: 'Ben Okafor', plan: 'free', signedUpAt: daysAgo(0) } },
  chloe: { id: 'user-chloe', traits: { name: 'Chloé Martin', plan: 'team', signedUpAt: daysAgo(400) } },
});

const writeKey = /** @type {HTMLMetaElement | null} */ (document.querySelector('meta[name="nps-write-key"]'))?.content;

/** Options passed to `nps.init()` / `createNps()`. */
export const OPTIONS = {
  endpoint: '/api/nps',
  product: 'Acme Projects',
  headers: writeKey ? { 'X-NPS-Write-Key': writeKey } : undefined,
  stages: {
    'signed-up': {},
    onboarded: { minDaysSinceSignup: 3 },
    'first-project': { followUp: { promoter: 'What did you like most about creating your first project?' } },
    checkout: { sampleRate: 0.5, delayMs: 300 },
  },
  debug: true,
};

/**
 * A minimal view of the client the panels need; both the snippet's `window.nps` and `createNps()` fit.
 * @typedef {{ identify(id: string, traits?: object): unknown, show(o?: object): Promise<unknown>, dismiss(): unknown,
 *   on(event: string, handler: (payload: unknown) => void): unknown, flush(): Promise<unknown>, reset(): unknown }} Client
 */

const EVENTS = ['shown', 'score', 'response', 'dismissed', 'skipped', 'delivered', 'error'];
const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * Wires the page to a client: user picker, stage buttons, event log and outbox panel.
 * @param {() => Client} client the client at call time (the snippet's `window.nps` is replaced once nps.js loads)
 */
export function wireDemo(client) {
  const log = $('events');
  let deliveredCount = 0;
  /** @type {Map<string, number>} */
  const versions = new Map();
  /** @param {string} name @param {unknown} payload */
  const entry = (name, payload) => {
    const li = document.createElement('li');
    const time = document.createElement('time');
    time.textContent = new Date().toLocaleTimeString();
    const tag = document.createElement('b');
    tag.textContent = name;
    tag.className = 'ev ev-' + name.replace(/\W/g, '');
    const body = document.createElement('code');
    body.textContent =
      payload instanceof Error
        ? `${/** @type {any} */ (payload).code ?? ''} ${payload.message}`
        : JSON.stringify(payload);
    li.append(time, ' ', tag, ' ', body);
    log.prepend(li);
    while (log.children.length > 100) log.lastElementChild?.remove();
  };
  const outbox = (/** @type {any} */ r) => {
    if (r && typeof r.pending === 'number') $('pending').textContent = String(r.pending);
    $('lastFlush').textContent = new Date().toLocaleTimeString();
  };

  for (const e of EVENTS)
    client().on(e, (payload) => {
      entry(e, payload);
      if (e === 'delivered') {
        // Each version of a record (shown, scored, commented) is delivered; list each record once.
        const ids = /** @type {{ ids: string[] }} */ (payload).ids;
        deliveredCount += ids.length;
        $('delivered').textContent = String(deliveredCount);
        for (const id of ids) versions.set(id, (versions.get(id) ?? 0) + 1);
        $('deliveredIds').replaceChildren(
          ...[...versions].reverse().map(([id, n]) => {
            const li = document.createElement('li');
            li.textContent = `${id} (${n} version${n > 1 ? 's' : ''})`;
            return li;
          }),
        );
      }
    });

  const user = /** @type {HTMLSelectElement} */ ($('user'));
  const identify = () => {
    const u = USERS[user.value];
    if (u) client().identify(u.id, u.traits);
    else client().reset();
    entry(u ? 'identify' : 'reset', u ? { userId: u.id, ...u.traits } : {});
  };
  user.addEventListener('change', identify);
  identify();

  for (const b of document.querySelectorAll('[data-stage]'))
    b.addEventListener('click', async () => {
      const stage = /** @type {HTMLElement} */ (b).dataset.stage;
      const force = /** @type {HTMLInputElement} */ ($('force')).checked;
      entry('show()', { stage, force });
      const result = await client().show({
        stage,
        force,
        metadata: { plan: USERS[user.value]?.traits.plan ?? 'anonymous' },
      });
      entry('show() resolved', result);
      outbox(await client().flush());
    });
  $('dismiss').addEventListener('click', () => client().dismiss());
  $('flush').addEventListener('click', async () => outbox(await client().flush()));
  $('reset').addEventListener('click', () => {
    user.value = '';
    identify();
  });
  $('clear').addEventListener('click', () => log.replaceChildren());
  void client().flush().then(outbox);
}
