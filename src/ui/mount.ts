import css from './styles.css?inline';
import { banner, reloadNotice } from './banner';
import type { PanelModule } from './panel';
import type { ViewActions, ViewModel } from './view';

export const HOST_ID = 'consent-relay';

export interface Ui {
  /** Render the current view model. Mounts the host element on first need only. */
  update(vm: ViewModel): void;
  /** Focus returns here when the dialog closes. */
  rememberFocus(): void;
  /** Fetch the panel's file ahead of need (intent: pointer, focus or touch on a preferences trigger). */
  preload(): void;
  destroy(): void;
}

/**
 * Styles go in through a constructed stylesheet (`adoptedStyleSheets`): CSP `style-src` governs <style> elements and
 * style attributes, not constructed sheets, so the banner is styled under `style-src 'self'` without 'unsafe-inline'.
 * Browsers without constructable sheets (Safari < 16.4) get a <style> element instead.
 */
function attachStyled(el: Element): ShadowRoot {
  const root = el.shadowRoot || el.attachShadow({ mode: 'open' });
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch {
    const style = el.ownerDocument.createElement('style');
    style.textContent = css;
    root.appendChild(style);
  }
  return root;
}

/**
 * The host: a `<div id="consent-relay">` the page already has (left empty for us, perhaps styled by the page's own
 * `#consent-relay` rule) is used rather than a second element with the same id; otherwise ours, appended to <body>.
 */
function findHost(doc: Document): { host: HTMLElement; own: boolean } {
  const there = doc.getElementById(HOST_ID);
  if (there && !there.shadowRoot && !there.hasAttribute('data-cr-host') && there.tagName === 'DIV')
    return { host: there, own: false };
  const host = doc.createElement('div');
  host.id = HOST_ID;
  host.setAttribute('data-cr-host', '');
  return { host, own: true };
}

/**
 * The UI: the banner's first layer drawn by the core (plain DOM), the preferences panel by its own file (Preact),
 * loaded by `loadPanel` when first needed. Until the panel is there (or when it fails to load) the banner stays.
 * Longer than the house limit: update(), rememberFocus() and destroy() share one host, shadow root, panel module and
 * focus memory; the pieces (needPanel, restoreFocus, onIntent, drawLayer) are named closures above them, and moving
 * them out would only pass that state around.
 */
