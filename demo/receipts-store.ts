import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { createReceiptHandler } from '../server/receipts';
import { type ConsentStore, createConsentStore } from '../server/store/create-store';

/**
 * The demo collector's consent records: the package's own store (PGlite under demo/.data/; a test run, which sets
 * PORT, has its own directory: one process per PGlite directory) and
 * receipts endpoint. The store is opened at once in the background: a new PGlite directory takes seconds (initdb
 * in WebAssembly), and the first receipt should not wait for that if it can help it.
 */
export function createDemoReceipts(root: string, port: string | undefined) {
  const opening: Promise<ConsentStore | null> = createConsentStore({
    dir: join(root, 'demo', '.data', port ? 'pglite-test' : 'pglite'),
  }).catch((err: Error) => {
    console.error(`demo: the consent store could not be opened: ${err.message}`);
    return null;
  });
  const handler = opening.then((store) => store && createReceiptHandler({ store, cookie: { name: 'consent_relay' } }));

  return {
    /** Serves POST and GET of the receipts endpoint from a Node request whose body was already read. */
    async serve(req: IncomingMessage, res: ServerResponse, url: URL, body: string | null) {
      const h = await handler;
      if (!h) return void res.writeHead(503, { 'retry-after': '30' }).end('{"error":"no store"}');
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
      const response = await h.handle(
        new Request(`http://${req.headers.host || 'demo.local'}${url.pathname}${url.search}`, {
          method: req.method,
          headers,
          body,
        }),
      );
      const out: Record<string, string> = {};
      response.headers.forEach((v, k) => (out[k] = v));
      res.writeHead(response.status, out);
      res.end(Buffer.from(await response.arrayBuffer()));
    },
    /** The latest stored receipts, newest first, for the collector page. */
    async latest(limit = 50) {
      const store = await opening;
      if (!store) return [];
      const rows = [];
      for await (const r of store.exportReceipts()) rows.push(r);
      return rows.slice(-limit).reverse();
    },
  };
}
