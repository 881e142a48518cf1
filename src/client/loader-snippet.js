// The loader snippet a page pastes before nps.js (README "Script tag"): it defines window.nps with
// one method per client method, each queueing [method, arguments, resolve] in nps.q and returning a
// promise; nps.js replays the queue in order once it has loaded and settles each promise with the
// real result. test/helpers/snippet.ts minifies this file with terser into the text users paste.

// ES5 on purpose (function expressions, var, arguments): the snippet runs inline in whatever browser
// opens the page, and must not be a syntax error there.
// biome-ignore-all lint/complexity/useArrowFunction: ES5, see above
// biome-ignore-all lint/complexity/noArguments: ES5 has no rest parameters; nps.js reads them as an array-like
(function (page) {
  // nps.js (or another copy of the snippet) came first: leave it alone.
  if (page.nps) return;
  var api = { q: [] };
  page.nps = api;
  'init identify show dismiss on off flush reset destroy track consent'.split(' ').forEach(function (method) {
    api[method] = function () {
      var args = arguments;
      return new Promise(function (resolve) {
        api.q.push([method, args, resolve]);
      });
    };
  });
})(window);
