// @ts-check
// Shows the error after a failed sign-in (the page itself has no inline script, per the CSP).
if (new URLSearchParams(location.search).has('failed')) /** @type {HTMLElement} */ (document.getElementById('failed')).hidden = false;
