// Reception's "ID checked" on the desk: what was seen (never a document number), recorded
// against the visit with who and when; the hub sends it to the kiosk and reprints the badge,
// which then drops "ID CHECK AT RECEPTION" and, for volunteers and professionals, the escort.
import { useState } from 'react';
import { ID_CHECK_SEEN, ID_CHECK_SEEN_LABELS, type IdCheckSeen } from '../../../../shared/admission';
import type { HubVisit, VisitIdCheck } from '../../../../shared/office';
import { call } from '../api';
import { time } from '../format';
import { Dialog, FormMessage, Name, RadioGroup, Tag, useSubmit } from '../ui';

export function IdCheckTag({ check }: { check: VisitIdCheck | undefined }) {
  if (!check) return <Tag tone="warn">ID not checked</Tag>;
  return (
    <Tag tone="ok">
      ID checked {time(check.at)} by <bdi dir="auto">{check.by}</bdi>
    </Tag>
  );
}

export function IdCheckDialog({ visit, onDone, onCancel }: { visit: HubVisit; onDone: (message: string) => void; onCancel: () => void }) {
  const [seen, setSeen] = useState<IdCheckSeen>('photo_id');
  const form = useSubmit();
  const save = () =>
    void form
      .submit(async () => {
        await call('admission.idChecked', { visitId: visit.visitId, seen });
      })
      .then((ok) => {
        if (ok) onDone(`ID check recorded for ${visit.fullName}; a new badge is on its way to the kiosk's printer.`);
      });
  return (
    <Dialog
      title="Record an ID check"
      onCancel={onCancel}
      actions={
        <>
          <button type="button" className="btn btn-primary" disabled={form.busy} onClick={save}>
            Record and reprint badge
          </button>
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
        </>
      }
    >
      <p>
        <Name>{visit.fullName}</Name>, badge {visit.badgePrefix}
        {visit.badgeNumber}. Record what you saw; do not write down any document number.
      </p>
      <FormMessage message={form.message} />
      <RadioGroup<IdCheckSeen> legend="What did you see?" options={ID_CHECK_SEEN.map((v) => ({ value: v, label: ID_CHECK_SEEN_LABELS[v] }))} value={seen} onChange={setSeen} />
    </Dialog>
  );
}
