import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServerReporter, type ServerReporter, toNodeListener } from '../server/index';

/** The simulated firewall between the application server and the vendor's endpoint. */
export type Firewall = 'reachable' | 'blocked' | '500' | 'slow';
const MODES: readonly Firewall[] = ['reachable', 'blocked', '500', 'slow'];

interface Instance {
  reporter: ServerReporter;
  firewall: Firewall;
}

/**
 * The application server's half (consent-relay/server), as a self-managed product would run it, reporting to the
 * demo's real collector through a switchable firewall. Tests get their own instance by namespace (`?ns=`), so they
 * can run in parallel; the demo page uses the default one.
 */
export function createServerHalf(opts: { collectorUrl: () => string; intervalMs: number; timeoutMs: number }) {
  const instances = new Map<string, Instance>();
  const get = (ns: string): Instance => {
    let inst = instances.get(ns);
    if (inst) return inst;
    const firewalled: typeof fetch = async (input, init) => {
      switch (inst!.firewall) {
        case 'blocked':
          throw new TypeError('connect ECONNREFUSED (simulated firewall)');
        case '500':
          return new Response('simulated failure', { status: 500 });
        case 'slow':
          await new Promise((r) => setTimeout(r, opts.timeoutMs + 1000));
          return fetch(input, init);
        default:
          return fetch(input, init);
      }
    };
    inst = {
      firewall: 'reachable',
      reporter: createServerReporter({
        endpoint: opts.collectorUrl() + '?t=' + encodeURIComponent('server:' + ns),
        collect: () => ({
          product: 'acme-observability',
          version: '9.9.9',
          nodes: 3,
          features: { dashboards: 12, alerts: 4 },
        }),
        initialDelayMs: opts.intervalMs,
        intervalMs: opts.intervalMs,
        timeoutMs: opts.timeoutMs,
        fetch: firewalled,
        log: { info: () => {}, error: () => {} },
      }),
    };
    instances.set(ns, inst);
    if (ns === 'demo') inst.reporter.start();
    return inst;
  };

  /** /api/server/status (the serverStatusUrl), /api/server/firewall?mode=, /api/server/report (reportNow). */
  return async (req: IncomingMessage, res: ServerResponse, path: string, q: URLSearchParams) => {
    const ns = q.get('ns') || 'demo';
    const inst = get(ns);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    if (path === '/api/server/status') return toNodeListener(inst.reporter)(req, res);
    if (path === '/api/server/firewall') {
      const mode = q.get('mode') as Firewall | null;
      if (req.method === 'POST') {
        if (!mode || !MODES.includes(mode)) return json(400, { error: `mode must be one of ${MODES.join(', ')}` });
        inst.firewall = mode;
      }
      return json(200, { firewall: inst.firewall, status: inst.reporter.status() });
    }
    if (path === '/api/server/report' && req.method === 'POST') return json(200, await inst.reporter.reportNow());
    return json(404, { error: 'unknown server-half route' });
  };
}
