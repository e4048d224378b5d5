/**
 * Test-only: the status endpoint mounted in each framework the README shows, each with its usual body parsing in
 * place, on a real HTTP server on 127.0.0.1. The glue inside each `start` is the README's, line for line.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import bodyParser from '@koa/bodyparser';
import Router from '@koa/router';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import Koa from 'koa';
import type { FetchHandler } from '../types';
import { toFastifyHandler } from './fastify';
import { toKoaMiddleware } from './koa';
import { toNodeListener } from './node';

export const PATH = '/api/telemetry/status';

export interface Mounted {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export interface Mount {
  name: string;
  /** False where the runtime, not the adapter, builds the Request (Hono, Fetch-style): no X-Forwarded-* reading. */
  adapter: boolean;
  start(handler: FetchHandler): Promise<Mounted>;
  /**
   * Where the framework itself logs a client that went away mid-body, on every route and whatever the handler:
   * Express's final handler logs body-parser's "request aborted" with its stack; Koa logs the socket error of any
   * aborted request (`app.silent` turns that off). Not the adapter's doing, and the test tells the two apart.
   */
  logsAbortsItself?: (contentType: string) => boolean;
}

async function listening(server: Server): Promise<Mounted> {
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${PATH}`,
    server,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** @hono/node-server: the runtime that turns Node's request into a `Request` for a Fetch-style handler. */
function honoServe(fetch: (request: Request) => Response | Promise<Response>): Promise<Mounted> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(listening(server as Server)));
  });
}

export const mounts: Mount[] = [
  {
    name: 'node:http',
    adapter: true,
    start: (handler) => {
      const status = toNodeListener(handler);
      return listening(
        createServer((req, res) => (req.url?.startsWith(PATH) ? status(req, res) : res.writeHead(404).end())),
      );
    },
  },
  {
    name: 'Express 5 with express.json()',
    adapter: true,
    logsAbortsItself: (type) => type === 'application/json',
    start: (handler) => {
      const app = express();
      app.set('env', 'production'); // what a deployed app runs with: Express logs errors with their stack then
      app.use(express.json());
      app.use(PATH, toNodeListener(handler));
      return listening(createServer(app));
    },
  },
  {
    name: 'Fastify 5',
    adapter: true,
    start: async (handler) => {
      const app = Fastify();
      app.all(PATH, toFastifyHandler(handler));
      await app.listen({ port: 0, host: '127.0.0.1' });
      return listening(app.server);
    },
  },
  {
    name: 'Koa 3 with @koa/bodyparser',
    adapter: true,
    logsAbortsItself: () => true,
    start: (handler) => {
      const app = new Koa();
      const router = new Router();
      app.use(bodyParser());
      router.all(PATH, toKoaMiddleware(handler));
      app.use(router.routes());
      return listening(createServer(app.callback()));
    },
  },
  {
    name: 'Hono on Node (@hono/node-server)',
    adapter: false,
    start: (handler) => {
      const app = new Hono();
      app.all(PATH, (c) => handler.handle(c.req.raw));
      return honoServe(app.fetch);
    },
  },
  {
    name: 'a Fetch-style handler (Next.js App Router, Deno.serve, Bun.serve shape)',
    adapter: false,
    start: (handler) => honoServe(handler.handle),
  },
];
