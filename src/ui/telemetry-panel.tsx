import type { Strings } from './strings';
import type { TelemetryView } from './view';

const STATUS: Record<string, keyof Strings> = {
  sent: 'tmSent',
  logged: 'tmLogged',
  refused: 'tmRefused',
  failed: 'tmFailed',
};

/** Say why, in the visitor's words: the reason code comes from the send decision. */
const why = (s: Strings, reason: string) => (s as Record<string, string>)['tmWhy_' + reason] || reason;

/**
 * What product telemetry sends, readable by a person: the exact next payload and every transmission, sent or only
 * logged, with why (EventStoreDB: every transmission logged; Kibana: the payload is viewable by the user).
 */
export function TelemetryPanel({ s, tm }: { s: Strings; tm: TelemetryView }) {
  const willSend =
    tm.reason === 'send' || tm.reason === 'logging' || tm.reason === 'not_due' || tm.reason === 'server_ok';
  return (
    <section data-cr="telemetry" aria-labelledby="cr-tt">
      <h3 id="cr-tt">{s.tmTitle}</h3>
      {/* "only when the server cannot" is true of the server fallback alone: with sendUsageFrom 'browser' the browser
          always sends, and the telemetry category's description above, the next payload and the log say what and where. */}
      {!tm.fromBrowser && <p class="m">{s.tmText}</p>}
      <div data-cr="telemetry-preview">
        <h4>{s.tmPreview}</h4>
        {tm.reason !== 'send' && (
          <p class="m" data-cr-reason={tm.reason}>
            {why(s, tm.reason)}
          </p>
        )}
        {tm.preview && willSend ? (
          <pre tabIndex={0}>{JSON.stringify(tm.preview, null, 2)}</pre>
        ) : (
          <p class="m">{s.tmPreviewNone}</p>
        )}
      </div>
      <div data-cr="telemetry-log">
        <h4>{s.tmLog}</h4>
        {tm.log.length === 0 ? (
          <p class="m">{s.tmLogEmpty}</p>
        ) : (
          <ol>
            {tm.log
              .slice()
              .reverse()
              .map((e) => (
                // The attempt keeps two retries of one report apart, should they share a millisecond.
                <li key={`${e.at} ${e.status} ${e.attempt ?? ''}`} data-cr-status={e.status}>
                  <time dateTime={e.at}>{new Date(e.at).toLocaleString()}</time> ·{' '}
                  <strong>{s[STATUS[e.status]]}</strong>
                  {/* A failure is told by what happened (HTTP 503, a network error), not by an internal code. */}
                  {e.status === 'failed'
                    ? ` · ${e.httpStatus ? `HTTP ${e.httpStatus}` : e.error || ''}`
                    : e.status !== 'sent' && ` · ${why(s, e.reason)}`}{' '}
                  · {e.bytes} B
                  {e.report && (
                    <details>
                      <summary>JSON</summary>
                      <pre tabIndex={0}>{JSON.stringify(e.report, null, 2)}</pre>
                    </details>
                  )}
                </li>
              ))}
          </ol>
        )}
      </div>
    </section>
  );
}
