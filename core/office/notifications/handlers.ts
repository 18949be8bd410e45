// The console's notification operations: settings (administrators), the message log and "send
// again" (all staff), and a test message. The SMTP password goes to a file on the hub
// (settings.ts) and is never part of an answer: the console sees `passwordSet` only.
import { v7 as uuidv7 } from 'uuid';
import { ContractError, type FieldProblem } from '../../../shared/errors.js';
import { emailProblem, type NotificationSettings, type NotificationView } from '../../../shared/notifications.js';
import type { Role } from '../../../shared/office.js';
import { stmt } from '../../db/statements.js';
import type { OfficeCtx, OfficeHandlers } from '../context.js';
import { enqueue, getRow, listMessages, requeue, toMessage } from './outbox.js';
import { contactEmail, hostSubject, readPassword, readSettings, setContact, staffSubject, writePassword, writeSettings } from './settings.js';

function dataDirOf(ctx: OfficeCtx): string {
  if (!ctx.dataDir) throw new ContractError('CONFLICT', 'This hub has no data folder to keep the SMTP password in.');
  return ctx.dataDir;
}

function view(ctx: OfficeCtx): NotificationView {
  const { db } = ctx;
  const hosts = stmt(db, 'SELECT id, name FROM hosts WHERE active = 1 ORDER BY sort, id').all() as { id: string; name: string }[];
  const staff = stmt(db, 'SELECT id, display_name, role FROM staff WHERE active = 1 ORDER BY display_name, id').all() as { id: string; display_name: string; role: Role }[];
  return {
    settings: readSettings(db),
    passwordSet: ctx.dataDir ? readPassword(ctx.dataDir) !== null : false,
    hosts: hosts.map((h) => ({ id: h.id, name: h.name, email: contactEmail(db, hostSubject(h.id)) ?? '' })),
    staff: staff.map((s) => ({ id: s.id, name: s.display_name, role: s.role, email: contactEmail(db, staffSubject(s.id)) ?? '' })),
  };
}

const invalid = (problems: (FieldProblem & { text: string })[]): never => {
  throw new ContractError(
    'INVALID_INPUT',
    // Its own words (not "Please check: <path>"): the console shows them as they are.
    `${problems.map((p) => p.text).join('. ')}.`,
    problems.map(({ path, message }) => ({ path, message })),
  );
};

/** Each address on its own, with what is wrong said in words (shared/notifications.ts). */
function checkAddress(problems: (FieldProblem & { text: string })[], path: string, label: string, value: string, optional = false): string {
  const v = value.trim();
  if (optional && v === '') return '';
  const p = emailProblem(value);
  if (p) problems.push({ path, message: 'invalid', text: `${label} ${p}` });
  return v.toLowerCase();
}

function checkUrl(problems: (FieldProblem & { text: string })[], path: string, label: string, value: string, optional = false): void {
  if (optional && value.trim() === '') return;
  let u: URL | null = null;
  try {
    u = new URL(value);
  } catch {
    u = null;
  }
  if (!u || !['https:', 'http:'].includes(u.protocol) || /[\r\n\s]/.test(value)) problems.push({ path, message: 'invalid', text: `${label} must be a web address starting with https://` });
}

function checkSettings(s: NotificationSettings, problems: (FieldProblem & { text: string })[]): NotificationSettings {
  const smtp = { ...s.smtp, host: s.smtp.host.trim() };
  if (smtp.enabled) {
    if (!/^[A-Za-z0-9.-]{1,253}$/.test(smtp.host)) problems.push({ path: 'settings.smtp.host', message: 'invalid', text: 'The mail server must be a host name such as smtp.office365.com' });
    smtp.from = checkAddress(problems, 'settings.smtp.from', 'The sender address', s.smtp.from);
  } else if (smtp.from.trim() !== '') smtp.from = checkAddress(problems, 'settings.smtp.from', 'The sender address', s.smtp.from);
  if (/[\r\n]/.test(smtp.username)) problems.push({ path: 'settings.smtp.username', message: 'invalid', text: 'The user name must not contain a line break' });
  const ids = new Set<string>();
  s.webhooks.forEach((w, i) => {
    if (ids.has(w.id)) problems.push({ path: `settings.webhooks.${i}.id`, message: 'taken', text: `Two webhook channels are called "${w.id}"` });
    ids.add(w.id);
    checkUrl(problems, `settings.webhooks.${i}.url`, `The address of webhook "${w.name}"`, w.url);
  });
  const routes = Object.fromEntries(
    Object.entries(s.routes).map(([kind, r]) => {
      const addresses = r.addresses.map((a, i) => checkAddress(problems, `settings.routes.${kind}.addresses.${i}`, `An address for "${kind}"`, a));
      for (const w of r.webhooks) if (!ids.has(w)) problems.push({ path: `settings.routes.${kind}.webhooks`, message: 'invalid', text: `"${kind}" names a webhook channel "${w}" that does not exist` });
      return [kind, { ...r, addresses }];
    }),
  ) as NotificationSettings['routes'];
  checkUrl(problems, 'settings.consoleUrl', 'The console address', s.consoleUrl, true);
  return { ...s, smtp, routes, consoleUrl: s.consoleUrl.trim() };
}

