import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FIELD_LIMITS, type Host, type PrivacyNotice as Notice } from '../../../shared/contract';
import { NEEDS_ORGANISATION, VISITOR_CATEGORIES, type VisitorCategory } from '../../../shared/domain';
import { PrivacyNotice } from '../components/PrivacyNotice';
import { Choices, ScreenFrame, TextField } from '../components/ui';
import type { Draft } from '../flow/state';
import { checkText, type FieldErrors } from '../flow/problems';

export function whoErrors(t: Parameters<typeof checkText>[0], d: Draft): FieldErrors {
  const e: FieldErrors = {};
  if (!d.category) e.category = t('errors.choose');
  e.fullName = checkText(t, d.fullName, FIELD_LIMITS.fullName, true);
  e.organisation = checkText(t, d.organisation, FIELD_LIMITS.organisation, d.category !== null && NEEDS_ORGANISATION.has(d.category));
  e.agencyRole = checkText(t, d.agencyRole, FIELD_LIMITS.agencyRole, d.category === 'professional');
  if (!d.hostId) e.hostId = t('errors.choose');
  e.purpose = checkText(t, d.purpose, FIELD_LIMITS.purpose, true);
  for (const k of Object.keys(e)) if (!e[k]) delete e[k];
  return e;
}

export function WhoAreYou(props: {
  draft: Draft;
  hosts: Host[];
  /** Shown here, where the details are collected, before any is typed. */
  privacy: Notice;
  language: string;
  serverErrors: FieldErrors;
  onEdit: (p: Partial<Draft>) => void;
  onBack: () => void;
  /** "Expected today? Find your booking" (renderer/src/screens/Expected.tsx). */
  onFindBooking?: () => void;
  onNext: () => void;
  onHelp: (text: string) => void;
}) {
  const { t } = useTranslation();
  const d = props.draft;
  const [shown, setShown] = useState<FieldErrors>(props.serverErrors);
  const showOrg = d.category !== null && d.category !== 'parent_carer';
  const orgRequired = d.category !== null && NEEDS_ORGANISATION.has(d.category);

  const next = () => {
    const e = whoErrors(t, d);
    setShown(e);
    if (Object.keys(e).length === 0) props.onNext();
    else setTimeout(() => document.querySelector<HTMLElement>('[aria-invalid="true"], .has-error input')?.focus(), 0);
  };
  const edit = (p: Partial<Draft>) => {
    props.onEdit(p);
    // Clear a field's error as soon as it is edited; re-checked on Continue.
    setShown((s) => {
      const n = { ...s };
      for (const k of Object.keys(p)) delete n[k];
      return n;
    });
  };

  return (
    <ScreenFrame
      title={t('who.heading')}
      step={{ n: 1, total: 3 }}
      onBack={props.onBack}
      help={t('who.help')}
      onHelp={props.onHelp}
      footer={
        <button type="button" className="btn btn-primary" onClick={next}>
          {t('app.continue')}
        </button>
      }
    >
      {Object.keys(shown).length > 0 && (
        <p role="alert" className="error-summary">
          {t('errors.summary')}
        </p>
      )}
      <PrivacyNotice notice={props.privacy} language={props.language} />
      {props.onFindBooking && !d.expectedId && (
        <button type="button" className="btn btn-secondary" onClick={props.onFindBooking}>
          {t('admission.findBooking')}
        </button>
      )}
      {d.expectedId && (
        <p className="notice" role="status">
          {t('admission.filled')}
        </p>
      )}
      <Choices<VisitorCategory>
        legend={t('who.category')}
        value={d.category}
        columns={2}
        options={VISITOR_CATEGORIES.map((c) => ({
          value: c,
          label: t(`who.categories.${c}`),
          ...(c === 'professional' ? { hint: t('who.professionalHint') } : {}),
        }))}
        onChange={(category) => edit({ category })}
        error={shown.category}
      />
      {d.category === 'professional' && (
        <p className="notice" role="status">
          {t('who.idCheck')}
        </p>
      )}
      <TextField label={t('who.fullName')} value={d.fullName} onChange={(fullName) => edit({ fullName })} error={shown.fullName} autoComplete="name" />
      {showOrg && (
        <TextField
          label={orgRequired ? t('who.organisation') : t('who.organisationOptional')}
          value={d.organisation}
          onChange={(organisation) => edit({ organisation })}
          error={shown.organisation}
        />
      )}
      {d.category === 'professional' && (
        <TextField label={t('who.agencyRole')} hint={t('who.agencyRoleHint')} value={d.agencyRole} onChange={(agencyRole) => edit({ agencyRole })} error={shown.agencyRole} />
      )}
      <Choices<string>
        legend={t('who.host')}
        value={d.hostId || null}
        columns={2}
        options={props.hosts.map((h) => ({ value: h.id, label: h.name }))}
        siteWords
        onChange={(hostId) => edit({ hostId })}
        error={shown.hostId}
      />
      <TextField label={t('who.purpose')} hint={t('who.purposeHint')} value={d.purpose} onChange={(purpose) => edit({ purpose })} error={shown.purpose} />
      <label className="check">
        <input type="checkbox" checked={d.needsEvacuationHelp} onChange={(e) => edit({ needsEvacuationHelp: e.target.checked })} />
        <span>{t('who.evacuation')}</span>
      </label>
    </ScreenFrame>
  );
}
