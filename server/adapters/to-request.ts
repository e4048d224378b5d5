/**
 * A standard `Request` from a Node request (node:http, Express, Connect, Fastify's `request.raw`, Koa's `ctx.req`),
 * for any `{ handle(request) }`. The body is streamed, not buffered: the handler reads as much as it allows and
 * cancelling stops the adapter (a 10 MB upload costs no more memory than the handler's own limit). When a framework's
 * body parser already read the stream, the body is rebuilt from what it parsed.
 */

/**
 * The parts of Node's `IncomingMessage` the adapters read; Express, Connect, Fastify (`request.raw`) and Koa
 * (`ctx.req`) requests are ones. Declared here, not imported from `node:http`, so the types hold in Deno, Bun and
 * projects without `@types/node`.
 */
export interface NodeRequestLike {
  method?: string;
  url?: string;
  /** Express and Connect: the URL before the mount path was cut off. */
  originalUrl?: string;
  headers: Record<string, string | string[] | undefined>;
  /** A TLS socket has `encrypted: true`. */
  socket?: object | null;
  /** True once something (a body parser) has read the stream to its end. */
  readableEnded?: boolean;
  /** True once the whole body has arrived. */
  complete?: boolean;
  /** What an Express/Connect body parser made of the stream it read. */
  body?: unknown;
  on(event: string, listener: (...args: any[]) => void): unknown;
  pause(): unknown;
  resume(): unknown;
  destroy(): unknown;
}

/** What a framework's body parser left: the parsed value, and the exact text where it kept it (Koa's `rawBody`). */
export interface ParsedBody {
  value: unknown;
  raw?: string;
}

export interface ToRequestOptions {
  /**
   * Judge the request's origin from `X-Forwarded-Host`/`-Proto` when present (behind a reverse proxy). Safe for the
   * status endpoint's same-origin check: a browser cannot add these headers to a cross-site request without a CORS
   * preflight, and a client that is not a browser can forge `Origin` anyway. Default true.
   */
  forwarded?: boolean;
  /** The framework's parsed body, used only when the parser consumed the stream. */
  parsed?: ParsedBody;
}

/** Methods a `Request` refuses to carry (Fetch standard, "forbidden method"): the adapter answers them 405 itself. */
const FORBIDDEN_METHOD = /^(?:CONNECT|TRACE|TRACK)$/i;

/** After a handler stopped reading, at most this much more is read and dropped so the answer can still be sent. */
const DRAIN_LIMIT = 16 * 1024 * 1024;

export type Built = { ok: true; request: Request; aborted: () => boolean } | { ok: false; method: string };

export function toRequest(req: NodeRequestLike, options: ToRequestOptions = {}): Built {
  const method = (req.method ?? 'GET').toUpperCase();
  if (FORBIDDEN_METHOD.test(method)) return { ok: false, method };
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    // HTTP/2 pseudo-headers (`:path`) are not valid names for `Headers`.
    if (value === undefined || name.startsWith(':')) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  let aborted = false;
  let body: BodyInit | null = null;
  if (method !== 'GET' && method !== 'HEAD') {
    if (req.readableEnded) {
      const parsed = options.parsed;
      const left = parsed && (parsed.value !== undefined || parsed.raw !== undefined);
      const declared = Number(headers.get('content-length')) > 0 || headers.has('transfer-encoding');
      body = left ? rebuild(parsed, headers.get('content-type')) : declared ? consumed() : new Uint8Array(0);
      // The parser may have decoded or re-encoded it: the original length no longer describes these bytes.
      headers.delete('content-length');
      headers.delete('transfer-encoding');
    } else {
      body = stream(req, () => {
        aborted = true;
      });
    }
  }
  const init: RequestInit & { duplex?: 'half' } = { method, headers, body };
  if (body instanceof ReadableStream) init.duplex = 'half'; // required by Node's fetch for a streamed body
  return { ok: true, request: new Request(url(req, headers, options.forwarded ?? true), init), aborted: () => aborted };
}

