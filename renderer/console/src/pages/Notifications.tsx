// Notifications (administrators): email through the school's mail server (SMTP), Teams or other
// incoming webhooks, which notice goes to whom, and the addresses of hosts and staff. The SMTP
// password is sent to the hub once and kept there (a file only the hub can read); this page is
// only told whether one is set. "Send a test message" queues one and shows what became of it.
import { useEffect, useState, type FormEvent } from 'react';
import { NOTICE_KINDS, NOTICE_LABELS, type NotificationSettings, type NotificationView, type NoticeKind, type OutboxMessage } from '../../../../shared/notifications';
import { ROLE_LABELS } from '../../../../shared/office';
import { call } from '../api';
import { errorFor } from '../format';
import { Check, CheckGroup, Field, FormMessage, LoadError, Loading, Notice, Page, Select, Status, TextArea, useLoad, useSubmit } from '../ui';
import { MessageStatusTag } from './Messages';

const ROLE_OPTIONS = (['office', 'dsl', 'head', 'admin'] as const).map((r) => ({ value: r, label: ROLE_LABELS[r] }));
const SECURITY_OPTIONS = [
  { value: 'starttls', label: 'STARTTLS (usually port 587)' },
  { value: 'tls', label: 'TLS from the start (usually port 465)' },
  { value: 'none', label: 'None (only a relay on this computer or network)' },
] as const;

type Draft = {
  settings: NotificationSettings;
  port: string;
  repeat: string;
  expiryDays: string;
  password: string;
  removePassword: boolean;
  addresses: Record<NoticeKind, string>;
  hostEmails: Record<string, string>;
  staffEmails: Record<string, string>;
};

function draftOf(v: NotificationView): Draft {
  return {
    settings: v.settings,
    port: String(v.settings.smtp.port),
    repeat: String(v.settings.urgentRepeatMinutes),
    expiryDays: String(v.settings.expiryReminderDays ?? 7),
    password: '',
    removePassword: false,
    addresses: Object.fromEntries(NOTICE_KINDS.map((k) => [k, v.settings.routes[k].addresses.join('\n')])) as Record<NoticeKind, string>,
    hostEmails: Object.fromEntries(v.hosts.map((h) => [h.id, h.email])),
    staffEmails: Object.fromEntries(v.staff.map((s) => [s.id, s.email])),
  };
}

