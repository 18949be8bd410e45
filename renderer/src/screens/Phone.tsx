import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client, Locker } from '../../../shared/contract';
import { PHONE_CHOICES, type PhoneChoice } from '../../../shared/domain';
import { Choices, ScreenFrame } from '../components/ui';
import { ApprovalTerms, CONDITIONS_CHECKBOX_ID } from './ApprovalTerms';
import { isOffer, type Draft } from '../flow/state';

export function Phone(props: {
  client: Client;
  draft: Draft;
  lockers: Locker[];
  language: string;
  timeZone: string;
  busy: boolean;
  serverError: string | undefined;
  onEdit: (p: Partial<Draft>) => void;
  /** The approval check's answer: recorded without clearing a message the visitor must still read. */
  onApprovalChecked: (p: Pick<Draft, 'approval' | 'conditionsAccepted'>) => void;
  onBack: () => void;
  onSubmit: () => void;
  onHelp: (text: string) => void;
}) {
  const { t } = useTranslation();
  const d = props.draft;
  const [errors, setErrors] = useState<{ choice?: string; locker?: string; conditions?: string }>({});
  const free = props.lockers.filter((l) => l.free);
  const offer = isOffer(d.approval) ? d.approval : null;
  const checking = d.phoneChoice === 'exemption' && d.approval === null;

  // "I have approval": ask the kiosk's copy of the office's register, with the name and
  // organisation already typed. Asked again whenever the answer was cleared (a new name, a
  // refused sign-in), so the visitor always acknowledges the approval as it stands.
  const { client, onApprovalChecked } = props;
  useEffect(() => {
    if (!checking) return;
    let live = true;
    client('exemption.check', { fullName: d.fullName, organisation: d.organisation, ...(d.category ? { category: d.category } : {}) }).then(
      (r) => {
        if (!live) return;
        if (!r.found) return onApprovalChecked({ approval: 'none', conditionsAccepted: false });
        const { found: _found, ...approval } = r;
        onApprovalChecked({ approval, conditionsAccepted: false });
      },
      // Cannot check now: the visitor goes the way they always could, via reception.
      () => live && onApprovalChecked({ approval: 'none', conditionsAccepted: false }),
    );
    return () => {
      live = false;
    };
  }, [checking, client, onApprovalChecked, d.fullName, d.organisation, d.category]);

  const submit = () => {
    const e: { choice?: string; locker?: string; conditions?: string } = {};
    if (!d.phoneChoice) e.choice = t('phone.mustChoose');
    else if (d.phoneChoice === 'locker' && !free.some((l) => l.id === d.lockerId)) e.locker = t('phone.mustChooseLocker');
    else if (d.phoneChoice === 'exemption' && offer && !d.conditionsAccepted) e.conditions = t('approval.mustAgree');
    setErrors(e);
    if (e.conditions) document.getElementById(CONDITIONS_CHECKBOX_ID)?.focus();
    if (!e.choice && !e.locker && !e.conditions) props.onSubmit();
  };

  const choose = (phoneChoice: PhoneChoice) => {
    setErrors({});
    const patch: Partial<Draft> = { phoneChoice };
    // Offer the first free locker so one tap is enough; the visitor can pick another.
    if (phoneChoice === 'locker' && !d.lockerId) patch.lockerId = free[0]?.id ?? '';
    // Choosing approval (again) asks afresh, and the conditions are ticked afresh.
    if (phoneChoice === 'exemption' && d.phoneChoice !== 'exemption') Object.assign(patch, { approval: null, conditionsAccepted: false });
    props.onEdit(patch);
  };

  return (
    <ScreenFrame
      title={t('phone.heading')}
      step={{ n: 3, total: 3 }}
      onBack={props.onBack}
      help={t('phone.help')}
      onHelp={props.onHelp}
      footer={
        <button type="button" className="btn btn-primary" onClick={submit} disabled={props.busy || checking} aria-busy={props.busy || checking}>
          {props.busy ? t('phone.signingIn') : t('phone.signIn')}
        </button>
      }
    >
      {props.serverError && (
        <p role="alert" className="error-summary">
          {props.serverError}
        </p>
      )}
      <p className="lead">{t('phone.lead')}</p>
      <Choices<PhoneChoice>
        legend={t('phone.where')}
        value={d.phoneChoice}
        options={PHONE_CHOICES.map((c) => ({ value: c, label: t(`phone.${c}`) }))}
        onChange={choose}
        error={errors.choice}
      />
      {d.phoneChoice === 'locker' &&
        (free.length === 0 ? (
          <p className="notice notice-strong" role="status">
            {t('phone.noneFree')}
          </p>
        ) : (
          <Choices<string>
            legend={t('phone.chooseLocker')}
            value={d.lockerId || null}
            columns={4}
            options={free.map((l) => ({ value: l.id, label: l.label }))}
            siteWords
            onChange={(lockerId) => {
              setErrors({});
              props.onEdit({ lockerId });
            }}
            error={errors.locker}
          />
        ))}
      {d.phoneChoice === 'exemption' && checking && (
        <p className="notice" role="status">
          {t('phone.checkingApproval')}
        </p>
      )}
      {d.phoneChoice === 'exemption' && offer && (
        <ApprovalTerms
          offer={offer}
          language={props.language}
          timeZone={props.timeZone}
          accepted={d.conditionsAccepted}
          error={errors.conditions}
          onAccept={(conditionsAccepted) => {
            setErrors({});
            props.onEdit({ conditionsAccepted });
          }}
        />
      )}
      {d.phoneChoice === 'exemption' && d.approval === 'none' && (
        <div className="notice notice-strong" role="status">
          <p>{t('phone.noApprovalFound')}</p>
          <p>{t('phone.exemptionNote')}</p>
        </div>
      )}
    </ScreenFrame>
  );
}
