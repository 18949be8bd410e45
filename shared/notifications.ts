// Notifications (issue #14): what the office hub tells people, by email (SMTP) or an incoming
// webhook (Microsoft Teams or any service that takes a JSON POST). The console configures the
// channels and who gets each kind of notice, and watches the outbox. No Node or DOM imports here.
import { z } from './zod.js';
import type { Role } from './office.js';

/** Each kind of notice. concern_urgent: the urgent variant of concern_logged, also to the head,
 *  repeated until a DSL opens the concern. test: the console's "send a test message". */
export const NOTICE_KINDS = ['host_arrival', 'concern_logged', 'concern_urgent', 'device_request', 'end_of_day', 'approval_expiring', 'assurance_expiring', 'agreement_renewal'] as const;
export const NoticeKind = z.enum(NOTICE_KINDS);
export type NoticeKind = z.infer<typeof NoticeKind>;
/** invitation, visitor_decision and rules_changed go to a visitor's own address (core/office/invitations), not along a route. */
export type MessageKind = NoticeKind | 'test' | 'invitation' | 'visitor_decision' | 'rules_changed';

export const NOTICE_LABELS: Record<NoticeKind, string> = {
  host_arrival: 'Host: their visitor has signed in',
  concern_logged: 'DSL and deputies: a breach or concern was logged',
  concern_urgent: 'Urgent concern: DSL and head, repeated until a DSL opens it',
  device_request: 'Head: a device-use request was made at the kiosk',
  end_of_day: 'Reception: end-of-day review (visits still open, phones not collected)',
  approval_expiring: 'Head: a device-use approval ends soon (once per approval, days ahead as set)',
  assurance_expiring: "Reception and DSL: a regular visitor's recorded check (DBS, agency letter…) ends soon",
  agreement_renewal: 'Reception: the acceptable-use agreement renews soon (regulars are asked again)',
};

export const MESSAGE_STATUSES = ['queued', 'sent', 'failed', 'given_up'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const SMTP_SECURITY = ['starttls', 'tls', 'none'] as const;

/** The longest address SMTP carries (RFC 5321: 64 + 1 + 255, in practice 254). */
export const EMAIL_MAX = 254;

/**
 * Why a typed address cannot be used, in words staff understand, or null. One address per
 * field: a line break (header injection), a comma or semicolon (several recipients), a display
 * name or angle brackets are refused, not "cleaned".
 */
export function emailProblem(raw: string): string | null {
  if (/[\r\n]/.test(raw)) return 'must not contain a line break';
  if (/[,;]/.test(raw) || (raw.match(/@/g) ?? []).length > 1) return 'must be one address only (put each address in its own field)';
  const s = raw.trim();
  if (s.length === 0) return 'is empty';
  if (s.length > EMAIL_MAX) return `is longer than ${EMAIL_MAX} characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f<>"()\s\\[\]]/.test(s)) return 'must be a plain address like name@school.org.uk, with no name, spaces or brackets';
  if (!/^[^@]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/.test(s)) return 'is not an email address like name@school.org.uk';
  return null;
}

/** Loose at the contract (the handler says exactly what is wrong, emailProblem). */
const Address = z.string().max(EMAIL_MAX + 10);
const Url = z.string().max(2000);

export const WebhookChannel = z.object({ id: z.string().regex(/^[a-z0-9-]{1,40}$/, { error: 'invalid' }), name: z.string().min(1).max(80), url: Url }).strict();
export type WebhookChannel = z.infer<typeof WebhookChannel>;

export const RouteRoles = ['office', 'dsl', 'head', 'admin'] as const satisfies readonly Role[];

export const NoticeRoute = z
  .object({
    enabled: z.boolean(),
    /** Staff accounts with these roles that have an email address. */
    roles: z.array(z.enum(RouteRoles)).max(4),
    /** Other people (one address each). */
    addresses: z.array(Address).max(20),
    /** Webhook channels (their ids) that also get this notice. */
    webhooks: z.array(z.string().max(40)).max(10),
    /** host_arrival only: the visit's host, at the address kept for them. */
    toHost: z.boolean().optional(),
  })
  .strict();
export type NoticeRoute = z.infer<typeof NoticeRoute>;

export const SmtpSettings = z
  .object({
    enabled: z.boolean(),
    host: z.string().max(253),
    port: z.number().int().min(1).max(65535),
    security: z.enum(SMTP_SECURITY),
    username: z.string().max(200),
    from: Address,
  })
  .strict();
export type SmtpSettings = z.infer<typeof SmtpSettings>;

export const NotificationSettings = z
  .object({
    smtp: SmtpSettings,
    webhooks: z.array(WebhookChannel).max(10),
    routes: z.object(Object.fromEntries(NOTICE_KINDS.map((k) => [k, NoticeRoute])) as Record<NoticeKind, typeof NoticeRoute>).strict(),
    /** The console's address, for the link in each notice (e.g. https://office.school.example/). */
    consoleUrl: Url,
    /** concern_urgent: how often it is repeated until a DSL opens the concern. */
    urgentRepeatMinutes: z.number().int().min(5).max(24 * 60),
    /** approval_expiring: how many days before an approval's last day the head is reminded. */
    expiryReminderDays: z.number().int().min(1).max(60).optional(),
  })
  .strict();
export type NotificationSettings = z.infer<typeof NotificationSettings>;

export type Contact = { id: string; name: string; email: string };

/** What the console sees: never the SMTP password, only whether one is set. */
export type NotificationView = {
  settings: NotificationSettings;
  passwordSet: boolean;
  hosts: Contact[];
  staff: (Contact & { role: Role })[];
};

export const SaveNotificationsInput = z
  .object({
    settings: NotificationSettings,
    /** A new SMTP password; null removes it; left out keeps the one on the hub. */
    password: z.string().min(1).max(500).nullable().optional(),
    hostEmails: z.record(z.string().max(64), Address).optional(),
    staffEmails: z.record(z.string().max(64), Address).optional(),
  })
  .strict();

export type OutboxMessage = {
  id: string;
  kind: MessageKind;
  channel: 'email' | 'webhook';
  recipient: string;
  subject: string;
  status: MessageStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
};

export const MessageLogInput = z.object({ status: z.enum(MESSAGE_STATUSES).optional(), limit: z.number().int().min(1).max(500).optional() }).strict();
export const TestMessageInput = z.object({ to: Address }).strict();