export function Notifications() {
  const { data, error, loading, reload } = useLoad(() => call('notifications.get', {}), []);
  const [view, setView] = useState<NotificationView | null>(null);
  const [d, setD] = useState<Draft | null>(null);
  const [done, setDone] = useState('');
  useEffect(() => {
    if (data) {
      setView(data);
      setD(draftOf(data));
    }
  }, [data]);
  const form = useSubmit();

  if (error !== null && !view) return <Page title="Notifications"><LoadError error={error} onRetry={reload} /></Page>;
  if (loading || !view || !d) return <Page title="Notifications"><Loading /></Page>;

  const s = d.settings;
  const set = (patch: Partial<NotificationSettings>) => setD({ ...d, settings: { ...s, ...patch } });
  const setSmtp = (patch: Partial<NotificationSettings['smtp']>) => set({ smtp: { ...s.smtp, ...patch } });
  const setRoute = (k: NoticeKind, patch: Partial<NotificationSettings['routes'][NoticeKind]>) => set({ routes: { ...s.routes, [k]: { ...s.routes[k], ...patch } } });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const port = Number(d.port);
    const repeat = Number(d.repeat);
    const local: Record<string, string> = {};
    if (!/^\d+$/.test(d.port.trim()) || port < 1 || port > 65535) local['settings.smtp.port'] = 'Enter a port number such as 587.';
    if (!/^\d+$/.test(d.repeat.trim()) || repeat < 5 || repeat > 1440) local['settings.urgentRepeatMinutes'] = 'Enter a number of minutes from 5 to 1440.';
    const expiryDays = Number(d.expiryDays);
    if (!/^\d+$/.test(d.expiryDays.trim()) || expiryDays < 1 || expiryDays > 60) local['settings.expiryReminderDays'] = 'Enter a number of days from 1 to 60.';
    const settings: NotificationSettings = {
      ...s,
      smtp: { ...s.smtp, port },
      urgentRepeatMinutes: repeat,
      expiryReminderDays: expiryDays,
      routes: Object.fromEntries(
        NOTICE_KINDS.map((k) => [k, { ...s.routes[k], addresses: d.addresses[k].split('\n').map((a) => a.trim()).filter(Boolean) }]),
      ) as NotificationSettings['routes'],
    };
    void form.submit(async () => {
      const v = await call('notifications.save', {
        settings,
        ...(d.removePassword ? { password: null } : d.password ? { password: d.password } : {}),
        hostEmails: d.hostEmails,
        staffEmails: d.staffEmails,
      });
      setView(v);
      setD(draftOf(v));
      setDone('Saved.');
    }, local);
  };
  const err = (...paths: string[]) => errorFor(form.errors, ...paths);

  return (
    <Page
      title="Notifications"
      lead="Who the office hub tells, and how: the host when their visitor signs in, the DSL when a concern is logged, the head when device use is requested, reception at the end of the day. Concern notices never contain what happened or who was involved: only that a concern was logged, and a link to this console."
    >
      <Status message={done} />
      <form className="form" onSubmit={submit} noValidate aria-label="Notification settings">
        <FormMessage message={form.message} />
        <section className="panel form" aria-labelledby="smtp-title">
          <h2 id="smtp-title">Email (the school’s mail server)</h2>
          <Check label="Send notices by email" checked={s.smtp.enabled} onChange={(enabled) => setSmtp({ enabled })} />
          <Field label="Mail server (SMTP host)" value={s.smtp.host} onChange={(host) => setSmtp({ host })} error={err('settings.smtp.host')} hint="For example smtp.office365.com or smtp.gmail.com" size="medium" />
          <Field label="Port" value={d.port} onChange={(port) => setD({ ...d, port })} error={err('settings.smtp.port')} inputMode="numeric" size="short" />
          <Select label="Encryption" value={s.smtp.security} options={SECURITY_OPTIONS} onChange={(security) => setSmtp({ security })} size="medium" />
          <Field label="User name" value={s.smtp.username} onChange={(username) => setSmtp({ username })} error={err('settings.smtp.username')} required={false} size="medium" autoComplete="off" />
          <Field
            label="Password"
            type="password"
            value={d.password}
            onChange={(password) => setD({ ...d, password, removePassword: false })}
            error={err('password')}
            required={false}
            size="medium"
            autoComplete="new-password"
            hint={view.passwordSet ? 'A password is set (kept on the hub, never shown). Leave this empty to keep it.' : 'No password is set.'}
          />
          {view.passwordSet && <Check label="Remove the stored password" checked={d.removePassword} onChange={(removePassword) => setD({ ...d, removePassword, password: '' })} />}
          <Field label="Send from (address)" value={s.smtp.from} onChange={(from) => setSmtp({ from })} error={err('settings.smtp.from')} size="medium" hint="One address, such as office@school.org.uk" />
          <Field label="The console’s address (for links in notices)" value={s.consoleUrl} onChange={(consoleUrl) => set({ consoleUrl })} error={err('settings.consoleUrl')} required={false} size="full" hint="For example https://office.school.example/" />
        </section>

        <section className="panel form" aria-labelledby="webhooks-title">
          <h2 id="webhooks-title">Teams and other webhooks</h2>
          <p className="hint">In Microsoft Teams: the channel’s ⋯ menu → Workflows (or Connectors) → “Post to a channel when a webhook request is received”; paste the address it gives here.</p>
          {s.webhooks.map((w, i) => (
            <div key={w.id} className="panel">
              <Field label={`Channel ${i + 1}: name`} value={w.name} onChange={(name) => set({ webhooks: s.webhooks.map((x, j) => (j === i ? { ...x, name } : x)) })} size="medium" />
              <Field label={`Channel ${i + 1}: webhook address`} value={w.url} onChange={(url) => set({ webhooks: s.webhooks.map((x, j) => (j === i ? { ...x, url } : x)) })} error={err(`settings.webhooks.${i}.url`)} size="full" />
              <button
                type="button"
                className="btn"
                onClick={() => set({ webhooks: s.webhooks.filter((_, j) => j !== i), routes: Object.fromEntries(NOTICE_KINDS.map((k) => [k, { ...s.routes[k], webhooks: s.routes[k].webhooks.filter((id) => id !== w.id) }])) as NotificationSettings['routes'] })}
              >
                Remove channel {i + 1}
              </button>
            </div>
          ))}
          <button type="button" className="btn" onClick={() => set({ webhooks: [...s.webhooks, { id: `hook-${Date.now().toString(36)}`, name: 'Teams channel', url: '' }] })}>
            Add a webhook channel
          </button>
        </section>

        <section className="panel form" aria-labelledby="routes-title">
          <h2 id="routes-title">Who gets each notice</h2>
          {NOTICE_KINDS.map((k) => (
            <fieldset key={k} className="group">
              <legend>{NOTICE_LABELS[k]}</legend>
              <Check label="On" checked={s.routes[k].enabled} onChange={(enabled) => setRoute(k, { enabled })} />
              {k === 'host_arrival' && <Check label="To the visit’s host (their address is below)" checked={s.routes[k].toHost === true} onChange={(toHost) => setRoute(k, { toHost })} />}
              <CheckGroup legend="Staff with these roles (who have an address below)" options={ROLE_OPTIONS} values={s.routes[k].roles} onChange={(roles) => setRoute(k, { roles })} columns="narrow" />
              <TextArea
                label="Other addresses, one per line"
                value={d.addresses[k]}
                onChange={(v) => setD({ ...d, addresses: { ...d.addresses, [k]: v } })}
                error={err(...d.addresses[k].split('\n').map((_, i) => `settings.routes.${k}.addresses.${i}`))}
                required={false}
                rows={2}
              />
              {s.webhooks.length > 0 && (
                <CheckGroup legend="Webhook channels" options={s.webhooks.map((w) => ({ value: w.id, label: w.name }))} values={s.routes[k].webhooks} onChange={(webhooks) => setRoute(k, { webhooks })} columns="narrow" />
              )}
            </fieldset>
          ))}
          <Field label="Urgent concerns: repeat every (minutes) until a DSL opens it" value={d.repeat} onChange={(repeat) => setD({ ...d, repeat })} error={err('settings.urgentRepeatMinutes')} inputMode="numeric" size="short" />
          <Field label="Reminders (approvals, recorded checks, the agreement): this many days before" value={d.expiryDays} onChange={(expiryDays) => setD({ ...d, expiryDays })} error={err('settings.expiryReminderDays')} inputMode="numeric" size="short" />
        </section>

        <section className="panel form" aria-labelledby="addresses-title">
          <h2 id="addresses-title">Addresses</h2>
          <p className="hint">One address each. Kept on the hub only: kiosks never receive them.</p>
          <h3>Hosts (from the hosts list)</h3>
          {view.hosts.map((h) => (
            <Field key={h.id} label={h.name} value={d.hostEmails[h.id] ?? ''} onChange={(v) => setD({ ...d, hostEmails: { ...d.hostEmails, [h.id]: v } })} error={err(`hostEmails.${h.id}`)} required={false} size="medium" />
          ))}
          <h3>Staff accounts</h3>
          {view.staff.map((m) => (
            <Field key={m.id} label={`${m.name} (${ROLE_LABELS[m.role]})`} value={d.staffEmails[m.id] ?? ''} onChange={(v) => setD({ ...d, staffEmails: { ...d.staffEmails, [m.id]: v } })} error={err(`staffEmails.${m.id}`)} required={false} size="medium" />
          ))}
        </section>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={form.busy}>
            {form.busy ? 'Saving…' : 'Save notification settings'}
          </button>
        </div>
      </form>
      <TestMessage enabled={view.settings.smtp.enabled} />
    </Page>
  );
}

