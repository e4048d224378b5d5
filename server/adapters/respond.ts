import type { FetchHandler } from '../types';
import { type Built, type NodeRequestLike, type ParsedBody, toRequest } from './to-request';

/** What an adapter writes back: status, headers (`set-cookie` as a list), and the body's bytes. */
export interface Answer {
  status: number;
  headers: [string, string | string[]][];
  body: Uint8Array | null;
}

/**
 * Runs a handler on a Node request and returns what to write, or null when there is no one to answer: the client
 * went away mid-body, which is routine on the internet and not an error (no `next(err)`, no stack trace per abort).
 * Methods a `Request` cannot carry (TRACE) are a 405 here, with the handler's own `Allow` when it says.
 */
export async function answer(
  handler: FetchHandler,
  req: NodeRequestLike,
  options: { parsed?: ParsedBody; forwarded?: boolean },
): Promise<Answer | null> {
  const built: Built = toRequest(req, options);
  if (!built.ok) {
    const headers: Answer['headers'] = [
      ['content-type', 'application/json; charset=utf-8'],
      ['cache-control', 'no-store'],
    ];
    if (typeof handler.allow === 'string') headers.push(['allow', handler.allow]);
    const body = new TextEncoder().encode(JSON.stringify({ error: `method ${built.method} not allowed` }));
    return { status: 405, headers, body };
  }
  let response: Response;
  try {
    response = await handler.handle(built.request);
  } catch (err) {
    if (built.aborted()) return null;
    throw err;
  }
  if (built.aborted()) return null;
  const headers: Answer['headers'] = [];
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers.push([name, value]);
  });
  // Headers.getSetCookie() came with Node 18.14 (and undici 5.19); before it, the one cookie our handlers set.
  const headerBag = response.headers as Headers & { getSetCookie?: () => string[] };
  const single = response.headers.get('set-cookie');
  const cookies = headerBag.getSetCookie ? headerBag.getSetCookie() : single ? [single] : [];
  if (cookies.length > 0) headers.push(['set-cookie', cookies]);
  const bytes = response.body ? new Uint8Array(await response.arrayBuffer()) : null;
  return { status: response.status, headers, body: bytes && bytes.byteLength > 0 ? bytes : null };
}
