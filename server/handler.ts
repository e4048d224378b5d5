import type { ServerReporterStatus } from './types';

/** What the handler reads and changes in the reporter. */
export interface HandlerAccess {
  status(): ServerReporterStatus;
  /** Records a browser's report; the reporter keeps the later of this and what it has. */
  markReported(at: number): void;
  now(): number;
}

/** `{ "reportedAt": "…" }` needs a few dozen bytes; anything much larger is not a browser's acknowledgement. */
export const MAX_BODY_BYTES = 4096;

/** The browser's clock may run ahead of the server's (docs/SPEC.md §7: "plus a minute of clock skew"). */
export const MAX_CLOCK_SKEW_MS = 60_000;

// An offset is required: without one `Date.parse` reads local time, and server and browser may disagree about it.
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

const ALLOW = 'GET, HEAD, POST';

/**
 * Serves `serverStatusUrl` from a standard Request, wherever it is mounted (the path is not looked at).
 * Never rejects: an unexpected error is a 500, not an exception in the host's router.
 */
export async function handleStatusRequest(request: Request, access: HandlerAccess): Promise<Response> {
  try {
    switch (request.method.toUpperCase()) {
      case 'GET':
        return json(200, access.status());
      case 'HEAD':
        return new Response(null, { status: 200, headers: jsonHeaders() });
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
  if (text === null) return badRequest(`body over ${MAX_BODY_BYTES} bytes`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return badRequest('body is not JSON');
  }
  const reportedAt = (body as { reportedAt?: unknown } | null)?.reportedAt;
  if (typeof reportedAt !== 'string' || !ISO_DATE_TIME.test(reportedAt)) {
    return badRequest('reportedAt must be an ISO 8601 date-time with an offset');
  }
  const at = Date.parse(reportedAt);
  if (!Number.isFinite(at)) return badRequest('reportedAt is not a valid date');
  if (at > access.now() + MAX_CLOCK_SKEW_MS) return badRequest('reportedAt is in the future');
  access.markReported(at);
  return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
}

/** A content type a browser sends cross-origin only after a CORS preflight (not a "simple request" one). */
export function preflighted(request: Request): boolean {
  const type = (request.headers.get('content-type') || '').split(';')[0].trim().toLowerCase();
  return (
    !!type && type !== 'text/plain' && type !== 'application/x-www-form-urlencoded' && type !== 'multipart/form-data'
  );
}

export function crossSite(request: Request): boolean {
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

/** The body as text, or null once it passes `limit` bytes — read no further, so a huge body costs nothing. */
export async function readText(request: Request, limit: number): Promise<string | null> {
  const declared = Number(request.headers.get('content-length'));
  if (declared > limit) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
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
