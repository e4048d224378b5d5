import type { Regime } from '../../src/jurisdiction/types';
import type { Engine } from './engine';

/**
 * How long a receipt is kept after the server received it, by the regime it was made under: as long as the
 * decision can stand (docs/SPEC.md §2: 180 days opt-in, 365 otherwise) plus the time an operator may be asked to
 * prove it. Opt-in: GDPR Art. 7(1) puts the proof on the operator for as long as a claim is possible — five years
 * is the common limitation period (France, Code civil art. 2224; Germany, BGB §195 is three). Opt-out and notice:
 * CCPA regulations (11 CCR §7101(a)) keep records of consumer requests, opt-outs included, for 24 months.
 */
export const RETENTION_DAYS: Record<Regime, number> = {
  'opt-in': 180 + 5 * 365,
  'opt-out': 365 + 2 * 365,
  notice: 365 + 2 * 365,
};

export interface PurgeOptions {
  /** Delete receipts received more than this many days ago, whatever their regime. Default: {@link RETENTION_DAYS}. */
  olderThanDays?: number;
  /** The clock. Default now. */
  now?: Date | number;
}

/**
 * Deletes receipts past retention (and visitors left without any), returns how many receipts went. Retention is
 * the one deletion of this append-only log; run it daily, e.g. from a scheduler.
 */
export async function purgeReceipts(db: Engine, options: PurgeOptions = {}): Promise<number> {
  const now = new Date(options.now ?? Date.now()).getTime();
  const days = options.olderThanDays;
  if (days !== undefined && !(Number.isFinite(days) && days >= 0))
    throw new TypeError(`consent-relay/server: purgeReceipts olderThanDays must be a number >= 0, got ${days}`);
  return db.transaction(async (tx) => {
    let deleted = 0;
    for (const [regime, keep] of Object.entries(RETENTION_DAYS)) {
      const cutoff = new Date(now - (days ?? keep) * 86_400_000);
      const rows = await tx.query(
        'DELETE FROM consent_relay_receipts WHERE regime = $1 AND received_at < $2 RETURNING id',
        [regime, cutoff],
      );
      deleted += rows.length;
    }
    await tx.query(
      `DELETE FROM consent_relay_visitors v WHERE NOT EXISTS
       (SELECT 1 FROM consent_relay_receipts r WHERE r.visitor = v.id)`,
    );
    return deleted;
  });
}

/** One dashboard row: of the visitors whose latest decision in the range was made under `regime`, how many chose what. */
export interface ConsentCount {
  regime: string;
  category: string;
  granted: number;
  denied: number;
}

/**
 * Counts per regime and choice over each visitor's latest receipt received in [since, until): what visitors
 * decided, not how often they changed their mind. A withdrawal (`reset`) counts as everything non-essential denied.
 */
export async function countReceipts(db: Engine, since: Date, until: Date): Promise<ConsentCount[]> {
  const rows = await db.query<{ regime: string; category: string; granted: number | string; denied: number | string }>(
    `WITH latest AS (
       SELECT DISTINCT ON (visitor) regime, body FROM consent_relay_receipts
       WHERE received_at >= $1 AND received_at < $2
       ORDER BY visitor, decided_at DESC, received_at DESC, id DESC
     )
     SELECT regime, c.key AS category,
       count(*) FILTER (WHERE c.value = 'true'::jsonb)::int AS granted,
       count(*) FILTER (WHERE c.value <> 'true'::jsonb)::int AS denied
     FROM latest, jsonb_each(latest.body -> 'choices') AS c
     GROUP BY regime, c.key ORDER BY regime, c.key`,
    [since, until],
  );
  return rows.map((r) => ({
    regime: r.regime,
    category: r.category,
    granted: Number(r.granted),
    denied: Number(r.denied),
  }));
}
