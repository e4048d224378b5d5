import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/**
 * A static server on 127.0.0.1 (a free port), uncompressed, no caching headers:
 *   /<id>.html, /<id>.returning.html  the subjects' pages (from memory)
 *   /bench/*                          bench/static
 *   /nm/<package>/*                   node_modules, only the packages listed
 *   /collect                          POST sink for the telemetry endpoint (counts what it gets)
 *   /*                                dist/ (our script and whatever it loads beside itself)
 */
export async function startServer({ root, pages, packages }) {
  const dist = resolve(root, 'dist');
  const statics = resolve(root, 'bench/static');
  const nm = resolve(root, 'node_modules');
  const collected = [];

  const inside = (base, rel) => {
    const p = normalize(join(base, rel));
    return p === base || p.startsWith(base + sep) ? p : null;
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const path = decodeURIComponent(url.pathname);
    const send = (status, body, type) => {
      res.writeHead(status, { 'content-type': type || 'text/plain', 'cache-control': 'no-store' });
      res.end(body);
    };
    try {
      if (path === '/collect') {
        let body = '';
        for await (const chunk of req) body += chunk;
        collected.push({ method: req.method, body });
        return send(204, '');
      }
      if (pages.has(path)) return send(200, pages.get(path), TYPES['.html']);
      let file = null;
      if (path.startsWith('/bench/')) file = inside(statics, path.slice('/bench/'.length));
      else if (path.startsWith('/nm/')) {
        const pkg = path.split('/')[2];
        if (packages.includes(pkg)) file = inside(nm, path.slice('/nm/'.length));
      } else file = inside(dist, path.slice(1));
      if (!file) return send(404, 'not found');
      const body = await readFile(file);
      return send(200, body, TYPES[extname(file)] || 'application/octet-stream');
    } catch (e) {
      return send(e.code === 'ENOENT' || e.code === 'EISDIR' ? 404 : 500, String(e.message));
    }
  });
  await new Promise((ok, fail) => server.once('error', fail).listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    collected,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}