/** Queue a test message and follow it until the mail server has answered. */
function TestMessage({ enabled }: { enabled: boolean }) {
  const [to, setTo] = useState('');
  const [message, setMessage] = useState<OutboxMessage | null>(null);
  const form = useSubmit();
  useEffect(() => {
    if (!message || message.status !== 'queued') return;
    const t = setTimeout(() => {
      void call('notifications.log', { limit: 50 }).then((r) => setMessage(r.messages.find((m) => m.id === message.id) ?? message));
    }, 1500);
    return () => clearTimeout(t);
  }, [message]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void form.submit(async () => setMessage((await call('notifications.test', { to })).message), to.trim() ? {} : { to: 'Enter the address to send the test message to.' });
  };
  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="test-title">
      <h2 id="test-title">Send a test message</h2>
      {!enabled && <Notice tone="info">Switch email on and save first.</Notice>}
      <FormMessage message={form.message} />
      <Field label="Send a test message to" value={to} onChange={setTo} error={errorFor(form.errors, 'to')} size="medium" />
      <button type="submit" className="btn" disabled={form.busy || !enabled}>
        Send a test message
      </button>
      {message && (
        <p role="status">
          Test message to {message.recipient}: <MessageStatusTag m={message} />
          {message.lastError ? ` — ${message.lastError}` : ''}
        </p>
      )}
    </form>
  );
}
