import { fetchWithTimeout } from '../protocol/fetch';
import { parseIsoDateTime } from '../protocol/iso-time';
import type { ServerView } from './decision';
import { noAnswer, postJson, TIMEOUT_MS } from './transport';

export interface ServerStatus extends ServerView {
  payload: object | null;
  /**
   * The `Consent-Relay-Ack-Token` header of the answer (consent-relay/server sends one): echoed in the browser's
   * acknowledgement so the server can tell it from a stranger's. Null when the status URL sends none.
   */
  ackToken?: string | null;
}

/** The response header the server's status GET carries its acknowledgement token in (docs/SPEC.md §7). */
export const ACK_TOKEN_HEADER = 'consent-relay-ack-token';

/**
 * Read the application server's own reporting state (docs/SPEC.md §5, served by consent-relay/server). A malformed answer
 * is an error and null: the browser then presumes the server is fine and sends nothing (the safe side).
 */
export function parseServerStatus(v: unknown): ServerStatus | string {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return 'is not a JSON object';
  const o = v as Record<string, unknown>;
  if (typeof o.ok !== 'boolean') return '"ok" is not a boolean';
  const time = (k: string): number | null | string => {
    if (o[k] == null) return null;
    const parsed = parseIsoDateTime(o[k]);
    return parsed.ok ? parsed.at : `"${k}" ${parsed.error}`;
  };
  const last = time('lastReportedAt');
  if (typeof last === 'string') return last;
  const attempt = time('lastAttemptAt');
  if (typeof attempt === 'string') return attempt;
  const p = o.payload;
  if (p != null && (typeof p !== 'object' || Array.isArray(p))) return '"payload" is not an object';
  // Not a boolean: malformed, so nothing is sent (the safe side), rather than a guess at what the operator meant.
  if (o.disabled != null && typeof o.disabled !== 'boolean') return '"disabled" is not a boolean';
  return { ok: o.ok, lastReportedAt: last, payload: (p as object) || null, ...(o.disabled ? { disabled: true } : {}) };
}

export async function fetchServerStatus(
  fetchFn: typeof fetch,
  url: string,
  onError: (msg: string) => void,
  timeoutMs = TIMEOUT_MS,
): Promise<ServerStatus | null> {
  // Asked while holding the cross-tab lock: a hung answer (headers or body) must not stall every tab's reporting.
  const fetched = await fetchWithTimeout(async (signal) => {
    // The application's own endpoint, behind its own authentication: send its cookies (same origin only).
    const res = await fetchFn(url, {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
      cache: 'no-store',
      signal,
    });
    return { res, body: res.ok ? ((await res.json()) as unknown) : undefined };
  }, timeoutMs);
  if (!fetched.ok) {
    onError(`telemetry.serverStatusUrl could not be read (${noAnswer(fetched, timeoutMs)}); nothing sent`);
    return null;
  }
  const { res, body } = fetched.response;
  if (!res.ok) {
    onError(`telemetry.serverStatusUrl answered HTTP ${res.status}; treating the server as reporting (nothing sent)`);
    return null;
  }
  const parsed = parseServerStatus(body);
  if (typeof parsed === 'string') {
    onError(`telemetry.serverStatusUrl answer ${parsed}; treating the server as reporting (nothing sent)`);
    return null;
  }
  return { ...parsed, ackToken: res.headers.get(ACK_TOKEN_HEADER) };
}

export interface ServerLink {
  /** the server's status, or null: not asked (sendUsageFrom 'browser', no serverStatusUrl) or not readable */
  status(): Promise<ServerStatus | null>;
  /**
   * After the browser's own report was accepted, tell the server which period is reported (docs/SPEC.md §7),
   * echoing the token of its latest status answer: the server counts a verified acknowledgement fully, one without
   * a token for at most one period. A failure is one console error; nothing is retried.
   */
  acknowledge(reportedAt: string): Promise<void>;
}

/** The browser's side of the status endpoint: reads the status, keeps its latest token, sends the acknowledgement. */
export function createServerLink(
  fetchFn: typeof fetch,
  options: { sendUsageFrom: 'server' | 'browser'; serverStatusUrl: string | null },
  now: () => number,
  onError: (msg: string) => void,
): ServerLink {
  const url = options.serverStatusUrl;
  let ackToken: string | null = null;
  return {
    async status() {
      if (options.sendUsageFrom === 'browser' || !url) return null;
      const status = await fetchServerStatus(fetchFn, url, onError);
      if (status?.ackToken) ackToken = status.ackToken;
      return status;
    },
    async acknowledge(reportedAt) {
      if (!url) return;
      const body = JSON.stringify(ackToken ? { reportedAt, ackToken } : { reportedAt });
      const sent = await postJson(fetchFn, url, body, {}, now, 'same-origin');
      if (!sent.ok) onError(`telemetry: the server did not accept { reportedAt } (${sent.error})`);
    },
  };
}
