/**
 * The README's loader snippet, verbatim (also in demo/public/index.html): defines window.nps with methods that queue
 * [method, arguments, resolve] in nps.q until dist/nps.js loads and replays them.
 */
export const SNIPPET =
  '!function(w,a){if(!w.nps){a=w.nps={q:[]};"init identify show dismiss on off flush reset destroy track consent".split(" ").forEach(function(m){a[m]=function(){var x=arguments;return new Promise(function(r){a.q.push([m,x,r])})}})}}(window);';
