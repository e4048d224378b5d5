import { describe, expect, it } from 'vitest';
import { createViewState, type ViewState } from './view-state';

type Step = (v: ViewState) => unknown;
const steps: Record<string, Step> = {
  banner: (v) => v.showBanner(),
  prefs: (v) => v.showPreferences(),
  hide: (v) => v.hide(),
  back: (v) => v.back(),
  reload: (v) => v.needReload(),
  early: (v) => v.early(),
  'ready+': (v) => v.follow({ decided: true }, null, 'restore'),
  'ready-': (v) => v.follow({ decided: false }, null, 'restore'),
  decide: (v) => v.follow({ decided: true }, null, 'decide'),
  adopt: (v) => v.follow({ decided: true }, null, 'adopt'),
  forget: (v) => v.follow({ decided: false }, null, 'forget'),
  reset: (v) => v.follow({ decided: false }, null, 'reset'),
};
/** banner / prefs / reload as shown: `B` banner, `P` panel, `R` reload notice, `-` nothing */
const shown = (v: ViewState) => {
  const l = v.layers();
  return (l.banner ? 'B' : '') + (l.prefs ? 'P' : '') + (l.reload ? 'R' : '') || '-';
};

describe('createViewState', () => {
  it.each([
    ['nothing at first', [], 'none', '-'],
    ['a first visit: the banner at ready', ['ready-'], 'banner', 'B'],
    ['a returning visitor: nothing at ready', ['ready+'], 'none', '-'],
    ['the early banner goes when storage holds a decision', ['early', 'ready+'], 'none', '-'],
    ['the early banner stays for a first visit', ['early', 'ready-'], 'banner', 'B'],
    ['showBanner() before ready is the page’s word over the decision', ['banner', 'ready+'], 'banner', 'B'],
    ['hide() before ready is the page’s word over no decision', ['hide', 'ready-'], 'none', '-'],
    ['a decision closes the banner the page asked for', ['ready+', 'banner', 'decide'], 'none', '-'],
    ['the panel opened before ready stays, the banner under it', ['prefs', 'ready-'], 'preferences', 'BP'],
    ['closing it then goes back to the banner', ['prefs', 'ready-', 'back'], 'banner', 'B'],
    ['the panel over the banner', ['ready-', 'prefs'], 'preferences', 'BP'],
    ['the panel on its own', ['ready+', 'prefs'], 'preferences', 'P'],
    ['closing the panel on its own: nothing', ['ready+', 'prefs', 'back'], 'none', '-'],
    ['back with no panel open does nothing', ['ready-', 'back'], 'banner', 'B'],
    ['a decision closes the banner and the panel', ['ready-', 'prefs', 'decide'], 'none', '-'],
    ["another tab's decision closes the banner", ['ready-', 'adopt'], 'none', '-'],
    [
      "another tab's decision leaves an open panel, without the banner under it",
      ['ready-', 'prefs', 'adopt'],
      'preferences',
      'P',
    ],
    ["another tab's reset asks again", ['ready+', 'forget'], 'banner', 'B'],
    ["another tab's reset puts the banner under an open panel", ['ready+', 'prefs', 'forget'], 'preferences', 'BP'],
    ['reset shows the banner, even over an open panel', ['ready+', 'prefs', 'reset'], 'banner', 'B'],
    ['the reload notice stays beside any view', ['ready-', 'reload', 'decide'], 'none', 'R'],
    ['hide() takes the reload notice away too', ['ready-', 'reload', 'hide'], 'none', '-'],
  ])('%s', (_, path, view, layers) => {
    const v = createViewState();
    for (const step of path) steps[step](v);
    expect(v.view).toBe(view);
    expect(shown(v)).toBe(layers);
  });
  it('back() says whether a panel was closed', () => {
    const v = createViewState();
    expect(v.back()).toBe(false);
    v.showPreferences();
    expect(v.back()).toBe(true);
  });
});
