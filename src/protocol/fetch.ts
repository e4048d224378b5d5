/**
 * The parts of `fetch` the senders use, as a structural type: the global `fetch` of Node, Deno, Bun and browsers
 * fits, and so does undici's `fetch` (whose Request and Response are its own classes), without a cast.
 */
export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
  redirect?: 'manual' | 'follow' | 'error';
}

/** The parts of a `Response` the senders read. */
export interface FetchAnswer {
  status: number;
  headers: { get(name: string): string | null };
  body?: { cancel(): Promise<void> } | null;
}

export type FetchLike = (url: string, init: FetchInit) => Promise<FetchAnswer>;

/** The answer, or why there is none; never rejects. */
export type Fetched<R> = { ok: true; response: R } | { ok: false; timedOut: boolean; error: unknown };

/**
 * Runs one request with a time-out that covers all `send` does (the exchange up to the status line, and the body
 * too where `send` reads it). `send` receives the signal to pass on, so any fetch shape (a browser's `keepalive`, a
 * server's proxy-aware one) goes through here. At `timeoutMs` the signal is aborted and the result is a time-out
 * even if `send` ignores the signal: a caller waits no longer than it asked, and what `send` finds later is unheard.
 * The timer is `unref()`ed where the runtime has that (Node, Bun): a report in flight never keeps a process alive.
 */
export async function fetchWithTimeout<R>(
  send: (signal: AbortSignal) => Promise<R>,
  timeoutMs: number,
): Promise<Fetched<R>> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<Fetched<R>>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({ ok: false, timedOut: true, error: controller.signal.reason });
    }, timeoutMs);
    (timer as { unref?: () => void }).unref?.();
  });
  const answer = send(controller.signal).then(
    (response): Fetched<R> => ({ ok: true, response }),
    (error: unknown): Fetched<R> => ({ ok: false, timedOut: controller.signal.aborted, error }),
  );
  try {
    return await Promise.race([answer, late]);
  } finally {
    clearTimeout(timer);
  }
}