/** The request's own URL: the real host (not `localhost`), so a same-origin `Origin` is recognised as such. */
function url(req: NodeRequestLike, headers: Headers, forwarded: boolean): string {
  const first = (name: string) => headers.get(name)?.split(',')[0].trim() || null;
  const proxyProto = forwarded ? first('x-forwarded-proto') : null;
  const proto =
    proxyProto === 'https' || proxyProto === 'http'
      ? proxyProto
      : (req.socket as { encrypted?: boolean } | null)?.encrypted
        ? 'https'
        : 'http';
  const authority = req.headers[':authority'];
  const host =
    (forwarded && first('x-forwarded-host')) || headers.get('host') || (typeof authority === 'string' ? authority : '');
  const path = req.originalUrl ?? req.url ?? '/';
  for (const candidate of [`${proto}://${host}${path}`, `${proto}://${host}/`, `http://localhost${path}`]) {
    try {
      return new URL(candidate).href;
    } catch {
      // An odd Host header or path: try a plainer URL.
    }
  }
  return 'http://localhost/';
}

/** A parsed body as bytes again: raw text where the parser kept it, else re-encoded by its content type. */
function rebuild(parsed: ParsedBody, contentType: string | null): Uint8Array<ArrayBuffer> {
  const { value, raw } = parsed;
  if (typeof raw === 'string') return new TextEncoder().encode(raw);
  if (value === undefined || value === null) return new Uint8Array(0);
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (typeof value === 'string') return new TextEncoder().encode(value);
  const form = (contentType ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
  const text = form
    ? new URLSearchParams(Object.entries(value as object).map(([k, v]) => [k, String(v)])).toString()
    : JSON.stringify(value);
  return new TextEncoder().encode(text);
}

/**
 * A body something else read before the adapter and left nowhere it looks (Koa's `@koa/bodyparser` keeps it on
 * `ctx.request.body`, which `toNodeListener` never sees). Read, it fails, so the handler answers 400 "could not be
 * read" rather than misreading it as empty; the console says why and what to mount instead. A handler that does not
 * read it (a 405) is not bothered.
 */
function consumed(): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      console.error(
        'consent-relay/server: the request body was already read by a body parser and not left on req.body; ' +
          'in Koa mount toKoaMiddleware(handler) (or use bodyParser({ patchNode: true })), in Express and Connect ' +
          'mount toNodeListener(handler) after ' +
          'express.json() or with no body parser before it',
      );
      controller.error(new Error('the request body was already read by another middleware'));
    },
  });
}

/**
 * The Node stream as a web stream with back-pressure. A client that goes away mid-body errors the stream (the
 * handler sees an unreadable body, nothing is thrown into the framework). When the handler cancels (it has read
 * enough), the rest is read and dropped up to {@link DRAIN_LIMIT}, so the socket stays usable for the 413.
 */
function stream(req: NodeRequestLike, onAbort: () => void): ReadableStream<Uint8Array> {
  let settled = false;
  let cancelled = false;
  let drained = 0;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on('data', (chunk: Uint8Array | string) => {
          const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
          if (cancelled) {
            drained += bytes.byteLength;
            if (drained > DRAIN_LIMIT) req.destroy();
            return;
          }
          if (settled) return;
          controller.enqueue(new Uint8Array(bytes));
          if ((controller.desiredSize ?? 1) <= 0) req.pause();
        });
        req.on('end', () => {
          if (settled) return;
          settled = true;
          controller.close();
        });
        const fail = () => {
          if (req.complete) return;
          onAbort();
          if (settled) return;
          settled = true;
          controller.error(new Error('the client closed the request before its body ended'));
        };
        req.on('aborted', fail);
        req.on('close', fail);
        req.on('error', fail);
      },
      pull() {
        req.resume();
      },
      cancel() {
        cancelled = settled = true;
        req.resume();
      },
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );
}
