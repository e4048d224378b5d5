import { h, render } from 'preact';
import css from './styles.css?inline';
import { Banner, ReloadNotice } from './banner';
import { Preferences } from './preferences';
import type { ViewActions, ViewModel } from './view';

export const HOST_ID = 'consent-relay';

export interface Ui {
  /** Render the current view model (cheap: Preact diffs). Mounts the host element on first need only. */
  update(vm: ViewModel): void;
  /** Focus returns here when the dialog closes. */
  rememberFocus(): void;
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
    const style = document.createElement('style');
    style.textContent = css;
    root.appendChild(style);
  }
  return root;
}

export function createUi(doc: Document, act: ViewActions): Ui {
  let host: HTMLElement | null = null;
  let root: ShadowRoot | null = null;
  let opener: HTMLElement | null = null;
  let wasOpen = false;
  const inlineRoots = new Map<Element, ShadowRoot>();

  const inlineContainers = () => Array.from(doc.querySelectorAll('[data-consent-relay-preferences]'));

  const restoreFocus = () => {
    const el = opener;
    opener = null;
    // The banner is not shown under the dialog (one set of buttons at a time), so its Preferences button was
    // re-created: focus the new one.
    const target = el && el.isConnected ? el : root!.querySelector<HTMLElement>('[data-cr-action="preferences"]');
    if (target) target.focus();
  };

  return {
    update(vm) {
      // A container a single-page app has taken out of the page no longer counts (nor is it kept alive here).
      for (const [el, r] of inlineRoots) if (!el.isConnected) render(null, r), inlineRoots.delete(el);
      for (const el of inlineContainers()) {
        let r = inlineRoots.get(el);
        if (!r) inlineRoots.set(el, (r = attachStyled(el)));
        render(h(Preferences, { vm, act, inline: true }), r);
      }
      // With an inline Cookie Preferences panel on the page, that panel is the preferences: no dialog on top of it,
      // and no banner either (one set of choices at a time; a fixed banner would cover the panel's own buttons).
      const dialog = vm.prefs && !inlineRoots.size;
      const banner = vm.banner && !dialog && !inlineRoots.size;
      const need = banner || dialog || vm.reload;
      if (!need && !host) return;
      if (!host) {
        // One host per instance: two instances never share a root (a second copy of the drop-in exits early).
        host = doc.createElement('div');
        host.id = HOST_ID;
        root = attachStyled(host);
      }
      if (!host.isConnected) {
        // ready may come while the parser is still in <head> (a sync tag before a slow script): no body yet.
        // DOMContentLoaded renders again.
        if (!doc.body) return;
        doc.body.appendChild(host);
      }
      render(
        h('div', null, [
          banner ? h(Banner, { vm, act }) : null,
          dialog ? h(Preferences, { vm, act }) : null,
          vm.reload && !banner && !dialog ? h(ReloadNotice, { vm, act }) : null,
        ]),
        root!,
      );
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
    destroy() {
      if (root) render(null, root);
      for (const r of inlineRoots.values()) render(null, r);
      host?.remove();
      host = null;
    },
  };
}
