import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { fetch as undiciFetch } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServerReporter } from './reporter';
import { type Collector, memoryLog, startCollector } from './test-collector';

/** A real forward proxy on 127.0.0.1: CONNECT tunnels and absolute-URI requests, each one recorded. */
async function startProxy() {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const upstream = httpRequest(req.url!, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  server.on('connect', (req, socket, head) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let collector: Collector;
let proxy: Awaited<ReturnType<typeof startProxy>>;
const saved = process.env.HTTP_PROXY;

beforeEach(async () => {
  collector = await startCollector();
  proxy = await startProxy();
});

afterEach(async () => {
  if (saved === undefined) delete process.env.HTTP_PROXY;
  else process.env.HTTP_PROXY = saved;
  await proxy.close();
  await collector.close();
});

const make = (env?: Record<string, string>, fetch?: typeof undiciFetch) => {
  const log = memoryLog();
  const reporter = createServerReporter({ endpoint: collector.url, collect: () => ({ nodes: 3 }), log, env, fetch });
  return { reporter, log };
};

describe('HTTPS_PROXY / HTTP_PROXY / NO_PROXY in Node (undici EnvHttpProxyAgent)', () => {
  it('sends through the proxy named in HTTP_PROXY of the process environment', async () => {
    process.env.HTTP_PROXY = proxy.url;
    const { reporter, log } = make();
    await expect(reporter.reportNow()).resolves.toEqual({ ok: true, status: 200 });
    expect(proxy.seen).toHaveLength(1);
    expect(proxy.seen[0]).toMatch(new RegExp(`${new URL(collector.url).host}`));
    expect(collector.requests).toHaveLength(1);
    expect(log.of('info')[0]).toBe(
      `consent-relay/server: reports go through the proxy in HTTP_PROXY (${proxy.url}), NO_PROXY honoured`,
    );
  });

  it('leaves a host listed in NO_PROXY alone', async () => {
    const { reporter } = make({ HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' });
    await expect(reporter.reportNow()).resolves.toEqual({ ok: true, status: 200 });
    expect(proxy.seen).toEqual([]);
    expect(collector.requests).toHaveLength(1);
  });

  it('goes direct without a proxy variable', async () => {
    const { reporter, log } = make({});
    await expect(reporter.reportNow()).resolves.toEqual({ ok: true, status: 200 });
    expect(proxy.seen).toEqual([]);
    expect(log.of('info').some((line) => line.includes('proxy'))).toBe(false);
  });

  it('a proxy that cannot be reached is a failed, retried attempt, not an exception', async () => {
    const { reporter } = make({ HTTP_PROXY: 'http://127.0.0.1:9' });
    const result = await reporter.reportNow();
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/^network error/);
    expect(collector.requests).toHaveLength(0);
  });

  it("takes undici's own fetch as the fetch option (no cast; it then decides the proxy itself)", async () => {
    const { reporter } = make({ HTTP_PROXY: proxy.url }, undiciFetch);
    await expect(reporter.reportNow()).resolves.toEqual({ ok: true, status: 200 });
    expect(collector.requests).toHaveLength(1);
  });
});
