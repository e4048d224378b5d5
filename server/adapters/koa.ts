import type { FetchHandler } from '../types';
import { answer } from './respond';
import type { NodeRequestLike } from './to-request';

const nodeBuffer = (globalThis as unknown as { Buffer: { from(bytes: Uint8Array): Uint8Array } }).Buffer;

/** The parts of a Koa context the adapter reads and writes. */
export interface KoaContextLike {
  req: NodeRequestLike;
  /** `@koa/bodyparser` (and koa-body) put the parsed body here, and the exact text in `rawBody`. */
  request: { body?: unknown; rawBody?: string };
  status: number;
  body: unknown;
  set(name: string, value: string | string[]): void;
}

/**
 * Koa middleware for any `{ handle(request) }`, with `@koa/bodyparser` in place: the text it read (`rawBody`) is
 * handed on as it was; a body it did not parse (`text/plain`, say) is streamed. Mount it on a route.
 *
 * @example
 * router.all('/api/telemetry/status', toKoaMiddleware(reporter));
 */
export function toKoaMiddleware(
  handler: FetchHandler,
  options: { forwarded?: boolean } = {},
): (ctx: KoaContextLike) => Promise<void> {
  return async (ctx) => {
    const parsed = { value: ctx.request.body, raw: ctx.request.rawBody };
    const result = await answer(handler, ctx.req, { parsed, forwarded: options.forwarded });
    if (!result) return;
    ctx.status = result.status;
    for (const [name, value] of result.headers) ctx.set(name, value);
    // Koa: a null body on a 2xx turns it into 204, so only a real body is set (HEAD and 204 have none).
    // Koa treats a plain Uint8Array as an object to serialise; a Buffer (Koa runs on Node) is sent as bytes.
    if (result.body) ctx.body = nodeBuffer.from(result.body);
  };
}
