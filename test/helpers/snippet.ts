/**
 * The README's loader snippet, verbatim: defines window.nps with methods that queue
 * [method, arguments, resolve] in nps.q until dist/nps.js loads and replays them.
 */
export const SNIPPET =
  '!function(w,n){n=w.nps=w.nps||{q:[]};"init identify show dismiss on off flush reset destroy".split(" ").forEach(function(m){n[m]=n[m]||function(){var a=arguments;return new Promise(function(r){(n.q=n.q||[]).push([m,a,r])})}})}(window);';
