/**
 * Script gating: `<script type="text/plain" data-consent-category="analytics">` runs once its category (every one
 * listed, space-separated) is allowed, exactly once, in document order, including scripts added after start
 * (single-page applications, late content) which a MutationObserver picks up.
 */
export interface Gate {
  /** Run every waiting script whose categories are now all allowed. */
  scan(): void;
  stop(): void;
  /** Categories whose scripts have run on this page (they cannot be stopped: revoking them needs a reload). */
  ran: Set<string>;
}

const SELECTOR = 'script[type="text/plain"][data-consent-category]';

/** Another kind of element the page may add later, watched by the same observer (one per page, not one per kind). */
export interface Watch {
  selector: string;
  added(): void;
}

export function createGate(doc: Document, allowed: (category: string) => boolean, watch?: Watch): Gate {
  const ran = new Set<string>();
  const taken = new WeakSet<Element>();
  // One chain keeps document order across inline and external scripts: an inline script after an external one
  // must not run before it has loaded (the browser gives no such order to scripts inserted from JS).
  let chain: Promise<void> = Promise.resolve();

  const run = (old: HTMLScriptElement) =>
    new Promise<void>((done) => {
      if (!old.isConnected) return done();
      const s = doc.createElement('script');
      for (const a of Array.from(old.attributes)) if (a.name !== 'type') s.setAttribute(a.name, a.value);
      // `data-type="module"` keeps the type the script is meant to run as.
      const type = old.getAttribute('data-type');
      if (type) s.type = type;
      // A nonce is not readable as an attribute after parsing (HTML: nonce hiding); copy the property.
      if (old.nonce) s.nonce = old.nonce;
      if (old.src) {
        s.async = false;
        s.onload = s.onerror = () => done();
      } else s.text = old.text;
      old.replaceWith(s);
      if (!old.src) done();
    });

  // While the page is parsing, the parser may still be filling the last element it inserted (the rest of an inline
  // script's text comes in a later network chunk): a script is taken only once something follows it in the document.
  let waiting = false;
  const parsed = (el: Node) => {
    if (doc.readyState !== 'loading') return true;
    for (let n: Node | null = el; n; n = n.parentNode) if (n.nextSibling) return true;
    return false;
  };

  const scan = () => {
    waiting = false;
    for (const el of Array.from(doc.querySelectorAll<HTMLScriptElement>(SELECTOR))) {
      if (taken.has(el)) continue;
      if (!parsed(el)) {
        waiting = true;
        break;
      }
      const cats = (el.getAttribute('data-consent-category') || '').split(/\s+/).filter(Boolean);
      if (!cats.length || !cats.every(allowed)) continue;
      taken.add(el);
      cats.forEach((c) => ran.add(c));
      chain = chain.then(() => run(el));
    }
  };

  let mo: MutationObserver | null = null;
  if (typeof MutationObserver === 'function') {
    const has = (n: Node, selector: string) =>
      n.nodeType === 1 && ((n as Element).matches(selector) || !!(n as Element).querySelector(selector));
    const any = watch ? `${SELECTOR},${watch.selector}` : SELECTOR;
    mo = new MutationObserver((records) => {
      if (waiting) scan();
      for (const r of records)
        for (const n of Array.from(r.addedNodes))
          if (has(n, any)) {
            // one combined test per added node; which kind it was only when it was one of them
            if (!waiting && has(n, SELECTOR)) scan();
            if (watch && has(n, watch.selector)) watch.added();
            return;
          }
    });
    mo.observe(doc.documentElement, { childList: true, subtree: true });
  }
  return { scan, stop: () => mo && mo.disconnect(), ran };
}