export const notificationHandlers: OfficeHandlers<'notifications.get' | 'notifications.save' | 'notifications.test' | 'notifications.log' | 'notifications.resend'> = {
  'notifications.get': (_i, ctx) => view(ctx),

  'notifications.save': (input, ctx) => {
    const { db } = ctx;
    const problems: (FieldProblem & { text: string })[] = [];
    const settings = checkSettings(input.settings, problems);
    const hosts = new Set((stmt(db, 'SELECT id FROM hosts').all() as { id: string }[]).map((r) => r.id));
    const staff = new Set((stmt(db, 'SELECT id FROM staff').all() as { id: string }[]).map((r) => r.id));
    const hostEmails = Object.entries(input.hostEmails ?? {}).map(([id, email]) => {
      if (!hosts.has(id)) problems.push({ path: `hostEmails.${id}`, message: 'invalid', text: 'One of the hosts is not on the hosts list any more; refresh the page' });
      return [id, checkAddress(problems, `hostEmails.${id}`, 'A host\'s address', email, true)] as const;
    });
    const staffEmails = Object.entries(input.staffEmails ?? {}).map(([id, email]) => {
      if (!staff.has(id)) problems.push({ path: `staffEmails.${id}`, message: 'invalid', text: 'One of the staff accounts does not exist any more; refresh the page' });
      return [id, checkAddress(problems, `staffEmails.${id}`, 'A staff member\'s address', email, true)] as const;
    });
    if (input.password !== undefined && input.password !== null && /[\r\n]/.test(input.password)) problems.push({ path: 'password', message: 'invalid', text: 'The password must not contain a line break' });
    if (problems.length) invalid(problems);
    writeSettings(db, settings);
    for (const [id, email] of hostEmails) setContact(db, hostSubject(id), email);
    for (const [id, email] of staffEmails) setContact(db, staffSubject(id), email);
    // Never the password, nor the addresses: that they changed.
    ctx.audit('notifications.save', 'notifications', {
      email: settings.smtp.enabled,
      webhooks: settings.webhooks.length,
      passwordChanged: input.password !== undefined,
      addressesChanged: hostEmails.length + staffEmails.length,
    });
    if (input.password !== undefined) writePassword(dataDirOf(ctx), input.password);
    return view(ctx);
  },

  'notifications.test': ({ to }, ctx) => {
    const problems: (FieldProblem & { text: string })[] = [];
    const recipient = checkAddress(problems, 'to', 'The address', to);
    if (problems.length) invalid(problems);
    const s = readSettings(ctx.db);
    if (!s.smtp.enabled) throw new ContractError('CONFLICT', 'Switch email on and save the settings first.');
    const id = enqueue(
      ctx.db,
      {
        kind: 'test',
        channel: 'email',
        recipient,
        subject: 'Test message from the school office hub',
        body: `This is a test message sent from the office console by ${ctx.actor.displayName}. If you can read it, email from the hub works.`,
        dedupeKey: `test:${uuidv7()}`,
      },
      ctx.now,
    );
    ctx.audit('notifications.test', 'notifications', {});
    return { message: toMessage(getRow(ctx.db, id!)!) };
  },

  'notifications.log': ({ status, limit }, ctx) => ({ messages: listMessages(ctx.db, status, limit ?? 200) }),

  'notifications.resend': ({ id }, ctx) => {
    const row = getRow(ctx.db, id);
    if (!row) throw new ContractError('NOT_FOUND', 'There is no message with that id (messages are kept 30 days).');
    if (row.status === 'queued' && row.claimed_until !== null && row.claimed_until > ctx.now.toISOString()) throw new ContractError('CONFLICT', 'This message is being sent right now.');
    requeue(ctx.db, id, ctx.now);
    ctx.audit('notifications.resend', `message:${id}`, { kind: row.kind, was: row.status });
    return { message: toMessage(getRow(ctx.db, id)!) };
  },
};
