// @ts-check
// The dashboard: reads /api/stats and /api/responses (same-origin, session cookie) and draws them
// with DOM APIs only. User text (comments, notes, ids, stage names) only ever becomes text nodes.

const SVG = 'http://www.w3.org/2000/svg';
const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * An element with attributes and children; strings become text nodes, never markup.
 * @param {string} tag
 * @param {Record<string, string | number | boolean>} [attrs]
 * @param {(Node | string | number)[]} children
 */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== false) el.setAttribute(k, v === true ? '' : String(v));
  el.append(...children.map((c) => (c instanceof Node ? c : String(c))));
  return el;
}
/**
 * An SVG element.
 * @param {string} tag
 * @param {Record<string, string | number>} [attrs]
 * @param {(Node | string)[]} children
 */
function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  el.append(...children);
  return el;
}

const pct = (/** @type {number} */ x) => `${Math.round(x * 1000) / 10}%`;
const signed = (/** @type {number} */ x) => (x > 0 ? '+' : '') + x;
const fmtDate = (/** @type {string} */ iso) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The current filters as a query string. */
function query() {
  const q = new URLSearchParams();
  for (const id of ['stage', 'from', 'to']) {
    const v = /** @type {HTMLInputElement} */ ($(id)).value;
    if (v) q.set(id, v);
  }
  return q;
}

/** @param {string} path @param {RequestInit} [init] */
async function api(path, init) {
  const res = await fetch(path, { credentials: 'same-origin', ...init });
  if (res.status == 401) location.assign('/login');
  const body = await res.json();
  if (!res.ok) throw new Error(body.error ?? res.statusText);
  return body;
}

/** @typedef {{ nps: number, marginOfError: number, total: number, promoters: number, passives: number, detractors: number, shown: number, responseRate: number }} Figures */

/** @param {Figures & { byStage: Record<string, Figures>, byWeek: (Figures & { week: string })[] }} st */
function drawSummary(st) {
  const none = st.total == 0;
  $('nps').textContent = none ? '–' : signed(st.nps);
  $('moe').textContent = none ? '' : `± ${st.marginOfError}`;
  $('n').textContent = `${st.total} answer${st.total == 1 ? '' : 's'} · 95% margin of error`;
  for (const k of /** @type {const} */ (['promoters', 'passives', 'detractors'])) {
    $(k).textContent = String(st[k]);
    $(k + 'Share').textContent = none ? '' : pct(st[k] / st.total) + ' of answers';
  }
  $('rate').textContent = st.shown ? pct(st.responseRate) : '–';
  $('rateNote').textContent = `${st.total} answered of ${st.shown} shown`;

  const split = $('split');
  const bar = s('svg', { viewBox: '0 0 1000 28', preserveAspectRatio: 'none', class: 'splitbar', role: 'img', 'aria-label': none ? 'No answers yet' : `Promoters ${pct(st.promoters / st.total)}, passives ${pct(st.passives / st.total)}, detractors ${pct(st.detractors / st.total)}` });
  let x = 0;
  for (const k of /** @type {const} */ (['detractors', 'passives', 'promoters'])) {
    const w = none ? 0 : (st[k] / st.total) * 1000;
    if (w) bar.append(s('rect', { x, y: 0, width: w, height: 28, class: k.slice(0, -1) }, s('title', {}, `${k}: ${st[k]}`)));
    x += w;
  }
  if (none) bar.append(s('rect', { x: 0, y: 0, width: 1000, height: 28, class: 'empty' }));
  const legend = h('p', { class: 'legend' },
    ...(/** @type {const} */ (['detractors', 'passives', 'promoters'])).map((k) =>
      h('span', {}, h('span', { class: 'dot ' + k.slice(0, -1) }), ` ${k[0].toUpperCase() + k.slice(1)} ${none ? '–' : pct(st[k] / st.total)}`)));
  split.replaceChildren(bar, legend);
}

// Weeks with fewer answers are drawn hollow: their NPS swings too much to read as a trend.
const FEW = 10;

