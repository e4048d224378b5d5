/**
 * The report both halves POST to the vendor's endpoint (docs/SPEC.md §5 and §7). Wire keys: never renamed or
 * mangled.
 */
export interface ServerReportEnvelope {
  schema: 1;
  source: 'server';
  sentAt: string;
  /** What the host's `collect()` returned. */
  server: object;
}

export interface BrowserReportEnvelope {
  schema: 1;
  source: 'browser';
  sentAt: string;
  instanceId: string;
  /** The server's payload from its status endpoint, or null when it had none. */
  server: object | null;
  /** The aggregated UI counters. */
  ui: object;
}

export type ReportEnvelope = ServerReportEnvelope | BrowserReportEnvelope;

/** The body a browser POSTs to the server's status endpoint after it sent a report itself. */
export interface Acknowledgement {
  reportedAt: string;
  /** The `Consent-Relay-Ack-Token` header of a recent status GET; without it the acknowledgement counts less. */
  ackToken?: string;
}
