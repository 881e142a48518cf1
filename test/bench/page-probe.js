// Injected into the runtime bench page before dist/nps.js loads (classic script, no modules).
// Collects long tasks, counts timer callbacks, tracks shadow roots (attachShadow is wrapped so a
// closed or freshly attached root is seen at once) and offers the in-page measuring loops.
(() => {
  const B = { lt: [], fired: {}, roots: [], errors: {} };
  window.B = B;
  // Called by the bench after init: counts the widget's error events by code (e.g. storage-evicted).
  B.listen = () => nps.on('error', (e) => (B.errors[e.code] = (B.errors[e.code] ?? 0) + 1));
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) B.lt.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {
    B.ltError = String(e);
  }
  // Count every timer callback that fires (the idle check wants none).
  for (const name of ['setTimeout', 'setInterval', 'requestAnimationFrame', 'requestIdleCallback']) {
    const orig = window[name];
    if (!orig) continue;
    window[name] = (fn, ...rest) => {
      if (typeof fn === 'function') {
        const f = fn;
        fn = function (...a) {
          B.fired[name] = (B.fired[name] ?? 0) + 1;
          return f.apply(this, a);
        };
      }
      return orig.call(window, fn, ...rest);
    };
  }
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (o) {
    const r = attach.call(this, o);
    B.roots.push(r);
    B.onRoot?.(r);
    return r;
  };
  // Code that CDP evaluates directly is not a task the longtask observer sees: the bench runs its
  // in-page steps through this, inside a real timer task.
  B.inTask = (f, ...a) =>
    new Promise((res, rej) =>
      setTimeout(
        () =>
          Promise.resolve()
            .then(() => f(...a))
            .then(res, rej),
        0,
      ),
    );
  const frame = () => new Promise((r) => requestAnimationFrame(() => r(performance.now())));
  const find = () => {
    for (const r of B.roots) {
      const d = r.host.isConnected && r.querySelector('[role=dialog]');
      if (d) return d;
    }
    return null;
  };
  /** Resolves with { d, t } when a [role=dialog] is in a connected shadow root, or null after `ms`. */
  B.waitDialog = (ms) => {
    // Closed prompts' roots are gone for good: keep the list short over thousands of shows.
    B.roots = B.roots.filter((r) => r.host.isConnected);
    let done, timer, mo;
    const promise = new Promise((resolve) => {
      done = (d) => {
        if (!resolve) return;
        mo.disconnect();
        clearTimeout(timer);
        B.onRoot = undefined;
        resolve(d && { d, t: performance.now() });
        resolve = undefined;
      };
    });
    mo = new MutationObserver(() => {
      const d = find();
      if (d) done(d);
    });
    const watch = (r) => mo.observe(r, { childList: true, subtree: true, attributes: true });
    B.roots.forEach(watch);
    mo.observe(document.body, { childList: true, subtree: true });
    B.onRoot = watch;
    const d = find();
    if (d) done(d);
    else timer = setTimeout(() => done(null), ms);
    return { promise, cancel: () => done(null) };
  };
  /** One show: time to the dialog in the DOM and to the next animation frame; optionally answer. */
  B.showOnce = async (answer) => {
    const t0 = performance.now();
    const p = Promise.resolve(nps.show({ force: true }));
    const w = B.waitDialog(3000);
    const seen = await Promise.race([w.promise, p.then(() => null)]);
    w.cancel();
    if (!seen) return { ok: false, result: await p };
    const t1 = await frame();
    const out = {
      ok: true,
      mount: seen.t - t0,
      paint: t1 - t0,
      visible: seen.d.checkVisibility ? seen.d.checkVisibility() : true,
    };
    if (answer) {
      const radios = seen.d.querySelectorAll('[role=radio], input[type=radio]');
      const radio = radios[9] ?? radios[0];
      if (!radio) out.store = 'no [role=radio] in the dialog';
      else {
        let off;
        const scored = new Promise((r) => (off = nps.on('score', () => r(performance.now()))));
        const ts = performance.now();
        radio.click();
        const te = await Promise.race([scored, new Promise((r) => setTimeout(() => r(NaN), 3000))]);
        if (typeof off === 'function') off();
        out.store = Number.isNaN(te) ? 'no score event within 3 s of clicking a radio' : te - ts;
      }
    }
    nps.dismiss();
    out.result = await p;
    return out;
  };
  /** `n` show + dismiss cycles (each leaves one record in the outbox); stops at `deadline` ms. */
  B.cycles = async (n, deadline) => {
    const t0 = performance.now();
    let made = 0;
    const results = {};
    for (; made < n && performance.now() - t0 < deadline; made++) {
      const p = Promise.resolve(nps.show({ force: true }));
      const w = B.waitDialog(3000);
      const seen = await Promise.race([w.promise, p.then(() => null)]);
      w.cancel();
      if (seen) nps.dismiss();
      const r = await p;
      const k = r?.status === 'skipped' ? 'skipped:' + r.reason : r?.status;
      results[k] = (results[k] ?? 0) + 1;
    }
    return { made, ms: performance.now() - t0, results };
  };
  /** Calls nps.flush() until nothing is pending (or `deadline` ms pass). */
  B.drain = async (deadline) => {
    const t0 = performance.now();
    let r,
      calls = 0;
    do {
      r = await nps.flush();
      calls++;
      // Nothing went out (backoff, another flush in flight): yield briefly instead of spinning.
      if (r.pending && !r.delivered) await new Promise((q) => setTimeout(q, 5));
    } while (r.pending > 0 && performance.now() - t0 < deadline);
    return { ...r, calls, ms: performance.now() - t0 };
  };
})();
