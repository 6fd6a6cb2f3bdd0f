import type { Locale } from '../domain/tenant.ts';

/** Where a tenant wants its notifications: its own endpoint and the secret they are signed with. */
export interface NotificationTarget {
  /** An http(s) URL the tenant configured. */
  url: string;
  /** The tenant's signing secret (at least 32 characters); never logged, never sent. */
  secret: string;
}

/** Something for the tenant's own SMS or e-mail system to deliver, e.g. a share link after a spoken yes. */
export interface NotificationMessage {
  /** Unique per message and the same on every retry, so the receiver can drop duplicates. */
  id: string;
  /** What happened: `share.created`, `upload.requested`. */
  type: string;
  tenantId: string;
  occurredAt: Date;
  /** Language of `text`. */
  locale: Locale;
  /** Who should receive it, as the caller confirmed it. */
  recipient: { name?: string; phone?: string; email?: string };
  /** The short link to open (secret: it leads to the file). */
  link?: string;
  /** The access code and its keypad form (secret). */
  code?: { words: string; keypad: string };
  expiresAt?: Date;
  /** A ready-made message in `locale` for systems that forward it as it is. */
  text?: string;
}

/** How a delivery ended. Delivery failures are results, not exceptions. */
export interface NotifyResult {
  delivered: boolean;
  /** Requests made, retries included. */
  attempts: number;
  /** The last HTTP status received, if any. */
  status?: number;
  /** Why it was not delivered: `url_refused`, `address_refused`, `redirect_refused`, `rejected` (4xx), `server_error`, `timeout`, `network`, `aborted`. */
  reason?: string;
}

/** Delivers notifications to a tenant's own systems. */
export interface Notifier {
  /** Short name for logs: "webhook". */
  readonly name: string;
  /**
   * Deliver one message to `target`, retrying temporary failures with backoff up
   * to the adapter's limit; resolves with how it ended (never rejects for a
   * delivery failure). `signal` aborts waiting and the request in flight.
   */
  notify(target: NotificationTarget, message: NotificationMessage, options?: { signal?: AbortSignal }): Promise<NotifyResult>;
}
