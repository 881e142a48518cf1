// @ts-check
// The single-page app of /app/…: a tiny router over history.pushState and popstate, like any SPA
// framework's. It never calls the widget to show anything: the script tag's data-stages does that.
// It only listens to the widget's events (once nps.js has loaded) to fill the log.

/** @typedef {{ title: string, render(view: HTMLElement): void }} View */

const PROJECTS = ['Website relaunch', 'Mobile app', 'Data warehouse'];

/** @param {string} tag @param {string} text @param {Record<string, string>} [attributes] */
const element = (tag, text, attributes = {}) => {
  const node = document.createElement(tag);
  node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
};
/** @param {string} href @param {string} text */
const link = (href, text) => element('a', text, { href, 'data-link': '' });

/** @param {string} pathname @returns {View} */
function route(pathname) {
  const parts = pathname.replace(/\/+$/, '').split('/').slice(2); // after /app
  if (parts[0] === 'projects' && parts[1]) {
    const name = PROJECTS[Number(parts[1]) - 1] ?? 'Unknown project';
    return {
      title: name,
      render(view) {
        view.append(element('p', 'Tasks, files and people of this project.', { class: 'lede' }));
        view.append(link('/app/projects', '← All projects'));
      },
    };
  }
  if (parts[0] === 'reports')
    return {
      title: `Report ${parts[1] ?? ''}`.trim(),
      render(view) {
        view.append(element('p', 'Hours per project this quarter.', { class: 'lede' }));
        // Rendered after navigation, long after the widget started: its click listener is delegated.
        view.append(element('button', 'Export as CSV', { type: 'button', 'data-action': 'export' }));
      },
    };
  if (parts[0] === 'billing' && parts[1] === 'done')
    return {
      title: 'Payment received',
      render: (view) => view.append(element('p', 'Thank you! Your invoice is paid.', { class: 'lede' })),
    };
  if (parts[0] === 'billing')
    return {
      title: 'Billing',
      render(view) {
        view.append(element('p', 'Invoice #1042: 49.00 EUR, due today.', { class: 'lede' }));
        view.append(link('/app/billing/done', 'Pay the invoice'));
      },
    };
  return {
    title: 'Your projects',
    render(view) {
      view.append(
        element('p', 'Open a project and stay a while: after 15 visible seconds here, the widget asks.', {
          class: 'lede',
        }),
      );
      const list = document.createElement('ul');
      for (const [i, name] of PROJECTS.entries()) {
        const item = document.createElement('li');
        item.append(link(`/app/projects/${i + 1}`, name));
        list.append(item);
      }
      view.append(list);
    },
  };
}

const view = /** @type {HTMLElement} */ (document.getElementById('view'));
const log = /** @type {HTMLElement} */ (document.getElementById('events'));

/** @param {string} name @param {unknown} payload */
function entry(name, payload) {
  const li = document.createElement('li');
  li.append(
    element('time', new Date().toLocaleTimeString()),
    ' ',
    element('b', name, { class: 'ev ev-' + name.replace(/\W/g, '') }),
    ' ',
    element('code', JSON.stringify(payload)),
  );
  log.prepend(li);
}

function render() {
  // /app.html is the entry point the demo server serves; the app's own home is /app/projects.
  if (!location.pathname.startsWith('/app/')) history.replaceState(null, '', '/app/projects');
  const { title, render } = route(location.pathname);
  view.replaceChildren(element('h1', title, { id: 'view-h' }));
  render(view);
  document.title = `${title} · Acme Projects`;
  for (const a of document.querySelectorAll('nav a')) {
    const href = /** @type {HTMLAnchorElement} */ (a).pathname;
    if (location.pathname.startsWith(href)) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  entry('page', { path: location.pathname });
}

document.addEventListener('click', (event) => {
  const a = /** @type {Element} */ (event.target).closest?.('a[data-link]');
  if (!a || /** @type {MouseEvent} */ (event).metaKey || /** @type {MouseEvent} */ (event).ctrlKey) return;
  event.preventDefault();
  history.pushState(null, '', /** @type {HTMLAnchorElement} */ (a).pathname);
  render();
  view.focus();
});
addEventListener('popstate', render);
render();

// The configuration as the widget reads it, for the panel.
const stages = /** @type {HTMLScriptElement} */ (document.querySelector('script[data-stages]')).dataset.stages ?? '{}';
/** @type {HTMLElement} */ (document.getElementById('config')).textContent = JSON.stringify(
  JSON.parse(stages),
  null,
  2,
);

/** The widget's window.nps once nps.js has run (it is loaded async, so it may already be there). */
const widget = () => /** @type {any} */ (window).nps?.version && /** @type {any} */ (window).nps;
const listen = () => {
  for (const name of ['shown', 'skipped', 'response', 'dismissed', 'delivered', 'error'])
    widget().on(name, (/** @type {unknown} */ payload) => entry(name, payload));
};
if (widget()) listen();
else document.querySelector('script[src="/nps.js"]')?.addEventListener('load', listen);
document.getElementById('reset')?.addEventListener('click', () => {
  widget()?.reset();
  entry('reset', { note: 'a new anonymous visitor: not throttled' });
});
