/* The classic JSX runtime (Preact's h, no preact/jsx-runtime in the panel file): 160 B gzip less (issue 12). */
/** @jsxRuntime classic */
/** @jsx h */
/** @jsxFrag Fragment */
// biome-ignore lint/correctness/noUnusedImports: the JSX factory of the pragmas above
import { Fragment, h } from 'preact';
import type { Strings } from './strings';
import type { TelemetryView } from './view';
import type { TelemetryReport } from '../telemetry/api';

/** A sentence's first letter, in the visitor's language. */
const capital = (t: string, lang: string) => t.charAt(0).toLocaleUpperCase(lang) + t.slice(1);

/** Say why, in the visitor's words, as a sentence (the reason code comes from the send decision). */
const why = (s: Strings, reason: string, lang: string) =>
  capital((s as Record<string, string>)['tmWhy_' + reason] || reason, lang);

/** A log entry's status in words: `sent` is tmSent, `logged` tmLogged, `refused` tmRefused, `failed` tmFailed. */
export const said = (s: Strings, status: string) => (s as Record<string, string>)['tm' + capital(status, 'en')];

/** A time in the panel's language (Intl.DateTimeFormat through toLocaleString); also the consent record's date. */
export const when = (time: string | number, lang: string) => {
  try {
    return new Date(time).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });
  } catch {
    // a language tag the engine's Intl does not know: the ISO time is still exact
    return new Date(time).toJSON();
  }
};

/** `name 3, other 1`: counters by name, left to right whatever the page's direction (they are identifiers). */
const pairs = (o: object | null | undefined) =>
  Object.entries(o || {})
    .map(([k, v]) => `${k} ${typeof v === 'object' ? JSON.stringify(v) : v}`)
    .join(', ');

/**
 * What a report holds, readable by a person (counters by name, page views, the server's facts, where it goes), then
 * the exact JSON one click away: left to right and isolated from a right-to-left page (else `,schema": 1"`).
 */
function shown(s: Strings, r: TelemetryReport, host?: string) {
  const rows: Array<[string, string]> = [
    [s.tmCounts, pairs(r.ui?.counts)],
    [s.tmViews, pairs(r.ui?.pageViews)],
    [s.tmServer, pairs(r.server)],
  ];
  if (host) rows.unshift([s.tmTo, host]);
  return (
    <>
      <dl>
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd dir="ltr">{v || '–'}</dd>
          </div>
        ))}
      </dl>
      <details class="j">
        <summary>{s.tmShowData}</summary>
        <pre dir="ltr" tabIndex={0}>
          {JSON.stringify(r, null, 2)}
        </pre>
      </details>
    </>
  );
}

/**
 * What product telemetry sends, below the choices and folded: a one-line summary of the next report and of the log,
 * each opening to a readable account and the exact JSON (EventStoreDB: every transmission logged; Kibana: the payload
 * is viewable by the user).
 */
export function telemetryPanel(s: Strings, tm: TelemetryView, lang: string) {
  const willSend =
    tm.reason === 'send' || tm.reason === 'logging' || tm.reason === 'not_due' || tm.reason === 'server_ok';
  const last = tm.log[tm.log.length - 1];
  return (
    <section data-cr="telemetry" aria-labelledby="cr-tt">
      <h3 id="cr-tt">{s.tmTitle}</h3>
      {/* "only when the server cannot" is true of the server fallback alone: with sendUsageFrom 'browser' the browser
          always sends, and the telemetry category's description, the next payload and the log say what and where. */}
      {!tm.fromBrowser && <p class="m">{s.tmText}</p>}
      <details data-cr="telemetry-preview">
        <summary>
          {s.tmPreview}
          {tm.reason !== 'send' && (
            <span class="m" data-cr-reason={tm.reason}>
              {' · '}
              {why(s, tm.reason, lang)}
            </span>
          )}
        </summary>
        {tm.preview && willSend ? shown(s, tm.preview, tm.host) : <p class="m">{s.tmPreviewNone}</p>}
      </details>
      <details data-cr="telemetry-log">
        <summary>
          {s.tmLog}
          <span class="m">
            {' · '}
            {last ? `${said(s, last.status)} · ${when(last.at, lang)} (${tm.log.length})` : s.tmLogEmpty}
          </span>
        </summary>
        <ol>
          {tm.log
            .slice()
            .reverse()
            .map((e) => (
              // The attempt keeps two retries of one report apart, should they share a millisecond.
              <li key={`${e.at} ${e.status} ${e.attempt ?? ''}`} data-cr-status={e.status}>
                <time dateTime={e.at}>{when(e.at, lang)}</time> · <strong>{said(s, e.status)}</strong>
                {/* A failure is told by what happened (HTTP 503, a network error), not by an internal code. */}
                {e.status === 'failed'
                  ? ` · ${e.httpStatus ? `HTTP ${e.httpStatus}` : e.error || ''}`
                  : e.status !== 'sent' && ` · ${why(s, e.reason, lang)}`}{' '}
                · {e.bytes} B{e.report && shown(s, e.report, e.status === 'sent' ? tm.host : undefined)}
              </li>
            ))}
        </ol>
      </details>
    </section>
  );
}
