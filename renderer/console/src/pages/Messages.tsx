// Messages sent (all staff): the notification outbox, newest first, with what became of each
// message (queued, sent, failed with the server's reason, given up) and "Send again". Reception
// sees here that a host's notice bounced and can phone the host instead.
import { useState } from 'react';
import { NOTICE_LABELS, type MessageStatus, type OutboxMessage } from '../../../../shared/notifications';
import { call } from '../api';
import { dateTime, type Tone } from '../format';
import { DataTable, FormMessage, LoadError, Loading, Page, Select, Status, Tag, useLoad, useSubmit } from '../ui';

const STATUS: Record<MessageStatus, { text: string; tone: Tone }> = {
  queued: { text: 'Waiting to be sent', tone: 'info' },
  sent: { text: 'Sent', tone: 'ok' },
  failed: { text: 'Failed', tone: 'danger' },
  given_up: { text: 'Given up', tone: 'danger' },
};

export function MessageStatusTag({ m }: { m: Pick<OutboxMessage, 'status' | 'lastError'> }) {
  const s = STATUS[m.status];
  return <Tag tone={m.status === 'queued' && m.lastError ? 'warn' : s.tone}>{m.status === 'queued' && m.lastError ? 'Will try again' : s.text}</Tag>;
}

const kindLabel = (k: OutboxMessage['kind']) =>
  k === 'test' ? 'Test message' : k === 'invitation' ? 'Visitor: invitation' : k === 'visitor_decision' ? 'Visitor: device-use decision' : k === 'rules_changed' ? 'Visitor: rules changed since the invitation' : NOTICE_LABELS[k];

export function Messages() {
  const [status, setStatus] = useState<MessageStatus | ''>('');
  const { data, error, loading, reload } = useLoad(() => call('notifications.log', status ? { status } : {}), [status], { pollMs: 10_000 });
  const [done, setDone] = useState('');
  const again = useSubmit();
  const resend = (m: OutboxMessage) =>
    void again.submit(async () => {
      await call('notifications.resend', { id: m.id });
      setDone(`The message to ${m.recipient} will be sent again.`);
      reload();
    });
  return (
    <Page title="Messages sent" lead="Every notice the hub has sent or is trying to send, kept for 30 days. A failed message shows the mail server’s reason.">
      <Status message={done} />
      <FormMessage message={again.message} />
      <Select<MessageStatus | ''>
        label="Show"
        value={status}
        options={[
          { value: '', label: 'All messages' },
          { value: 'queued', label: 'Waiting to be sent' },
          { value: 'sent', label: 'Sent' },
          { value: 'failed', label: 'Failed' },
          { value: 'given_up', label: 'Given up' },
        ]}
        onChange={setStatus}
        size="medium"
      />
      {error !== null && <LoadError error={error} onRetry={reload} />}
      {loading && !data && <Loading />}
      {data && (
        <section className="panel">
          <DataTable<OutboxMessage>
            caption="Messages, newest first"
            columns={[
              { label: 'Subject', cell: (m) => <bdi dir="auto">{m.subject}</bdi>, primary: true },
              { label: 'What', cell: (m) => kindLabel(m.kind) },
              { label: 'To', cell: (m) => (m.channel === 'webhook' ? `Webhook: ${m.recipient}` : m.recipient) },
              { label: 'Queued', cell: (m) => dateTime(m.createdAt) },
              { label: 'Status', cell: (m) => <MessageStatusTag m={m} /> },
              { label: 'Tries', cell: (m) => String(m.attempts) },
              { label: 'Reason', cell: (m) => m.lastError ?? '' },
              {
                label: 'Action',
                cell: (m) =>
                  m.status === 'queued' ? (
                    ''
                  ) : (
                    <button type="button" className="btn btn-nowrap" onClick={() => resend(m)} disabled={again.busy}>
                      Send again<span className="visually-hidden"> to {m.recipient}</span>
                    </button>
                  ),
              },
            ]}
            rows={data.messages}
            rowKey={(m) => m.id}
            empty="No messages yet."
          />
        </section>
      )}
    </Page>
  );
}
