// The sign-in page's script (the page has no inline script, per the CSP): shows the error after a
// failed attempt, which the collector signals with `?failed=1`.
const failed = document.getElementById('failed');
if (failed && new URLSearchParams(location.search).has('failed')) failed.hidden = false;
