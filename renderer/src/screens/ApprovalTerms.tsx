// The device-use approval the office recorded for this visitor, shown for acknowledgement: where,
// until when, which devices, and the conditions as the school wrote them, with a box that is never
// pre-ticked (like the policy's). Its text is the office's, in whatever language it was written.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApprovalOffer } from '../../../shared/contract';
import { ErrorText } from '../components/ui';
import { untilText } from '../flow/format';

export const CONDITIONS_CHECKBOX_ID = 'approval-conditions-ack';

export function ApprovalTerms(props: {
  offer: ApprovalOffer;
  language: string;
  timeZone: string;
  accepted: boolean;
  error: string | undefined;
  onAccept: (v: boolean) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const o = props.offer;
  return (
    <section className="approval" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('approval.heading')}</h2>
      <dl className="summary">
        <dt>{t('approval.where')}</dt>
        <dd dir="auto">{o.locations.join(', ')}</dd>
        <dt>{t('approval.until')}</dt>
        <dd>{untilText(o.until, props.language, props.timeZone)}</dd>
        <dt>{t('approval.devices')}</dt>
        <dd dir="auto">{o.devices}</dd>
      </dl>
      <h3>{t('approval.conditions')}</h3>
      {props.language !== 'en' && <p className="muted">{t('approval.asWritten')}</p>}
      <p className="approval-conditions" dir="auto">
        {o.conditions}
      </p>
      <div className={`field${props.error ? ' has-error' : ''}`}>
        <label className="check check-strong">
          <input
            id={CONDITIONS_CHECKBOX_ID}
            type="checkbox"
            checked={props.accepted}
            aria-invalid={props.error ? true : undefined}
            aria-describedby={props.error ? `${id}-err` : undefined}
            onChange={(e) => props.onAccept(e.target.checked)}
          />
          <span>{t('approval.agree')}</span>
        </label>
        <ErrorText id={`${id}-err`} error={props.error} />
      </div>
    </section>
  );
}
