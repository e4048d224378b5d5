import type { CookieStore } from '../storage/cookie';
import type { StoredHint } from '../storage/hint';
import type { KeyValueStore } from '../storage/idb';
import { MAX_RECORD_CHARS, newer, parseRecord, sameRecord, type ConsentRecord } from './record';

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
   * false when nothing stored can hold a decision valid now (no note beside IndexedDB): with no cookie either, the
   * visitor has not decided, and the banner can be drawn before IndexedDB answers.
   */
  mayHaveStored(revision: number, now: number): boolean;
  /** Reads IndexedDB, reconciles it with the cookie (each restores the other), returns the newer record. */
  load(cookieRecord: ConsentRecord | null): Promise<ConsentRecord | null>;
  /** Writes both; resolves when both writes are done. false when neither could be written. */
  save(rec: ConsentRecord, cookieDays: number): Promise<boolean>;
  history(): Promise<ConsentRecord[]>;
  clear(): Promise<void>;
}

export function createConsentPersistence(
  cookie: CookieStore,
  kv: KeyValueStore,
  cookieName: string,
  onError: (msg: string) => void,
  hint: StoredHint,
): ConsentPersistence {
  const cookieDays = (rec: ConsentRecord) => Math.max(1, Math.ceil((rec.exp - Date.now()) / 86_400_000));
  const writeCookie = (rec: ConsentRecord, days: number) => {
    if (!cookie.write(JSON.stringify(rec), days)) onError(`could not write the consent cookie "${cookieName}" (cookies blocked?); the decision is kept in IndexedDB`);
  };
  const readStored = async (): Promise<StoredConsent> => {
    const raw = await kv.get<StoredConsent>(CONSENT_KEY);
    if (raw === undefined) return { record: null, history: [] };
    const record = raw && typeof raw === 'object' ? parseRecord((raw as StoredConsent).record) : null;
    if (!record && raw && (raw as StoredConsent).record != null)
      onError('the consent record in IndexedDB is damaged or from another version; ignoring it (no decision)');
    const history = Array.isArray(raw && raw.history) ? raw.history.map(parseRecord).filter((r): r is ConsentRecord => !!r) : [];
    return { record, history };
  };
  const writeStored = async (rec: ConsentRecord) => {
    const ok = await kv.update<StoredConsent>(CONSENT_KEY, (old) => {
      const prev = old && Array.isArray(old.history) ? old.history : [];
      const oldRec = old && parseRecord(old.record);
      const history = oldRec && !sameRecord(oldRec, rec) ? [...prev, oldRec] : prev;
      return { record: rec, history: history.slice(-HISTORY_MAX) };
    });
    if (ok) hint.set(rec.rev, rec.exp);
    return ok;
  };

  return {
    mayHaveStored: hint.mayHold,
    readCookie() {
      const raw = cookie.read();
      if (raw === undefined || raw === '') return null;
      const rec = raw.length > MAX_RECORD_CHARS ? null : parseRecord(raw);
      if (!rec) onError(`the consent cookie "${cookieName}" is not a consent-relay record (damaged, foreign or from another version); ignoring it: no decision`);
      return rec;
    },
    async load(fromCookie) {
      // No cookie and no database: a first visit. Nothing to read, and nothing is created before a decision
      // (opening would create the database, which also costs the first paint tens of ms).
      if (!fromCookie && !(await kv.exists())) return null;
      const stored = await readStored();
      // (Re)write the note for a record stored without one (an earlier visit of an older version, a blocked write).
      if (stored.record) hint.set(stored.record.rev, stored.record.exp);
      const rec = newer(fromCookie, stored.record);
      if (rec && !sameRecord(rec, stored.record)) {
        // IndexedDB was cleared (or is behind): restore it from the cookie.
        await writeStored(rec);
      }
      if (rec && !sameRecord(rec, fromCookie)) {
        // The cookie was cleared (or is behind): restore it from IndexedDB.
        writeCookie(rec, cookieDays(rec));
      }
      return rec;
    },
    async save(rec, days) {
      writeCookie(rec, days);
      const ok = await writeStored(rec);
      if (!ok) onError('could not write the consent record to IndexedDB; the decision is kept in the cookie');
      return ok || cookie.read() !== undefined;
    },
    async history() {
      const s = await readStored();
      return s.record ? [...s.history, s.record] : s.history;
    },
    async clear() {
      cookie.remove();
      hint.clear();
      await kv.del(CONSENT_KEY);
    },
  };
}