export function createUi(doc: Document, act: ViewActions, loadPanel: () => Promise<PanelModule>): Ui {
  let host: HTMLElement | null = null;
  let ownHost = true;
  let root: ShadowRoot | null = null;
  let layer: HTMLElement | null = null;
  let panelSlot: HTMLElement | null = null;
  let opener: HTMLElement | null = null;
  let wasOpen = false;
  let panel: PanelModule | null = null;
  let last: ViewModel | null = null;
  /** what the first layer was drawn from: redrawn only when one of these changes (a redraw would lose focus) */
  let drawn: unknown[] = [];
  const inlineRoots = new Map<Element, ShadowRoot>();

  const needPanel = () => {
    if (panel) return;
    loadPanel().then(
      (p) => {
        panel = p;
        if (last) ui.update(last);
      },
      // Logged by the loader. The visitor asked for the panel and cannot have it now: back to the banner's buttons.
      () => last?.prefs && act.hide(),
    );
  };

  const restoreFocus = () => {
    const el = opener;
    opener = null;
    // The banner is not shown under the dialog (one set of buttons at a time), so its Preferences button was
    // re-created: focus the new one.
    const target = el && el.isConnected ? el : root?.querySelector<HTMLElement>('[data-cr-action="preferences"]');
    if (target) target.focus();
  };

  /** Intent: the visitor is about to open the panel (pointer over, focus on, touch of a preferences trigger). */
  const onIntent = (e: Event) => {
    const t = e.composedPath()[0] as Element | undefined;
    if (t?.closest?.('[data-cr-action="preferences"],[data-consent-relay-open]')) needPanel();
  };
  const INTENT = ['pointerover', 'focusin', 'touchstart'] as const;
  for (const type of INTENT) doc.addEventListener(type, onIntent, { passive: true, capture: true });

  const drawLayer = (vm: ViewModel, which: 'banner' | 'reload' | null) => {
    // The choices by value: ready's state is a new object with the same choices as the first visit's early one, and
    // comparing the objects built the banner a second time, ~20 ms after the first (measured).
    const key = [which, vm.regime, vm.signal, vm.lang, vm.dir, JSON.stringify(vm.choices), vm.s, vm.categories];
    if (layer && key.every((k, i) => k === drawn[i])) return;
    drawn = key;
    layer!.replaceChildren(
      ...(which === 'banner' ? [banner(vm, act)] : which === 'reload' ? [reloadNotice(vm, act)] : []),
    );
  };

  const ui: Ui = {
    update(vm) {
      last = vm;
      // A container a single-page app has taken out of the page no longer counts (nor is it kept alive here).
      for (const [el, r] of inlineRoots)
        if (!el.isConnected) {
          panel?.unmountPanel(r);
          inlineRoots.delete(el);
        }
      const containers = Array.from(doc.querySelectorAll('[data-consent-relay-preferences]'));
      if (containers.length) needPanel();
      if (panel)
        for (const el of containers) {
          let r = inlineRoots.get(el);
          if (!r) inlineRoots.set(el, (r = attachStyled(el)));
          panel.renderPanel(r, vm, act, true);
        }
      const inline = containers.length > 0;
      if (vm.prefs && !inline) needPanel();
      // With an inline Cookie Preferences panel on the page, that panel is the preferences: no dialog on top of it,
      // and no banner either (one set of choices at a time; a fixed banner would cover the panel's own buttons).
      const dialog = vm.prefs && !inline && !!panel;
      const showBanner = vm.banner && !dialog && !inline;
      const which = showBanner ? 'banner' : vm.reload && !dialog ? 'reload' : null;
      if (!which && !dialog && !host) return;
      if (!host) {
        // One host per instance: two instances never share a root (a second copy of the drop-in exits early).
        ({ host, own: ownHost } = findHost(doc));
        root = attachStyled(host);
        layer = doc.createElement('div');
        panelSlot = doc.createElement('div');
        root.append(layer, panelSlot);
      }
      const appended = !host.isConnected;
      if (appended) {
        // ready may come while the parser is still in <head> (a sync tag before a slow script): no body yet.
        // DOMContentLoaded renders again.
        if (!doc.body) return;
        doc.body.appendChild(host);
      }
      // The top layer is above every z-index: a host's chat bubble at 2147483647 inserted after us (later in the tree,
      // which wins a z-index tie) still does not cover the banner. Engines without popovers keep the z-index alone.
      // Once per insertion (a host the page gave us, or ours put back after a page replaced the body), not per draw.
      if (appended || host.popover !== 'manual') {
        host.popover = 'manual';
        try {
          host.showPopover();
        } catch {
          // an engine without popovers: the z-index alone
        }
      }
      drawLayer(vm, which);
      if (dialog) panel!.renderPanel(panelSlot!, vm, act, false);
      else if (wasOpen) panel?.unmountPanel(panelSlot!);
      if (wasOpen && !dialog) restoreFocus();
      wasOpen = dialog;
      if (vm.prefs && inlineRoots.size) {
        const first = inlineRoots.values().next().value!.querySelector<HTMLElement>('input:not([disabled]),button');
        first?.focus();
        (first?.closest('section') as HTMLElement | null)?.scrollIntoView({ block: 'nearest' });
      }
    },
    rememberFocus() {
      let a = doc.activeElement as HTMLElement | null;
      while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement as HTMLElement;
      opener = a && a !== doc.body ? a : null;
    },
    preload: needPanel,
    destroy() {
      for (const type of INTENT) doc.removeEventListener(type, onIntent, { capture: true });
      if (panelSlot) panel?.unmountPanel(panelSlot);
      for (const r of inlineRoots.values()) panel?.unmountPanel(r);
      layer?.remove();
      panelSlot?.remove();
      // A host the page gave us stays (emptied, out of the top layer); ours goes.
      if (ownHost) host?.remove();
      else host?.removeAttribute('popover');
      host = null;
      last = null;
    },
  };
  return ui;
}
