import type { ServerView } from './decision';
import { TIMEOUT_MS } from './transport';

export interface ServerStatus extends ServerView {
  payload: object | null;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

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
    if (typeof o[k] !== 'string' || !ISO.test(o[k] as string)) return `"${k}" is not an ISO date`;
    return Date.parse(o[k] as string);
  };
  const last = time('lastReportedAt');
  if (typeof last === 'string') return last;
  const attempt = time('lastAttemptAt');
  if (typeof attempt === 'string') return attempt;
  const p = o.payload;
  if (p != null && (typeof p !== 'object' || Array.isArray(p))) return '"payload" is not an object';
  return { ok: o.ok, lastReportedAt: last, payload: (p as object) || null };
}

export async function fetchServerStatus(
  fetchFn: typeof fetch,
  url: string,
  onError: (msg: string) => void,
  timeoutMs = TIMEOUT_MS,
): Promise<ServerStatus | null> {
  // Asked while holding the cross-tab lock: a hung answer must not stall every tab's reporting.
  const ctl = typeof AbortController === 'function' ? new AbortController() : null;
  const timer = ctl && setTimeout(() => ctl.abort(), timeoutMs);
  try {
    // The application's own endpoint, behind its own authentication: send its cookies (same origin only).
    const res = await fetchFn(url, {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
      cache: 'no-store',
      signal: ctl?.signal,
    });
    if (!res.ok) {
      onError(`telemetry.serverStatusUrl answered HTTP ${res.status}; treating the server as reporting (nothing sent)`);
      return null;
    }
    const parsed = parseServerStatus(await res.json());
    if (typeof parsed === 'string') {
      onError(`telemetry.serverStatusUrl answer ${parsed}; treating the server as reporting (nothing sent)`);
      return null;
    }
    return parsed;
  } catch (e) {
    onError(`telemetry.serverStatusUrl could not be read (${(e as Error)?.message}); nothing sent`);
    return null;
  } finally {
    if (timer) clearTimeout(timer);
  }
}
