/**
 * The in-page probe, installed with context.addInitScript before any page script runs (main frame only).
 * It records into window.__bench:
 *  - visibleAt: ms from navigation start of the first frame in which the banner is laid out (an IntersectionObserver
 *    entry: non-zero box, inside the viewport; its `time` is that frame's) and visible (Element.checkVisibility with
 *    opacity and visibility, which looks through shadow roots); the probe forces no layout of its own;
 *    insertedAt: first animation frame it is in the DOM at all;
 *  - everVisible / lastSeenPresent for the returning-visitor check (the loop keeps running while cfg.watch);
 *  - long tasks and layout shifts (PerformanceObserver, buffered);
 *  - clickAt / storedAt: the first click anywhere (capture phase) and the first moment after it at which the
 *    subject's decision is in document.cookie or localStorage (polled on a MessageChannel, so no 4 ms clamping).
 */
export function probe(cfg) {
  if (window.top !== window) return;
  const B = (window.__bench = {
    insertedAt: null,
    visibleAt: null,
    everVisible: false,
    presentAtEnd: false,
    frames: 0,
    longtasks: [],
    shifts: [],
    clickAt: null,
    storedAt: null,
    stop: false,
  });
  // Promises the harness awaits with one evaluate() (no polling from outside, which would add script time).
  let visibleResolve, storedResolve;
  B.whenVisible = new Promise((r) => (visibleResolve = r));
  B.whenStored = new Promise((r) => (storedResolve = r));

  const find = () => {
    if (cfg.probe.host) {
      const host = document.querySelector(cfg.probe.host);
      return (host && host.shadowRoot && host.shadowRoot.querySelector(cfg.probe.inner)) || null;
    }
    return document.querySelector(cfg.probe.css);
  };
  const shown = (el) =>
    el.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true });
  const seen = (at) => {
    if (B.visibleAt === null) visibleResolve((B.visibleAt = at));
    B.everVisible = true;
  };
  // Laid out and in the viewport comes from an IntersectionObserver: it reads the frame's own layout, so the probe
  // never forces one (a getBoundingClientRect in every frame would charge each subject's layout to its script time).
  let observed = null;
  let inView = false;
  const io = new IntersectionObserver((entries) => {
    const e = entries[entries.length - 1];
    inView = e.isIntersecting && e.boundingClientRect.width > 0 && e.boundingClientRect.height > 0;
    if (inView && e.target.isConnected && shown(e.target)) seen(e.time);
  });
  const tick = () => {
    B.frames++;
    const el = find();
    if (el && B.insertedAt === null) B.insertedAt = performance.now();
    if (el !== observed) {
      if (observed) io.unobserve(observed);
      if (el) io.observe(el);
      observed = el;
      inView = false;
    }
    // In view but hidden by opacity or visibility (a fade-in): style only, no layout, until it shows.
    if (el && inView && shown(el)) seen(performance.now());
    B.presentAtEnd = !!el;
    if (B.stop || (B.visibleAt !== null && !cfg.watch)) return;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);

  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) B.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) B.shifts.push({ start: e.startTime, value: e.value });
    }).observe({ type: 'layout-shift', buffered: true });
  } catch {}

  const stored = () => {
    if (cfg.stored.cookie && new RegExp('(^|;\\s*)' + cfg.stored.cookie + '=').test(document.cookie)) return true;
    if (cfg.stored.localStorage) {
      try {
        return localStorage.getItem(cfg.stored.localStorage) !== null;
      } catch {}
    }
    return false;
  };
  addEventListener(
    'click',
    () => {
      if (B.clickAt !== null) return;
      B.clickAt = performance.now();
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        if (stored()) return void storedResolve((B.storedAt = performance.now()));
        if (performance.now() - B.clickAt < 10000) ch.port2.postMessage(0);
      };
      ch.port2.postMessage(0);
    },
    true,
  );
}
