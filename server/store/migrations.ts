/**
 * The schema, as numbered steps applied in order on start (migrate.ts). Released steps are never edited: a change
 * is a new step. Plain PostgreSQL that PGlite runs too; every name is prefixed so the tables can live in the
 * application's own database.
 */
export const MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
CREATE TABLE consent_relay_visitors (
  id text PRIMARY KEY,
  -- SHA-256 of the visitor's key: the key itself is known only to the visitor's device
  key_hash text NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE consent_relay_receipts (
  id text PRIMARY KEY,
  visitor text NOT NULL REFERENCES consent_relay_visitors (id),
  received_at timestamptz NOT NULL,
  decided_at timestamptz NOT NULL,
  regime text NOT NULL,
  method text NOT NULL,
  -- the receipt's fields as validated, and their digest (the same id with other content is a conflict)
  body jsonb NOT NULL,
  digest text NOT NULL
);
CREATE INDEX consent_relay_receipts_visitor ON consent_relay_receipts (visitor, decided_at);
CREATE INDEX consent_relay_receipts_received ON consent_relay_receipts (received_at);

-- Proof of consent is append-only (GDPR Art. 7(1)): a receipt is never changed, only deleted by retention.
CREATE FUNCTION consent_relay_receipts_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'consent receipts are append-only';
END
$$;
CREATE TRIGGER consent_relay_receipts_no_update BEFORE UPDATE ON consent_relay_receipts
  FOR EACH ROW EXECUTE FUNCTION consent_relay_receipts_append_only();

-- The server reporter's state, shared by every process on this database.
CREATE TABLE consent_relay_reporter (
  name text PRIMARY KEY,
  install_key text NOT NULL,
  ok boolean NOT NULL DEFAULT true,
  last_reported_at timestamptz,
  last_attempt_at timestamptz,
  payload jsonb
);

-- One row per reporting period: the process that inserts it reports; a claim not finished within its lease
-- (the process died mid-report) may be taken over.
CREATE TABLE consent_relay_report_periods (
  reporter text NOT NULL,
  period bigint NOT NULL,
  claimed_by text NOT NULL,
  claimed_at timestamptz NOT NULL,
  done_at timestamptz,
  PRIMARY KEY (reporter, period)
);
`,
  },
  {
    version: 2,
    sql: `
-- The secret behind the status endpoint's acknowledgement tokens, the same for every replica (server/ack-token.ts):
-- a token handed out by one replica is accepted by all.
ALTER TABLE consent_relay_reporter ADD COLUMN ack_secret text;
`,
  },
  {
    version: 3,
    sql: `
-- Keys issued earlier to the same visitor that still work (newest first, a few at most): the first receipt posted
-- again without a key gets a new one, and the device that did get the first answer keeps its own (receipts-sql.ts).
ALTER TABLE consent_relay_visitors ADD COLUMN earlier_key_hashes text[] NOT NULL DEFAULT '{}';
`,
  },
];
