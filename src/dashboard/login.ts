// The sign-in page's script (the page has no inline script, per the CSP): shows the error after a
// failed attempt, which the collector signals with `?failed=1`, and carries `?next=` (the dashboard
// URL that sent the user here) into the form, so signing in returns there. The collector checks it.
const query = new URLSearchParams(location.search);
const failed = document.getElementById('failed');
if (failed && query.has('failed')) failed.hidden = false;
const next = document.getElementById('next');
if (next instanceof HTMLInputElement) next.value = query.get('next') ?? '';
