import type { ConsentRecord } from './record';

/** The consent receipt: proof of consent (GDPR 7(1)) with no IP, no user agent, no identifier but the receipt id. */
export interface ConsentReceipt {
  id: string;
  revision: number;
  region: string | null;
  regime: string;
  choices: Record<string, boolean>;
  timestamp: string;
  method: string;
  language: string | null;
  /** a GPC/DNT signal was present when the choice was made */
  signal: boolean;
}

export function toReceipt(rec: ConsentRecord): ConsentReceipt {
  return {
    id: rec.id,
    revision: rec.rev,
    region: rec.reg,
    regime: rec.rgm,
    choices: { ...rec.c },
    timestamp: new Date(rec.at).toISOString(),
    method: rec.by,
    language: rec.lang || null,
    signal: rec.sig === 1,
  };
}

/**
 * POST a receipt; `keepalive` so a decision made just before navigating away still arrives. `credentials: 'omit'`:
 * the receipt must not be joinable to a session. Resolves with a result, never throws.
 */
export function sendReceipt(
  fetchFn: typeof fetch,
  url: string,
  receipt: ConsentReceipt,
): Promise<{ ok: boolean; status?: number; error?: string }> {
  return fetchFn(url, {
    method: 'POST',
    keepalive: true,
    credentials: 'omit',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(receipt),
  }).then(
    (r) => ({ ok: r.ok, status: r.status }),
    (e) => ({ ok: false, error: String(e && e.message) }),
  );
}