/** @param {(Figures & { week: string })[]} weeks */
function drawWeeks(weeks) {
  const W = 900, H = 260, L = 44, R = 16, T = 14, B = 40;
  const y = (/** @type {number} */ v) => T + ((100 - v) / 200) * (H - T - B);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'weekchart', role: 'img', 'aria-label': 'NPS by ISO week with 95% margins of error' });
  for (const v of [100, 50, 0, -50, -100]) {
    svg.append(s('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), class: v == 0 ? 'axis zero' : 'axis' }));
    svg.append(s('text', { x: L - 8, y: y(v) + 4, class: 'tick', 'text-anchor': 'end' }, String(v)));
  }
  const data = weeks.filter((w) => w.total > 0);
  if (!data.length) svg.append(s('text', { x: W / 2, y: H / 2, class: 'empty-note', 'text-anchor': 'middle' }, 'No answers in this range'));
  const step = (W - L - R) / Math.max(data.length, 1);
  const cx = (/** @type {number} */ i) => L + step * (i + 0.5);
  const every = Math.ceil(data.length / 12); // keep week labels readable
  data.forEach((w, i) => {
    const lo = Math.max(-100, w.nps - w.marginOfError), hi = Math.min(100, w.nps + w.marginOfError);
    svg.append(s('line', { x1: cx(i), x2: cx(i), y1: y(hi), y2: y(lo), class: 'moe' }));
    svg.append(
      s('circle', { cx: cx(i), cy: y(w.nps), r: 5, class: `pt ${w.nps >= 0 ? 'good' : 'bad'}${w.total < FEW ? ' few' : ''}` },
        s('title', {}, `${w.week}: NPS ${signed(w.nps)} ± ${w.marginOfError} (${w.total} answers)`)),
    );
    if (i % every == 0) svg.append(s('text', { x: cx(i), y: H - B + 18, class: 'tick', 'text-anchor': 'middle' }, w.week));
  });
  if (data.length > 1)
    svg.insertBefore(s('polyline', { points: data.map((w, i) => `${cx(i)},${y(w.nps)}`).join(' '), class: 'trend' }), svg.querySelector('.moe'));
  const few = data.some((w) => w.total < FEW);
  $('weeks').replaceChildren(svg, ...(few ? [h('p', { class: 'note' }, `Hollow points: weeks with fewer than ${FEW} answers. Bars: 95% margin of error.`)] : [h('p', { class: 'note' }, 'Bars: 95% margin of error.')]));
}

/** @param {Record<string, Figures>} byStage */
function drawStages(byStage) {
  const rows = Object.entries(byStage).map(([stage, f]) => {
    const rate = h('span', { class: 'rate' }, f.shown ? pct(f.responseRate) : '–');
    const meter = s('svg', { viewBox: '0 0 100 8', class: 'meter', 'aria-hidden': 'true' },
      s('rect', { x: 0, y: 0, width: 100, height: 8, class: 'track' }),
      s('rect', { x: 0, y: 0, width: Math.round(f.responseRate * 100), height: 8, class: 'fill' }));
    return h('tr', {},
      h('th', { scope: 'row' }, stage),
      h('td', { class: f.total ? (f.nps >= 0 ? 'num good' : 'num bad') : 'num' }, f.total ? signed(f.nps) : '–'),
      h('td', { class: 'num' }, f.total ? f.marginOfError : '–'),
      h('td', { class: 'num' }, f.total),
      h('td', { class: 'num' }, f.promoters),
      h('td', { class: 'num' }, f.passives),
      h('td', { class: 'num' }, f.detractors),
      h('td', { class: 'num' }, f.shown),
      h('td', {}, meter, rate));
  });
  $('stages').replaceChildren(...(rows.length ? rows : [h('tr', {}, h('td', { colspan: 9, class: 'empty-note' }, 'No responses yet'))]));
}

/**
 * @typedef {{ id: string, score: number, comment?: string, userId?: string, anonymousId: string, stage?: string,
 *   answeredAt: string, followedUp: boolean, followUpNote?: string, traits?: Record<string, unknown> }} Row
 */

/** @param {Row[]} rows */
function drawFollowUps(rows) {
  const hide = /** @type {HTMLInputElement} */ ($('hideDone')).checked;
  const open = rows.filter((r) => !(hide && r.followedUp));
  const shown = open.slice(0, visible);
  const items = shown.map((r) => {
    const done = h('input', { type: 'checkbox', checked: r.followedUp });
    const note = h('textarea', { rows: 2, maxlength: 2000, placeholder: 'Note (what you did, what they said)', 'aria-label': 'Follow-up note' });
    /** @type {HTMLTextAreaElement} */ (note).value = r.followUpNote ?? '';
    const saved = h('span', { class: 'saved', role: 'status' });
    const save = h('button', { type: 'button' }, 'Save');
    save.addEventListener('click', async () => {
      saved.textContent = 'Saving…';
      try {
        const updated = await api('/api/responses/' + encodeURIComponent(r.id), {
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ followedUp: /** @type {HTMLInputElement} */ (done).checked, note: /** @type {HTMLTextAreaElement} */ (note).value }),
        });
        Object.assign(r, updated);
        item.classList.toggle('done', r.followedUp);
        saved.textContent = 'Saved';
      } catch (e) {
        saved.textContent = 'Not saved: ' + (e instanceof Error ? e.message : e);
      }
    });
    const who = r.userId ? 'User ' + r.userId : 'Anonymous ' + r.anonymousId.slice(0, 8);
    const item = h('li', { class: r.followedUp ? 'followup done' : 'followup' },
      h('div', { class: 'score-badge', 'aria-label': 'Score ' + r.score }, r.score),
      h('div', { class: 'body' },
        h('p', { class: 'comment' }, r.comment ?? ''),
        h('p', { class: 'meta' }, `${who} · ${r.stage ?? 'no stage'} · ${fmtDate(r.answeredAt)}`),
        h('div', { class: 'close-loop' }, h('label', { class: 'check' }, done, ' Followed up'), note, save, saved)));
    return item;
  });
  $('followups').replaceChildren(...(items.length ? items : [h('li', { class: 'empty-note' }, hide && rows.length ? 'All followed up.' : 'No detractors in this range.')]));
  const more = $('more');
  more.hidden = open.length <= visible;
  more.textContent = `Show more (${open.length - visible} more)`;
}

