import { categoryLabel } from './strings';
import type { ViewActions, ViewModel } from './view';

/*
 * The first layer in plain DOM code, not Preact: it is in the drop-in every page view downloads, and these few
 * elements cost ~1 KiB gzip where Preact costs ~4.3 (README "Measured": both were built and compared). Preact stays
 * the renderer of the preferences panel, a file of its own.
 */

type Child = Node | string | null | false | undefined;

/** A tiny element builder: attributes as strings (never HTML), `on` for the click handler, text children as text. */
function el(tag: string, attrs: Record<string, string | undefined>, kids: Child[] = [], on?: () => void): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) e.setAttribute(k, v);
  for (const k of kids) if (k) e.append(k);
  if (on) e.addEventListener('click', on);
  return e;
}

const button = (action: string, text: string, on: () => void, cls?: string) =>
  el('button', { type: 'button', class: cls, 'data-cr-action': action }, [text], on);

/**
 * The purposes the site configured, joined as the visitor's language joins a list (Arabic has its own comma).
 * English is the plain comma join `Intl.ListFormat` would give, without the ICU set-up a first Intl formatter costs
 * on the first paint; `Intl.ListFormat` missing or throwing (old engines): a plain comma.
 */
export function joinList(items: string[], lang: string): string {
  if (lang === 'en') return items.join(', ');
  try {
    // 'unit' lists keep the language's own separator between every item (the Arabic comma, not only "and")
    return new Intl.ListFormat(lang, { style: 'long', type: 'unit' }).format(items);
  } catch {
    return items.join(', ');
  }
}

/** The first layer. Opt-in: accept / reject / preferences, equal prominence; opt-out: the opt-out choice; notice: OK. */
export function banner(vm: ViewModel, act: ViewActions): HTMLElement {
  const { s, regime } = vm;
  const text = regime === 'opt-in' ? s.optInText : regime === 'opt-out' ? s.optOutText : s.noticeText;
  const purposes = vm.categories.filter((c) => !c.required).map((c) => categoryLabel(s, c.id, c.label));
  return el(
    'section',
    {
      class: 'b',
      'data-cr': 'banner',
      'data-cr-layout': vm.layout,
      'aria-label': s.bannerLabel,
      'aria-describedby': 'cr-bt',
      lang: vm.lang,
      dir: vm.dir,
    },
    [
      el('h2', {}, [s.title]),
      el('p', { id: 'cr-bt' }, [text]),
      // The purposes the site actually configured, not a fixed list: the banner says only what is true.
      el('p', { class: 'm', 'data-cr': 'purposes' }, [`${s.purposes}: ${joinList(purposes, vm.lang)}`]),
      vm.signal &&
        el('p', { class: 'n', 'data-cr': 'signal-notice' }, [vm.signal === 'gpc' ? s.gpcHonored : s.dntHonored]),
      el('div', { class: 'a' }, [
        regime === 'notice'
          ? // OK keeps the defaults shown, which a GPC/DNT signal may have turned off: it is not "accept all".
            button('ok', s.ok, () => act.save(vm.choices, 'banner'))
          : button('accept-all', s.acceptAll, () => act.acceptAll('banner')),
        regime === 'opt-in' && button('reject-all', s.rejectAll, () => act.rejectAll('banner')),
        regime === 'opt-out' && button('opt-out', s.optOut, () => act.rejectAll('banner')),
        button('preferences', s.preferences, () => act.showPreferences()),
      ]),
    ],
  );
}

/** Shown when a category was turned off after its scripts ran: only a reload stops them. */
export function reloadNotice(vm: ViewModel, act: ViewActions): HTMLElement {
  return el('section', { class: 'b', 'data-cr': 'reload', role: 'status', lang: vm.lang, dir: vm.dir }, [
    el('p', {}, [vm.s.reloadText]),
    el('div', { class: 'a' }, [
      button('reload', vm.s.reload, act.reload),
      button('dismiss', vm.s.close, act.hide, 'x'),
    ]),
  ]);
}
