import { randomId } from '../lib/random-id';
import { fetchWithTimeout } from '../protocol/fetch';
import type { KeyValueStore } from '../storage/idb';
import { type ConsentReceipt, sendReceipt } from './receipt';

/** IndexedDB key of the receipts state. Stored key: never rename. */
export const RECEIPTS_KEY = 'receipts';
/** A receipt POST or a download that has no answer by then has failed (the POST's receipt waits for later). */
export const RECEIPT_TIMEOUT_MS = 15_000;

interface Outbox {
  /** this device's consent id */
  v?: string;
  /** visitor → key the server gave at their first receipt */
  k: Record<string, string>;
  /** visitor → the id that replaced it (the server no longer knew this device's key) */
  m: Record<string, string>;
  /** receipts not yet accepted, oldest first */
  q: ConsentReceipt[];
}

export interface Receipts {
  /** The visitor's consent id: `known` (the record's) as it now stands, else this device's, else a new one. */
  visitor(known?: string): Promise<string>;
  /** Keep the receipt, then send what is waiting, in order. */
  send(receipt: ConsentReceipt): Promise<void>;
  /** Send what is waiting (a later visit after a failure). */
  flush(): Promise<void>;
  /**
   * Where this device holds the visitor's key (known once the outbox is loaded: after visitor() or flush()): the URL
   * of their own receipts (docs/SPEC.md §7) and the request for them, with the key as `Authorization: Bearer` (never
   * in the URL, where it would end up in logs). The key itself never leaves this module.
   */
  mine(visitor?: string): { url: string; get(): Promise<Response> } | undefined;
}

/**
 * `fetch` that gives up after RECEIPT_TIMEOUT_MS: a POST hanging on a dead connection would hold the queue forever.
 * The one fetch-with-time-out of both halves (src/protocol/fetch.ts), as every other request of the drop-in uses; a
 * time-out rejects like a network error, and the receipt waits for later.
 */
export const timed =
  (fetchFn: typeof fetch): typeof fetch =>
  (url, init) =>
    fetchWithTimeout((signal) => fetchFn(url, { ...init, signal }), RECEIPT_TIMEOUT_MS).then((f) =>
      f.ok ? f.response : Promise.reject(f.timedOut ? new Error(`no answer in ${RECEIPT_TIMEOUT_MS} ms`) : f.error),
    );

/**
 * Receipts kept in IndexedDB until the server accepted them, sent in order one at a time, and the visitor's key.
 * Ids are idempotency keys: a receipt sent twice (a lost answer, two tabs) is stored once. A receipt that cannot be
 * delivered now (network, 5xx, 429) waits for the next visit or decision; one the server refuses is reported, dropped.
 * A little past the house limit: the queue, the visitor's keys and the one running flush are shared by every method.
 */
export function createReceipts(
  fetchFn: typeof fetch,
  kv: KeyValueStore,
  endpoint: string,
  onError: (msg: string) => void,
): Receipts {
  const post = timed(fetchFn);
  // The working copy; IndexedDB keeps it across visits. Every change goes to both (a reset() deletes the database
  // while a withdrawal still needs the key).
  let mem: Outbox = { k: {}, m: {}, q: [] };
  let loaded: Promise<unknown> | undefined;
  let running: Promise<void> | undefined;
  const load = () =>
    (loaded ||= kv.get<Outbox>(RECEIPTS_KEY).then((s) => {
      if (s && Array.isArray(s.q)) mem = { v: s.v, k: s.k || {}, m: s.m || {}, q: s.q };
    }));
  const change = (fn: (s: Outbox) => Outbox) => {
    mem = fn(mem);
    return kv.update<Outbox>(RECEIPTS_KEY, (s) => (s && Array.isArray(s.q) ? fn(s) : mem));
  };

  const run = async () => {
    await load();
    for (let r: ConsentReceipt | undefined; (r = mem.q[0]); ) {
      const old = r.visitor!;
      const vis = mem.m[old] || old;
      const res = await sendReceipt(post, endpoint, { ...r, visitor: vis }, mem.k[vis]);
      const s = res.status;
      if (s === 403 && !mem.m[old]) {
        // The server has receipts for this id but this device lost its key (Safari deletes script-written storage
        // after 7 days without a visit; the server-set cookie outlives it): go on under a new consent id.
        const id = randomId();
        await change((o) => ({ ...o, v: o.v === old ? id : o.v, m: { ...o.m, [old]: id } }));
        continue;
      }
      if (!res.ok && (!s || s >= 500 || s === 408 || s === 429)) {
        onError(`receiptEndpoint did not accept the consent receipt (${s || res.error}); kept for later`);
        return;
      }
      if (!res.ok) onError(`receiptEndpoint refused the consent receipt (${s})`);
      const reset = r.method === 'reset';
      await change((o) => {
        const k = { ...o.k };
        if (res.key) k[vis] = res.key;
        // A withdrawal (reset) is the last of this consent id: its key is forgotten with it.
        if (reset) delete k[vis];
        return { ...o, k, v: reset && o.v === vis ? undefined : o.v, q: o.q.filter((x) => x.id !== r!.id) };
      });
      // reset() forgets everything on this device: once its withdrawal is delivered, nothing of ours stays, not even
      // the database the queue had to re-create (unless a decision made since is in it).
      if (reset && !mem.q.length && !mem.v) {
        mem = { k: {}, m: {}, q: [] };
        await kv.del(RECEIPTS_KEY);
        await kv.dropIfEmpty();
      }
    }
  };
  const flush = () =>
    (running ||= run().finally(() => {
      running = undefined;
    }));

  return {
    async visitor(known) {
      await load();
      if (known) return mem.m[known] || known;
      if (!mem.v) {
        const v = randomId();
        await change((o) => ({ ...o, v: o.v || v }));
      }
      return mem.v!;
    },
    async send(receipt) {
      const r = receipt.visitor ? receipt : { ...receipt, visitor: await this.visitor() };
      await load();
      await change((o) => ({ ...o, q: [...o.q.filter((x) => x.id !== r.id), r] }));
      // A flush already running picks this one up, unless it was just ending: then the next one does.
      const busy = !!running;
      await flush();
      if (busy) await flush();
    },
    flush,
    mine(v) {
      const vis = mem.m[v!] || v!;
      const key = mem.k[vis];
      if (!key) return undefined;
      const url = `${endpoint}${endpoint.includes('?') ? '&' : '?'}id=${encodeURIComponent(vis)}`;
      return { url, get: () => post(url, { headers: { authorization: `Bearer ${key}` } }) };
    },
  };
}