/** @type {Row[]} */
let detractors = [];
const PAGE = 10;
let visible = PAGE;
const known = new Set();

async function load() {
  const q = query();
  $('status').textContent = 'Loading…';
  /** @type {HTMLAnchorElement} */ ($('export')).href = '/api/export.csv' + (q.size ? '?' + q : '');
  try {
    const list = new URLSearchParams(q);
    list.set('category', 'detractor');
    list.set('status', 'answered');
    list.set('hasComment', 'true');
    list.set('limit', '200');
    const [stats, responses] = await Promise.all([api('/api/stats?' + q), api('/api/responses?' + list)]);
    const select = /** @type {HTMLSelectElement} */ ($('stage'));
    for (const stage of Object.keys(stats.byStage))
      if (!known.has(stage)) known.add(stage), select.append(h('option', { value: stage }, stage));
    drawSummary(stats);
    drawWeeks(stats.byWeek);
    drawStages(stats.byStage);
    detractors = responses.responses;
    visible = PAGE;
    drawFollowUps(detractors);
    $('status').textContent = '';
  } catch (e) {
    $('status').textContent = 'Could not load: ' + (e instanceof Error ? e.message : e);
  }
}

$('filters').addEventListener('submit', (e) => (e.preventDefault(), void load()));
$('filters').addEventListener('reset', () => setTimeout(load));
$('hideDone').addEventListener('change', () => drawFollowUps(detractors));
$('more').addEventListener('click', () => ((visible += PAGE), drawFollowUps(detractors)));
void load();
