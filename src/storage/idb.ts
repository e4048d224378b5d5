import { del, get, promisifyRequest, set, update, type UseStore } from 'idb-keyval';

/** What the rest of the code needs from IndexedDB: results, never exceptions. */
export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  /** resolves false when the write failed (quota, private mode, IndexedDB missing) */
  set(key: string, value: unknown): Promise<boolean>;
  update<T>(key: string, fn: (old: T | undefined) => T): Promise<boolean>;
  del(key: string): Promise<boolean>;
  /**
   * Whether the database exists at all, without creating it: false means nothing was ever stored on this device.
   * Where `indexedDB.databases()` is missing (Firefox < 126) the answer is true, and the read finds out.
   */
  exists(): Promise<boolean>;
  /** Delete the whole database (reset: nothing of ours stays on the device); resolves false when that failed. */
  drop(): Promise<boolean>;
  /** drop() when the database holds no key at all; resolves whether it was dropped. */
  dropIfEmpty(): Promise<boolean>;
}

/**
 * One namespaced idb-keyval store, never the default `keyval-store` a host page may share.
 * Unlike idb-keyval's createStore, the connection closes itself on `versionchange`, so a page or a test that calls
 * indexedDB.deleteDatabase() is not blocked by us, and the next call reopens a fresh database. A little past the house
 * limit: every method shares the one lazily opened connection and its failure handling (storage that throws is absent
 * storage, never an exception).
 */
export function createKeyValueStore(
  idb: IDBFactory | undefined,
  dbName = 'consent-relay',
  storeName = 'kv',
): KeyValueStore {
  let dbp: Promise<IDBDatabase> | null = null;
  const connect = (version?: number): Promise<IDBDatabase> => {
    // Every failure is absent storage: in a sandboxed frame Chromium's open() throws SecurityError synchronously
    // (the HTML standard's opaque origins have no storage), which would escape idb-keyval's promise chain.
    let req: IDBOpenDBRequest;
    try {
      req = idb!.open(dbName, version);
    } catch (e) {
      return Promise.reject(e);
    }
    req.onupgradeneeded = () => req.result.createObjectStore(storeName);
    return promisifyRequest(req).then((db) => {
      if (db.objectStoreNames.contains(storeName)) return db;
      // The database exists without our store (someone opened the name without creating it): add it in an upgrade.
      db.close();
      return connect(db.version + 1);
    });
  };
  const open = () => {
    if (!idb) return Promise.reject(new Error('IndexedDB is not available'));
    if (!dbp) {
      dbp = connect().then(
        (db) => {
          db.onversionchange = () => {
            db.close();
            dbp = null;
          };
          // Safari closes idle connections on its own (idb-keyval #8): reopen next time.
          db.onclose = () => (dbp = null);
          return db;
        },
        (e) => {
          dbp = null;
          throw e;
        },
      );
    }
    return dbp;
  };
  const store: UseStore = (mode, cb) => open().then((db) => cb(db.transaction(storeName, mode).objectStore(storeName)));
  /** idb-keyval's calls run our store synchronously: a throw there is a rejection here, never an uncaught error. */
  const safe = <T>(fn: () => Promise<T>): Promise<T> => Promise.resolve().then(fn);
  const ok = (p: Promise<unknown>) =>
    p.then(
      () => true,
      () => false,
    );
  const kv: KeyValueStore = {
    exists: () =>
      dbp || !idb || typeof idb.databases !== 'function'
        ? Promise.resolve(!!idb)
        : // .then first: databases() too may throw at once where storage is denied
          Promise.resolve()
            .then(() => idb.databases())
            .then(
              (list) => list.some((d) => d.name === dbName),
              () => true,
            ),
    get: <T>(key: string) => safe(() => get<T>(key, store)).catch(() => undefined),
    set: (key, value) => ok(safe(() => set(key, value, store))),
    update: (key, fn) => ok(safe(() => update(key, fn, store))),
    del: (key) => ok(safe(() => del(key, store))),
    drop() {
      if (!idb) return Promise.resolve(true);
      const closed = dbp
        ? dbp.then(
            (db) => db.close(),
            () => {},
          )
        : Promise.resolve();
      dbp = null;
      return closed.then(
        () =>
          new Promise<boolean>((resolve) => {
            let req: IDBOpenDBRequest;
            try {
              req = idb.deleteDatabase(dbName);
            } catch {
              return resolve(false); // denied (sandboxed frame): there is nothing of ours to delete
            }
            req.onsuccess = () => resolve(true);
            req.onerror = () => resolve(false);
            // Another connection still open (our other tabs close theirs on versionchange, above): the deletion
            // happens once it closes; nothing here waits for that.
            req.onblocked = () => resolve(true);
          }),
      );
    },
    // A write by another tab between the count and the deletion would go with it; the decision it wrote is in the
    // cookie too, which a reload reads.
    dropIfEmpty: () =>
      safe(() => store('readonly', (s) => promisifyRequest(s.count()))).then(
        (n) => !n && kv.drop(),
        () => false,
      ),
  };
  return kv;
}
