import { MAX_BODY_BYTES } from './handler';
import type { ServerReporter } from './types';

/**
 * The parts of Node's `IncomingMessage` that {@link toNodeListener} reads; Express and Connect requests are ones.
 * Declared here rather than imported from `node:http` so the types hold in Deno, Bun and workers too.
 */
export interface NodeRequestLike extends AsyncIterable<Uint8Array | string> {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
  /** True once something (a body parser) has read the stream. */
  readableEnded?: boolean;
  /** What an Express/Connect body parser made of the stream it read. */
  body?: unknown;
}

/** The parts of Node's `ServerResponse` that {@link toNodeListener} writes. */
export interface NodeResponseLike {
  statusCode: number;
  headersSent?: boolean;
  setHeader(name: string, value: string | string[]): unknown;
  end(chunk?: Uint8Array): unknown;
}

/** A listener for `http.createServer`, or middleware for Express and Connect (`next` receives unexpected errors). */
export type NodeListener = (req: NodeRequestLike, res: NodeResponseLike, next?: (err?: unknown) => void) => void;

/**
 * Serves `reporter.handle` from Node's http module, Express or Connect, at whatever path it is mounted:
 * converts the request to a standard `Request` (reading at most a few KiB of body), writes the `Response` back.
 *
 * @example
 * app.use('/api/telemetry-status', requireAdmin, toNodeListener(reporter));
 */
export function toNodeListener(reporter: Pick<ServerReporter, 'handle'>): NodeListener {
  return (req, res, next) => {
    serve(reporter, req, res).catch((err: unknown) => {
      if (next) return next(err);
      if (res.headersSent) return;
      res.statusCode = 500;
      res.end();
    });
  };
}

async function serve(reporter: Pick<ServerReporter, 'handle'>, req: NodeRequestLike, res: NodeResponseLike) {
  const method = (req.method ?? 'GET').toUpperCase();
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    // HTTP/2 pseudo-headers (`:path`) are not valid names for `Headers`; nothing here needs them.
    if (value === undefined || name.startsWith(':')) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const body = method === 'GET' || method === 'HEAD' ? null : await readBody(req, MAX_BODY_BYTES);
  // `handle` ignores the URL; a fixed origin keeps an odd Host header or `//x` path from breaking the Request.
  const request = new Request('http://localhost/', { method, headers, body });
  const response = await reporter.handle(request);
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    res.setHeader(name, value);
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  res.end(bytes.byteLength > 0 ? bytes : undefined);
}

/**
 * The body, cut at `limit + 1` bytes so `handle` still sees it is too large. The rest is drained, not kept: memory
 * stays bounded, and the socket stays usable for the 400 (destroying the request would reset the connection).
 */
async function readBody(req: NodeRequestLike, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  if (req.readableEnded) return parsedBody(req.body);
  const out = new Uint8Array(limit + 1);
  let size = 0;
  for await (const chunk of req) {
    if (size > limit) continue;
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    const take = Math.min(bytes.byteLength, limit + 1 - size);
    out.set(bytes.subarray(0, take), size);
    size += take;
  }
  return out.subarray(0, size);
}

/** A body a parser already read (`express.json()`, `express.text()`, `express.raw()`): its bytes, rebuilt. */
function parsedBody(body: unknown): Uint8Array<ArrayBuffer> {
  if (body === undefined) return new Uint8Array(0);
  if (body instanceof Uint8Array) return new Uint8Array(body);
  return new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body));
}
