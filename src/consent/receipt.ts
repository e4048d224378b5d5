import type { ConsentRecord } from './record';

/**
 * The consent receipt: proof of consent (GDPR 7(1)) with no IP, no user agent, no identifier but the receipt id and
 * the visitor's pseudonymous consent id (random, on this device only). Wire keys: never rename.
 */
export interface ConsentReceipt {
  id: string;
  /** the pseudonymous consent id, kept across this device's decisions (docs/SPEC.md §7) */
  visitor?: string;
  revision: number;
  region: string | null;
  regime: string;
  choices: Record<string, boolean>;
  timestamp: string;
  method: string;
  language: string | null;
  /** a GPC/DNT signal was present when the choice was made */
  signal: boolean;
  /** with `regionSource`: what the server needs to set the same consent cookie (docs/SPEC.md §7) */
  expires: string;
  regionSource: string;
}

export function toReceipt(rec: ConsentRecord): ConsentReceipt {
  return {
    id: rec.id,
    visitor: rec.vid,
    revision: rec.rev,
    region: rec.reg,
    regime: rec.rgm,
    choices: { ...rec.c },
    timestamp: new Date(rec.at).toISOString(),
    method: rec.by,
    language: rec.lang || null,
    signal: rec.sig === 1,
    expires: new Date(rec.exp).toISOString(),
    regionSource: rec.rs,
  };
}

export interface ReceiptResult {
  ok: boolean;
  status?: number;
  error?: string;
  /** the visitor's key, in the answer to their first receipt */
  key?: string;
}

/**
 * POST a receipt; `keepalive` so a decision made just before navigating away still arrives. `credentials:
 * 'same-origin'`: the answer's Set-Cookie (the server-set consent cookie) must apply. Resolves, never throws.
 */
export function sendReceipt(
  fetchFn: typeof fetch,
  url: string,
  receipt: ConsentReceipt,
  key?: string,
): Promise<ReceiptResult> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key) headers.authorization = 'Bearer ' + key;
  return fetchFn(url, {
    method: 'POST',
    keepalive: true,
    credentials: 'same-origin',
    headers,
    body: JSON.stringify(receipt),
  }).then(
    (r) =>
      r
        .json()
        .catch(() => null)
        .then((b) => ({ ok: r.ok, status: r.status, key: b && typeof b.key === 'string' ? b.key : undefined })),
    (e) => ({ ok: false, error: String(e && e.message) }),
  );
}
