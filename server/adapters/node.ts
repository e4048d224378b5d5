import type { FetchHandler } from '../types';
import { answer } from './respond';
import type { NodeRequestLike } from './to-request';

/** The parts of Node's `ServerResponse` that {@link toNodeListener} writes. */
export interface NodeResponseLike {
  statusCode: number;
  headersSent?: boolean;
  setHeader(name: string, value: string | string[]): unknown;
  end(chunk?: Uint8Array): unknown;
}

/** A listener for `http.createServer`, or middleware for Express and Connect (`next` receives unexpected errors). */
export type NodeListener = (req: NodeRequestLike, res: NodeResponseLike, next?: (err?: unknown) => void) => void;

export interface NodeListenerOptions {
  /** Judge the origin from `X-Forwarded-Host`/`-Proto` (see README "Server half"). Default true. */
  forwarded?: boolean;
}

/**
 * Serves any `{ handle(request) }` (the reporter, a receipts handler) from Node's http module, Express or Connect, at
 * whatever path it is mounted. A body that Express's `express.json()`/`text()`/`raw()`/`urlencoded()` already read
 * is rebuilt from `req.body`; otherwise it is streamed to the handler.
 *
 * @example
 * app.use('/api/telemetry/status', requireAdmin, toNodeListener(reporter));
 */
export function toNodeListener(handler: FetchHandler, options: NodeListenerOptions = {}): NodeListener {
  return (req, res, next) => {
    answer(handler, req, { parsed: { value: req.body }, forwarded: options.forwarded }).then(
      (result) => {
        if (!result || res.headersSent) return;
        res.statusCode = result.status;
        for (const [name, value] of result.headers) res.setHeader(name, value);
        res.end(result.body ?? undefined);
      },
      (err: unknown) => {
        if (next) return next(err);
        if (res.headersSent) return;
        res.statusCode = 500;
        res.end();
      },
    );
  };
}
