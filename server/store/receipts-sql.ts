import type { Receipt } from '../receipts-validate';
import type { Engine, Sql } from './engine';
import { hashKey, newKey } from './visitor-key';

/** One receipt as the store hands it out: the receipt's fields, and when the server received it. */
export interface StoredReceipt extends Receipt {
  receivedAt: string;
}

export type SaveOutcome =
  /** stored (`created`) or already stored with this content (`duplicate`); `key` when one was issued now */
  | { status: 'created' | 'duplicate'; visitor: string; key?: string; latest: Receipt }
  /** the same id with other content */
  | { status: 'conflict' }
  /** a known visitor without their key */
  | { status: 'forbidden' };

/**
 * Keys issued earlier to the same visitor that still work. Each needs the visitor's first receipt posted again
 * without a key; a few cover lost answers and retries, and a stranger repeating it cannot grow the row without end.
 */
const EARLIER_KEYS = 4;

/** `$2` (a key's hash, or null) is the visitor's current key or one of the earlier ones. */
const MATCHES = 'coalesce(key_hash = $2 OR $2 = ANY(earlier_key_hashes), false)';

interface Row {
  body: Receipt;
  received_at: Date | string;
}

const toStored = (row: Row): StoredReceipt => ({
  ...row.body,
  receivedAt: new Date(row.received_at).toISOString(),
});

/**
 * Stores a validated receipt, append-only, in one transaction: the visitor made at their first receipt (with a new
 * key, of which only the hash is kept), the key checked after that, the receipt id an idempotency key. A little past
 * the house limit: every step reads what the one before it locked, in the same transaction.
 */
export async function saveReceipt(
  db: Engine,
  receipt: Receipt,
  digest: string,
  key: string | null,
  now: number,
): Promise<SaveOutcome> {
  const presented = key ? await hashKey(key) : null;
  const fresh = await newKey();
  const freshHash = await hashKey(fresh);
  const at = new Date(now);
  return db.transaction(async (tx) => {
    const lookUp = async () => {
      const [visitor] = await tx.query<{ matches: boolean }>(
        `SELECT ${MATCHES} AS matches FROM consent_relay_visitors WHERE id = $1 FOR UPDATE`,
        [receipt.visitor, presented],
      );
      const [stored] = await tx.query<{ visitor: string; digest: string }>(
        'SELECT visitor, digest FROM consent_relay_receipts WHERE id = $1',
        [receipt.id],
      );
      return { known: visitor, existing: stored };
    };
    let { known, existing } = await lookUp();
    const conflicting = () => !!existing && (existing.visitor !== receipt.visitor || existing.digest !== digest);
    if (conflicting()) return { status: 'conflict' };
    let issued: string | undefined;
    if (!known) {
      const made = await tx.query(
        'INSERT INTO consent_relay_visitors (id, key_hash, created_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING RETURNING id',
        [receipt.visitor, freshHash, at],
      );
      if (made.length === 1) issued = fresh;
      else {
        // Another request made this visitor a moment ago (the insert waited for it to commit: two tabs, a retry
        // racing a slow answer). Decided as if it had come first: the same receipt is a duplicate, another needs
        // the key.
        ({ known, existing } = await lookUp());
        if (!known) return { status: 'forbidden' };
        if (conflicting()) return { status: 'conflict' };
      }
    }
    if (!issued && !known.matches) {
      // The answer that carried the key may have been lost on the way (the device then retries without one): the
      // visitor's first receipt, posted again unchanged, gets a new key. The earlier one keeps working: the answer
      // may as well have arrived (a second tab, a retry after a slow answer), and that device holds it.
      if (!existing || presented || !(await isFirst(tx, receipt.visitor, receipt.id))) return { status: 'forbidden' };
      await tx.query(
        `UPDATE consent_relay_visitors SET key_hash = $2,
         earlier_key_hashes = (ARRAY[key_hash] || earlier_key_hashes)[1:${EARLIER_KEYS}] WHERE id = $1`,
        [receipt.visitor, freshHash],
      );
      issued = fresh;
    }
    if (!existing) {
      const inserted = await tx.query(
        `INSERT INTO consent_relay_receipts (id, visitor, received_at, decided_at, regime, method, body, digest)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [
          receipt.id,
          receipt.visitor,
          at,
          new Date(receipt.timestamp),
          receipt.regime,
          receipt.method,
          JSON.stringify(receipt),
          digest,
        ],
      );
      // The same id stored by a concurrent request since the check above: same content is a duplicate.
      if (inserted.length === 0) {
        const [now2] = await tx.query<{ digest: string }>('SELECT digest FROM consent_relay_receipts WHERE id = $1', [
          receipt.id,
        ]);
        if (!now2 || now2.digest !== digest) return { status: 'conflict' };
      }
    }
    const [latest] = await tx.query<Row>(
      `SELECT body, received_at FROM consent_relay_receipts WHERE visitor = $1
       ORDER BY decided_at DESC, received_at DESC, id DESC LIMIT 1`,
      [receipt.visitor],
    );
    return { status: existing ? 'duplicate' : 'created', visitor: receipt.visitor, key: issued, latest: latest.body };
  });
}

async function isFirst(tx: Sql, visitor: string, id: string): Promise<boolean> {
  const [first] = await tx.query<{ id: string }>(
    'SELECT id FROM consent_relay_receipts WHERE visitor = $1 ORDER BY received_at, id LIMIT 1',
    [visitor],
  );
  return first?.id === id;
}

/** The visitor's own receipts, oldest first, when `key` is theirs; null otherwise (unknown visitor or wrong key). */
export async function receiptsOf(db: Engine, visitor: string, key: string): Promise<StoredReceipt[] | null> {
  const hash = await hashKey(key);
  const [known] = await db.query<{ matches: boolean }>(
    `SELECT ${MATCHES} AS matches FROM consent_relay_visitors WHERE id = $1`,
    [visitor, hash],
  );
  if (!known?.matches) return null;
  const rows = await db.query<Row>(
    'SELECT body, received_at FROM consent_relay_receipts WHERE visitor = $1 ORDER BY decided_at, received_at, id',
    [visitor],
  );
  return rows.map(toStored);
}

/** Receipts received in [since, until), oldest first, read in pages so a large export never sits in memory. */
export async function* exportRange(
  db: Engine,
  since: Date,
  until: Date,
  pageSize = 500,
): AsyncGenerator<StoredReceipt> {
  let after: [Date, string] | null = null;
  for (;;) {
    const rows: (Row & { id: string })[] = after
      ? await db.query(
          `SELECT id, body, received_at FROM consent_relay_receipts
           WHERE received_at >= $1 AND received_at < $2 AND (received_at, id) > ($3, $4)
           ORDER BY received_at, id LIMIT $5`,
          [since, until, after[0], after[1], pageSize],
        )
      : await db.query(
          `SELECT id, body, received_at FROM consent_relay_receipts
           WHERE received_at >= $1 AND received_at < $2 ORDER BY received_at, id LIMIT $3`,
          [since, until, pageSize],
        );
    for (const row of rows) yield toStored(row);
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1];
    after = [new Date(last.received_at), last.id];
  }
}
