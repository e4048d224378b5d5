/**
 * Test-only: a real HTTP collector on 127.0.0.1 that records what reporters POST and answers as told.
 * Not exported from the package.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the collector received it. */
export interface Received {
  method: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** An HTTP status to answer with (and headers, such as Retry-After), or `'hang'` to never answer. */
export type Answer = number | { status: number; headers: Record<string, string> } | 'hang';

export interface Collector {
  url: string;
  requests: Received[];
  /** Answers for the next requests, in order; once used up every request gets 200. */
  answers: Answer[];
  /** Resolves once `n` requests have arrived; rejects after `timeoutMs`. */
  waitFor(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startCollector(): Promise<Collector> {
  const requests: Received[] = [];
  const answers: Answer[] = [];
  const waiters: (() => void)[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      waiters.splice(0).forEach((wake) => wake());
      const answer = answers.shift() ?? 200;
      if (answer === 'hang') return;
      const { status, headers } = typeof answer === 'number' ? { status: answer, headers: {} } : answer;
      res.writeHead(status, headers);
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/report`,
    requests,
    answers,
    async waitFor(n, timeoutMs = 2000) {
      const deadline = Date.now() + timeoutMs;
      while (requests.length < n) {
        if (Date.now() > deadline) throw new Error(`collector: expected ${n} requests, got ${requests.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 20);
        });
      }
    },
    close() {
      // Hanging requests would keep close() waiting forever.
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A log that keeps its lines, for asserting on the disclosure and the per-report lines. */
export function memoryLog() {
  const lines: { level: 'info' | 'error'; message: string }[] = [];
  return {
    lines,
    info: (message: string) => void lines.push({ level: 'info', message }),
    error: (message: string) => void lines.push({ level: 'error', message }),
    of: (level: 'info' | 'error') => lines.filter((line) => line.level === level).map((line) => line.message),
  };
}

/** Sleeps a few real milliseconds; the schedule tests use intervals of tens of ms. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
