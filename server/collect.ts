import { errorMessage } from './error-message';
import { unref } from './unref';

/** The payload `collect()` built, or why there is none. */
export type Collected = { ok: true; payload: object } | { ok: false; error: string };

/**
 * Runs the host's `collect()` without letting it hang, throw or return something unsendable into the reporter.
 * The payload comes back as a JSON round-trip: a snapshot the host cannot mutate later, proven serialisable before
 * it is logged, sent or served.
 */
export async function collectPayload(collect: () => object | Promise<object>, timeoutMs: number): Promise<Collected> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<Collected>((resolve) => {
    const error = `collect() did not settle within ${timeoutMs} ms`;
    timer = unref(setTimeout(() => resolve({ ok: false, error }), timeoutMs));
  });
  const run = (async (): Promise<Collected> => {
    const raw: unknown = await collect();
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      const got = raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw;
      return { ok: false, error: `collect() must return an object, got ${got}` };
    }
    let json: string | undefined;
    try {
      json = JSON.stringify(raw);
    } catch (err) {
      return { ok: false, error: `collect() returned a payload that is not JSON: ${errorMessage(err)}` };
    }
    // A `toJSON()` may turn the object into something else; what is sent must still be an object.
    const payload: unknown = json === undefined ? undefined : JSON.parse(json);
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
      return { ok: false, error: 'collect() returned a payload that does not serialise to a JSON object' };
    }
    return { ok: true, payload };
  })().catch((err: unknown): Collected => ({ ok: false, error: `collect() failed: ${errorMessage(err)}` }));
  try {
    return await Promise.race([run, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
