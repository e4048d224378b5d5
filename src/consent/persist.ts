import type { CookieStore } from '../storage/cookie';
import type { KeyValueStore } from '../storage/idb';
import { DAY, MAX_RECORD_CHARS, newer, parseRecord, sameRecord, type ConsentRecord } from './record';

/** IndexedDB key of the full record and its history. Stored key: never rename. */
export const CONSENT_KEY = 'consent';
const HISTORY_MAX = 20;

interface StoredConsent {
  record: ConsentRecord | null;
  /** previous decisions, newest last (proof of consent, GDPR 7(1)) */
  history: ConsentRecord[];
}

export interface ConsentPersistence {
  /** Synchronous read of the cookie; reports a cookie that is not ours, or is damaged. */
  readCookie(): ConsentRecord | null;
  /**
   * Reads IndexedDB, reconciles it with the cookie (each restores the other), returns the newer record. A cookie
   * restored from IndexedDB lives `cookieDays(rec)` days (the configured cookie lifetime), never past the decision.
   */
  load(cookieRecord: ConsentRecord | null, cookieDays: (rec: ConsentRecord) => number): Promise<ConsentRecord | null>;
  /** Writes both; resolves when both writes are done. false when neither could be written. */
  save(rec: ConsentRecord, cookieDays: number): Promise<boolean>;
  /**
   * Write the cookie again, at most once a day while the decision stands (`days`: its configured lifetime, never past
   * the record's expiry). Safari caps script-written cookies at 7 days while IndexedDB lives on as long as the
   * visitor keeps coming: rewritten on visits, the cookie lasts as long as IndexedDB does, and a returning visitor's
   * decision is answered from the cookie at once instead of after the IndexedDB read.
   */
  refreshCookie(rec: ConsentRecord, days: number): void;
  clear(): Promise<void>;
}

/**
 * The decision on this device: the cookie (read synchronously on the first line) and IndexedDB (the full record and
 * its history, which outlive a cleared or capped cookie). A little past the house limit: load, save, refresh and
 * clear keep the two in step and share the cookie store, the key-value store and the error reporter.
 */
export function createConsentPersistence(
  cookie: CookieStore,
  kv: KeyValueStore,
  cookieName: string,
  onError: (msg: string) => void,
): ConsentPersistence {
  const cookieDays = (rec: ConsentRecord) => Math.max(1, Math.ceil((rec.exp - Date.now()) / DAY));
  /** The cookie carries the record plus `w`, when it was last written (not part of the record: IndexedDB has none). */
  let writtenAt = 0;
  const writeCookie = (rec: ConsentRecord, days: number) => {
    writtenAt = Date.now();
    if (!cookie.write(JSON.stringify({ ...rec, w: writtenAt }), days))
      onError(`consent cookie "${cookieName}" not written (cookies blocked?); the decision is kept in IndexedDB`);
  };
  const readStored = async (): Promise<StoredConsent> => {
    const raw = await kv.get<StoredConsent>(CONSENT_KEY);
    if (raw === undefined) return { record: null, history: [] };
    const record = raw && typeof raw === 'object' ? parseRecord((raw as StoredConsent).record) : null;
    if (!record && raw && (raw as StoredConsent).record != null)
      onError('consent record in IndexedDB damaged or of another version; ignored: no decision');
    const history = Array.isArray(raw && raw.history)
      ? raw.history.map(parseRecord).filter((r): r is ConsentRecord => !!r)
      : [];
    return { record, history };
  };
  const writeStored = (rec: ConsentRecord) =>
    kv.update<StoredConsent>(CONSENT_KEY, (old) => {
      const prev = old && Array.isArray(old.history) ? old.history : [];
      const oldRec = old && parseRecord(old.record);
      const history = oldRec && !sameRecord(oldRec, rec) ? [...prev, oldRec] : prev;
      return { record: rec, history: history.slice(-HISTORY_MAX) };
    });

  return {
    readCookie() {
      const raw = cookie.read();
      if (raw === undefined || raw === '') return null;
      let json: unknown = null;
      try {
        json = raw.length > MAX_RECORD_CHARS ? null : JSON.parse(raw);
      } catch {
        /* not JSON: not ours */
      }
      const rec = parseRecord(json);
      const w = rec && (json as { w?: unknown }).w;
      writtenAt = rec ? (typeof w === 'number' && w > 0 ? w : rec.at) : 0;
      if (!rec)
        onError(
          `consent cookie "${cookieName}" is not a consent-relay record (damaged, foreign or of another version); ignored: no decision`,
        );
      return rec;
    },
    async load(fromCookie, days) {
      // No cookie and no database: a first visit. Nothing to read, and nothing is created before a decision
      // (opening would create the database, which also costs the first paint tens of ms).
      if (!fromCookie && !(await kv.exists())) return null;
      const stored = await readStored();
      const rec = newer(fromCookie, stored.record);
      if (rec && !sameRecord(rec, stored.record)) {
        // IndexedDB was cleared (or is behind): restore it from the cookie.
        await writeStored(rec);
      }
      if (rec && !sameRecord(rec, fromCookie)) {
        // The cookie was cleared (or is behind): restore it from IndexedDB.
        writeCookie(rec, Math.min(days(rec), cookieDays(rec)));
      }
      return rec;
    },
    async save(rec, days) {
      writeCookie(rec, days);
      const ok = await writeStored(rec);
      if (!ok) onError('consent record not written to IndexedDB; the decision is kept in the cookie');
      return ok || cookie.read() !== undefined;
    },
    refreshCookie(rec, days) {
      if (Date.now() - writtenAt < DAY) return; // at most once a day
      writeCookie(rec, Math.min(days, cookieDays(rec)));
    },
    async clear() {
      cookie.remove();
      await kv.del(CONSENT_KEY);
    },
  };
}
