import { categoryText } from './strings';
import type { ViewActions, ViewModel } from './view';

/** The first layer. Opt-in: accept / reject / preferences, equal prominence; opt-out: the opt-out choice; notice: OK. */
export function Banner({ vm, act }: { vm: ViewModel; act: ViewActions }) {
  const { s, regime } = vm;
  const text = regime === 'opt-in' ? s.optInText : regime === 'opt-out' ? s.optOutText : s.noticeText;
  return (
    <section
      class="b"
      data-cr="banner"
      data-cr-layout={vm.layout}
      aria-label={s.bannerLabel}
      aria-describedby="cr-bt"
      lang={vm.lang}
      dir={vm.dir}
    >
      <h2>{s.title}</h2>
      <p id="cr-bt">{text}</p>
      {/* The purposes the site actually configured, not a fixed list: the banner says only what is true. */}
      <p class="m" data-cr="purposes">
        {s.purposes}:{' '}
        {vm.categories
          .filter((c) => !c.required)
          .map((c) => categoryText(s, c.id, c.label).label)
          .join(', ')}
      </p>
      {vm.signal && (
        <p class="n" data-cr="signal-notice">
          {vm.signal === 'gpc' ? s.gpcHonored : s.dntHonored}
        </p>
      )}
      <div class="a">
        {regime === 'notice' ? (
          // OK keeps the defaults shown, which a GPC/DNT signal may have turned off: it is not "accept all".
          <button type="button" data-cr-action="ok" onClick={() => act.save(vm.choices, 'banner')}>
            {s.ok}
          </button>
        ) : (
          <button type="button" data-cr-action="accept-all" onClick={() => act.acceptAll('banner')}>
            {s.acceptAll}
          </button>
        )}
        {regime === 'opt-in' && (
          <button type="button" data-cr-action="reject-all" onClick={() => act.rejectAll('banner')}>
            {s.rejectAll}
          </button>
        )}
        {regime === 'opt-out' && (
          <button type="button" data-cr-action="opt-out" onClick={() => act.rejectAll('banner')}>
            {s.optOut}
          </button>
        )}
        <button type="button" data-cr-action="preferences" onClick={() => act.showPreferences()}>
          {s.preferences}
        </button>
      </div>
    </section>
  );
}

export function ReloadNotice({ vm, act }: { vm: ViewModel; act: ViewActions }) {
  return (
    <section class="b" data-cr="reload" role="status" lang={vm.lang} dir={vm.dir}>
      <p>{vm.s.reloadText}</p>
      <div class="a">
        <button type="button" data-cr-action="reload" onClick={act.reload}>
          {vm.s.reload}
        </button>
        <button type="button" class="x" data-cr-action="dismiss" onClick={act.hide}>
          {vm.s.close}
        </button>
      </div>
    </section>
  );
}
