import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchGeo } from './geo-fetch';

/**
 * A real geo endpoint on 127.0.0.1: `/late-body` sends its headers at once and its body after 400 ms, `/late` sends
 * nothing for 400 ms, `/ok` answers at once, `/bad` answers with something else. The tests set the time-out around it.
 */
let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    const body = '{"country":"DE","region":"BY"}';
    if (req.url === '/ok') return res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    if (req.url === '/missing') return res.writeHead(404).end('no');
    if (req.url === '/bad') return res.writeHead(200, { 'content-type': 'application/json' }).end('{"where":"?"}');
    if (req.url === '/late-body') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"country":');
      return void setTimeout(() => res.end('"DE"}'), 400);
    }
    setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(body), 400);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const run = async (path: string, timeoutMs: number) => {
  const errors: string[] = [];
  const region = await fetchGeo(fetch, base + path, timeoutMs, (m) => errors.push(m));
  // anything said after the answer was given up on would show up here
  await new Promise((r) => setTimeout(r, 600));
  return { region, errors };
};

describe('fetchGeo', () => {
  it('an answer in time is the region', async () => {
    expect(await run('/ok', 5000)).toEqual({ region: 'DE-BY', errors: [] });
  });
  it('a malformed answer is null, and says what was wrong', async () => {
    const r = await run('/bad', 5000);
    expect(r.region).toBeNull();
    expect(r.errors).toEqual([
      `geoEndpoint ${base}/bad answer is not {"country":"DE","region":"BY"}; falling back to the time zone`,
    ]);
  });
  it('an HTTP error is null, and names the URL and the status', async () => {
    expect(await run('/missing', 5000)).toEqual({
      region: null,
      errors: [`geoEndpoint ${base}/missing answered HTTP 404; falling back to the time zone`],
    });
  });
  it('a network error is null, and names the URL and the problem', async () => {
    const errors: string[] = [];
    const closed = 'http://127.0.0.1:9/geo';
    expect(await fetchGeo(fetch, closed, 5000, (m) => errors.push(m))).toBeNull();
    expect(errors).toEqual([
      expect.stringMatching(/^geoEndpoint http:\/\/127\.0\.0\.1:9\/geo request failed \(.+\); falling back/),
    ]);
  });
  it('headers after the time-out: null, and no claim about the answer', async () => {
    expect(await run('/late', 100)).toEqual({ region: null, errors: [] });
  });
  it('headers in time, body after the time-out: null, and not called malformed', async () => {
    const r = await run('/late-body', 150);
    expect(r.region).toBeNull();
    expect(r.errors.filter((e) => /answer is not/.test(e))).toEqual([]);
  });
});
