import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locker } from '../../../shared/contract';
import { PHONE_CHOICES, type PhoneChoice } from '../../../shared/domain';
import { Choices, ScreenFrame } from '../components/ui';
import type { Draft } from '../flow/state';

export function Phone(props: {
  draft: Draft;
  lockers: Locker[];
  busy: boolean;
  serverError: string | undefined;
  onEdit: (p: Partial<Draft>) => void;
  onBack: () => void;
  onSubmit: () => void;
  onHelp: (text: string) => void;
}) {
  const { t } = useTranslation();
  const d = props.draft;
  const [errors, setErrors] = useState<{ choice?: string; locker?: string }>({});
  const free = props.lockers.filter((l) => l.free);

  const submit = () => {
    const e: { choice?: string; locker?: string } = {};
    if (!d.phoneChoice) e.choice = t('phone.mustChoose');
    else if (d.phoneChoice === 'locker' && !free.some((l) => l.id === d.lockerId)) e.locker = t('phone.mustChooseLocker');
    setErrors(e);
    if (!e.choice && !e.locker) props.onSubmit();
  };

  const choose = (phoneChoice: PhoneChoice) => {
    setErrors({});
    // Offer the first free locker so one tap is enough; the visitor can pick another.
    props.onEdit({ phoneChoice, lockerId: phoneChoice === 'locker' && !d.lockerId ? (free[0]?.id ?? '') : d.lockerId });
  };

  return (
    <ScreenFrame
      title={t('phone.heading')}
      step={{ n: 3, total: 3 }}
      onBack={props.onBack}
      help={t('phone.help')}
      onHelp={props.onHelp}
      footer={
        <button type="button" className="btn btn-primary" onClick={submit} disabled={props.busy} aria-busy={props.busy}>
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
      {d.phoneChoice === 'exemption' && (
        <p className="notice notice-strong" role="status">
          {t('phone.exemptionNote')}
        </p>
      )}
    </ScreenFrame>
  );
}
