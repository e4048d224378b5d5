import { webCrypto } from '../web-crypto';
import type { Engine } from './engine';

/** The reporter's state as every replica sees it; times epoch ms or null. */
export interface SharedStatus {
  ok: boolean;
  lastReportedAt: number | null;
  lastAttemptAt: number | null;
  payload: object | null;
}

export interface SharedReporterState {
  /** One key per install, the same in every replica: the endpoint recognises a period reported twice. */
  installKey(): Promise<string>;
  read(): Promise<SharedStatus>;
  /**
   * Claims `period` for this process: true when no one has it, or when a claim was left unfinished past its lease
   * (that process died mid-report). Atomic: of N replicas asking at once, one gets it.
   */
  claim(period: number, now: number, leaseMs: number): Promise<boolean>;
  /** The claimed period was reported: done for every replica. */
  reported(period: number, at: number, payload: object | null): Promise<void>;
  /**
   * The attempt failed: the claim is held until the retry is due (`retryInMs`), then let go: the retry is made by
   * whichever replica gets there first, and an outage is not tried N times as often by N replicas. `sent` false:
   * nothing was sent (the host's collect() failed), so `ok` and the last attempt stay as they were, as in
   * server/attempt.ts.
   */
  failed(period: number, at: number, retryInMs: number, leaseMs: number, sent: boolean): Promise<void>;
  /** A browser reported (its POST `{ reportedAt }`, accepted by this replica): seen by all. */
  acknowledged(at: number): Promise<void>;
  /** The secret every replica signs its acknowledgement tokens with (made by the first that asks). */
  ackSecret(): Promise<string>;
}

/**
 * The server reporter's state in the store (docs/SPEC.md §7): one row per reporter, one row per reporting period.
 * `name` tells reporters sharing a database apart (one per vendor endpoint); `me` this process. A little past the
 * house limit: one short SQL statement per method, all on the same reporter row.
 */
export function sharedReporterState(db: Engine, name: string, me: string): SharedReporterState {
  let key: Promise<string> | null = null;
  let secret: Promise<string> | null = null;
  const hex = async (bytes: number) =>
    Array.from((await webCrypto()).getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join(
      '',
    );
  const ensure = async (): Promise<string> => {
    const fresh = await hex(8);
    await db.query(
      'INSERT INTO consent_relay_reporter (name, install_key) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING',
      [name, fresh],
    );
    const [row] = await db.query<{ install_key: string }>(
      'SELECT install_key FROM consent_relay_reporter WHERE name = $1',
      [name],
    );
    return row.install_key;
  };
  const installKey = () => {
    key ??= ensure().catch((err) => {
      key = null;
      throw err;
    });
    return key;
  };
  const time = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).getTime());
  return {
    installKey,
    async read() {
      await installKey();
      const [row] = await db.query<Record<string, unknown>>(
        'SELECT ok, last_reported_at, last_attempt_at, payload FROM consent_relay_reporter WHERE name = $1',
        [name],
      );
      return {
        ok: row.ok !== false,
        lastReportedAt: time(row.last_reported_at),
        lastAttemptAt: time(row.last_attempt_at),
        payload: (row.payload as object | null) ?? null,
      };
    },
    async claim(period, now, leaseMs) {
      await installKey();
      const rows = await db.query(
        `INSERT INTO consent_relay_report_periods (reporter, period, claimed_by, claimed_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (reporter, period) DO UPDATE SET claimed_by = EXCLUDED.claimed_by, claimed_at = EXCLUDED.claimed_at
         WHERE consent_relay_report_periods.done_at IS NULL
           AND (consent_relay_report_periods.claimed_at < $5 OR consent_relay_report_periods.claimed_by = $3)
         RETURNING period`,
        [name, period, me, new Date(now), new Date(now - leaseMs)],
      );
      return rows.length === 1;
    },
    async reported(period, at, payload) {
      await db.transaction(async (tx) => {
        await tx.query(
          'UPDATE consent_relay_report_periods SET done_at = $4 WHERE reporter = $1 AND period = $2 AND claimed_by = $3',
          [name, period, me, new Date(at)],
        );
        await tx.query(
          `UPDATE consent_relay_reporter SET ok = true, last_attempt_at = $2, payload = $3::jsonb,
           last_reported_at = GREATEST(last_reported_at, $2) WHERE name = $1`,
          [name, new Date(at), JSON.stringify(payload)],
        );
      });
    },
    async failed(period, at, retryInMs, leaseMs, sent) {
      await db.transaction(async (tx) => {
        // claimed_at is moved so that the lease ends when the retry is due
        await tx.query(
          `UPDATE consent_relay_report_periods SET claimed_at = $4
           WHERE reporter = $1 AND period = $2 AND claimed_by = $3 AND done_at IS NULL`,
          [name, period, me, new Date(at + retryInMs - leaseMs)],
        );
        if (!sent) return;
        await tx.query('UPDATE consent_relay_reporter SET ok = false, last_attempt_at = $2 WHERE name = $1', [
          name,
          new Date(at),
        ]);
      });
    },
    ackSecret() {
      secret ??= (async () => {
        await installKey();
        // The first replica to ask makes it; every later one (and this one, on a race) reads the one stored.
        await db.query('UPDATE consent_relay_reporter SET ack_secret = $2 WHERE name = $1 AND ack_secret IS NULL', [
          name,
          await hex(32),
        ]);
        const [row] = await db.query<{ ack_secret: string }>(
          'SELECT ack_secret FROM consent_relay_reporter WHERE name = $1',
          [name],
        );
        return row.ack_secret;
      })().catch((err) => {
        secret = null;
        throw err;
      });
      return secret;
    },
    async acknowledged(at) {
      await installKey();
      await db.query(
        'UPDATE consent_relay_reporter SET last_reported_at = GREATEST(last_reported_at, $2) WHERE name = $1',
        [name, new Date(at)],
      );
    },
  };
}
