import { parseIsoDateTime } from '../src/protocol/iso-time';
import { ACK_TOKEN_HEADER } from './ack-token';
import { readText } from './read-text';
import type { ServerReporterStatus } from './types';

/** What the handler reads and changes in the reporter. */
export interface HandlerAccess {
  status(): ServerReporterStatus;
  /**
   * Records a browser's report. `verified` when it echoed a token of a recent status GET; the reporter decides how
   * much an unverified one counts.
   */
  acknowledge(at: number, verified: boolean): void;
  /** The token a status GET hands out, for the acknowledgement to echo. */
  ackToken(): string;
  /** True for a token this reporter issued recently. */
  verifyAckToken(token: unknown): boolean;
  now(): number;
}

/** `{ "reportedAt": "…", "ackToken": "…" }` needs a hundred bytes; anything much larger is not an acknowledgement. */
export const MAX_BODY_BYTES = 4096;

/** The browser's clock may run ahead of the server's (docs/SPEC.md §7: "plus a minute of clock skew"). */
export const MAX_CLOCK_SKEW_MS = 60_000;

/** The methods `handle` answers; the adapters name them in a 405 for a method a `Request` cannot even carry. */
export const ALLOW = 'GET, HEAD, POST';

/**
 * Serves `serverStatusUrl` from a standard Request, wherever it is mounted (the path is not looked at).
 * Never rejects: an unexpected error is a 500, not an exception in the host's router.
 */
export async function handleStatusRequest(request: Request, access: HandlerAccess): Promise<Response> {
  try {
    switch (request.method.toUpperCase()) {
      case 'GET':
        return json(200, access.status(), { [ACK_TOKEN_HEADER]: access.ackToken() });
      case 'HEAD':
        return new Response(null, {
          status: 200,
          headers: { ...jsonHeaders(), [ACK_TOKEN_HEADER]: access.ackToken() },
        });
      case 'POST':
        return await acknowledge(request, access);
      default:
        return json(405, { error: `method ${request.method} not allowed` }, { allow: ALLOW });
    }
  } catch {
    return json(500, { error: 'internal error' });
  }
}

async function acknowledge(request: Request, access: HandlerAccess): Promise<Response> {
  // Another site must not make this server skip a period on behalf of a signed-in visitor. A cross-site form or a
  // `text/plain` fetch reaches a server without a CORS preflight: browsers say where a request comes from (Fetch
  // Metadata, else Origin), and such a request is refused unless it is this origin's own. (A JSON POST from another
  // origin was preflighted, so the application's CORS policy allowed it.) Non-browser clients send neither header.
  if (crossSite(request) && !preflighted(request))
    return json(403, { error: 'cross-site acknowledgements are refused' });
  const text = await readText(request, MAX_BODY_BYTES);
  if (text === 'too-large') return json(413, { error: `body over ${MAX_BODY_BYTES} bytes` });
  if (text === 'unreadable') return badRequest('body could not be read');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return badRequest('body is not JSON');
  }
  const fields = (typeof body === 'object' && body !== null ? body : {}) as {
    reportedAt?: unknown;
    ackToken?: unknown;
  };
  const parsed = parseIsoDateTime(fields.reportedAt);
  if (!parsed.ok) return badRequest(`reportedAt ${parsed.error}`);
  if (parsed.at > access.now() + MAX_CLOCK_SKEW_MS) return badRequest('reportedAt is in the future');
  // A missing, stale or foreign token is not an error: the acknowledgement is taken, it only counts for less.
  access.acknowledge(parsed.at, access.verifyAckToken(fields.ackToken));
  return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
}

/** A content type a browser sends cross-origin only after a CORS preflight (not a "simple request" one). */
function preflighted(request: Request): boolean {
  const type = (request.headers.get('content-type') || '').split(';')[0].trim().toLowerCase();
  return (
    !!type && type !== 'text/plain' && type !== 'application/x-www-form-urlencoded' && type !== 'multipart/form-data'
  );
}

function crossSite(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site) return site !== 'same-origin' && site !== 'none';
  const origin = request.headers.get('origin');
  if (!origin) return false;
  try {
    return origin !== new URL(request.url).origin;
  } catch {
    return true;
  }
}

function badRequest(error: string): Response {
  return json(400, { error });
}

function json(status: number, body: unknown, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...jsonHeaders(), ...extra } });
}

function jsonHeaders(): Record<string, string> {
  // The status changes with every report; a cached copy would make the browser take over (or not) on stale news.
  return { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
}
