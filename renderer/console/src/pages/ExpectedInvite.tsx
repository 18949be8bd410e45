// Before the visit, for one expected visitor: send an invitation by email (in their language,
// with the policy version in force and a sign-in code) or download it as a letter, see what was
// sent; for a visiting professional, record a device-use request with the agency's risk
// assessment (a PDF) for the head to decide, and tell the visitor the decision.
import { useState, type FormEvent } from 'react';
import { LANGUAGES, type Language } from '../../../../shared/domain';
import { RISK_ASSESSMENT_MAX_BYTES, type Invitation, type PrevisitRequest } from '../../../../shared/invitations';
import type { ExpectedVisitor } from '../../../../shared/office';
import { call } from '../api';
import { LANGUAGE_LABELS, date, dateTime } from '../format';
import { Check, DataTable, DownloadLinks, Field, FormMessage, Name, Select, Status, Tag, TextArea, base64Blob, useDownloads, useLoad, useSubmit } from '../ui';

const languages = LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_LABELS[l] }));

/** A file's bytes as base64 (the hub checks the bytes are a PDF). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error('The file could not be read.'));
    r.readAsDataURL(file);
  });
}

export function ExpectedInvite({ expected, places, onClose }: { expected: ExpectedVisitor; places: { id: string; name: string }[]; onClose: () => void }) {
  // Polled: an invitation's delivery status changes from queued to sent while the panel is open.
  const { data, reload } = useLoad(() => call('invitations.list', { expectedId: expected.id }), [expected.id], { pollMs: 10_000 });
  const [f, setF] = useState({ email: '', language: 'en' as Language, time: '' });
  const [done, setDone] = useState('');
  const send = useSubmit();
  const letter = useSubmit();
  const downloads = useDownloads();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone('');
    void send
      .submit(async () => {
        const { invitation } = await call('invitations.send', { expectedId: expected.id, ...f });
        setDone(`Invitation queued for ${invitation.email} (policy version ${invitation.policyVersion}). See Messages for its delivery.`);
        reload();
      }, f.email.trim() === '' ? { email: 'Enter the visitor\'s email address, or download the letter instead.' } : {});
  };
  const download = () =>
    void letter.submit(async () => {
      const r = await call('invitations.letter', { expectedId: expected.id, language: f.language, time: f.time });
      downloads.set([{ blob: base64Blob(r.pdfBase64, 'application/pdf'), fileName: r.fileName, label: 'Download the invitation letter (PDF)' }]);
    });

  return (
    <section className="panel" aria-labelledby="invite-heading">
      <h2 id="invite-heading">
        Before the visit: <Name>{expected.fullName}</Name>, {date(expected.expectedOn)}
      </h2>
      <Status message={done} />
      <form className="form" onSubmit={submit} noValidate aria-label="Invitation">
        <h3>Invitation</h3>
        <p className="hint">It gives the day and time, who they are seeing, what to bring, the phone policy in force (in their language where it has been translated), the places phones may be used, and a sign-in code with its QR.</p>
        <FormMessage message={send.message || letter.message} />
        <div className="field-row">
          <Field label="Visitor's email address" value={f.email} onChange={(v) => setF({ ...f, email: v })} error={send.errors.email} required={false} />
          <Select label="Their language" value={f.language} onChange={(v) => setF({ ...f, language: v })} options={languages} error={send.errors.language} />
          <Field label="Time" type="time" value={f.time} onChange={(v) => setF({ ...f, time: v })} error={send.errors.time} required={false} size="short" />
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={send.busy}>
            Send invitation
          </button>
          <button type="button" className="btn" onClick={download} disabled={letter.busy}>
            Make the letter (PDF)
          </button>
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
        </div>
        <DownloadLinks files={downloads.files} />
      </form>
      {data && data.invitations.length > 0 && (
        <DataTable<Invitation>
          caption="Invitations sent"
          rows={data.invitations}
          rowKey={(i) => i.id}
          empty="None yet."
          columns={[
            { label: 'Sent', primary: true, cell: (i) => dateTime(i.sentAt) },
            { label: 'To', cell: (i) => i.email },
            { label: 'Language', cell: (i) => LANGUAGE_LABELS[i.language] },
            { label: 'Policy', cell: (i) => `Version ${i.policyVersion} (${LANGUAGE_LABELS[i.policyLanguage]}, ${i.policyTextHash.slice(0, 12)}…)` },
            { label: 'Delivery', cell: (i) => <Tag tone={i.messageStatus === 'sent' ? 'ok' : i.messageStatus === 'queued' ? 'neutral' : 'warn'}>{i.messageStatus ?? 'removed'}</Tag> },
          ]}
        />
      )}
      {expected.category === 'professional' && <PrevisitForm expected={expected} places={places} email={f.email} language={f.language} requests={data?.previsit ?? []} onDone={reload} />}
    </section>
  );
}

function PrevisitForm(props: { expected: ExpectedVisitor; places: { id: string; name: string }[]; email: string; language: Language; requests: PrevisitRequest[]; onDone: () => void }) {
  const [f, setF] = useState({ agencyRole: '', devices: '', purpose: '', locationIds: [] as string[] });
  const [file, setFile] = useState<File | null>(null);
  const [done, setDone] = useState('');
  const form = useSubmit();
  const tell = useSubmit();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone('');
    const local: Record<string, string> = {};
    if (props.email.trim() === '') local.email = 'Enter the visitor\'s email address above: the decision is sent there.';
    if (!file) local.riskAssessment = 'Attach the agency\'s risk assessment (a PDF).';
    else if (file.size > RISK_ASSESSMENT_MAX_BYTES) local.riskAssessment = `The file is ${(file.size / 1048576).toFixed(1)} MB; the largest accepted is 5 MB.`;
    void form
      .submit(async () => {
        const base64 = await readBase64(file!);
        await call('previsit.request', { expectedId: props.expected.id, email: props.email, language: props.language, ...f, requestedWindow: '', riskAssessment: { fileName: file!.name, base64 } });
        setDone('Request recorded in the exemptions register; the head has been told.');
        props.onDone();
      }, local)
      .then((ok) => ok && setF({ agencyRole: '', devices: '', purpose: '', locationIds: [] }));
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Device-use request before the visit">
      <h3>Device-use request before the visit</h3>
      <p className="hint">For a visiting professional who needs a phone or laptop on site. The request goes to the head&apos;s exemptions register with the risk assessment attached.</p>
      <Status message={done} />
      <FormMessage message={form.message || (form.errors.email ?? '')} />
      <div className="field-row">
        <Field label="Their role" value={f.agencyRole} onChange={(v) => setF({ ...f, agencyRole: v })} error={form.errors.agencyRole} required={false} />
        <Field label="Devices" value={f.devices} onChange={(v) => setF({ ...f, devices: v })} error={form.errors.devices} required />
      </div>
      <TextArea label="What for" value={f.purpose} onChange={(v) => setF({ ...f, purpose: v })} error={form.errors.purpose} required rows={2} />
      <fieldset>
        <legend>Places</legend>
        {props.places.map((p) => (
          <Check key={p.id} label={p.name} checked={f.locationIds.includes(p.id)} onChange={(on) => setF({ ...f, locationIds: on ? [...f.locationIds, p.id] : f.locationIds.filter((x) => x !== p.id) })} />
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="risk-assessment">Risk assessment (PDF, at most 5 MB)</label>
        <input id="risk-assessment" type="file" accept="application/pdf,.pdf" aria-invalid={form.errors.riskAssessment ? true : undefined} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        {form.errors.riskAssessment && <p className="field-error">{form.errors.riskAssessment}</p>}
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={form.busy}>
          Send the request to the head
        </button>
      </div>
      {props.requests.length > 0 && (
        <>
          <FormMessage message={tell.message} />
          <DataTable<PrevisitRequest>
            caption="Requests made before the visit"
            rows={props.requests}
            rowKey={(r) => r.exemptionId}
            empty="None yet."
            columns={[
              { label: 'Made', primary: true, cell: (r) => dateTime(r.createdAt) },
              { label: 'Risk assessment', cell: (r) => r.fileName },
              { label: 'Visitor told', cell: (r) => (r.toldAt ? dateTime(r.toldAt) : 'Not yet') },
              {
                label: 'Decision',
                cell: (r) => (
                  <button
                    type="button"
                    className="btn"
                    disabled={tell.busy}
                    onClick={() =>
                      void tell.submit(async () => {
                        await call('previsit.tellVisitor', { exemptionId: r.exemptionId });
                        setDone(`The head's decision is on its way to ${r.email}.`);
                        props.onDone();
                      })
                    }
                  >
                    Tell the visitor
                  </button>
                ),
              },
            ]}
          />
        </>
      )}
    </form>
  );
}
