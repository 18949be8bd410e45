import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VisitReceipt } from '../../../shared/contract';
import { ScreenFrame } from '../components/ui';
import { custodyText } from '../flow/format';

const RESET_AFTER_SECONDS = 30;

export function Done(props: { receipt: VisitReceipt; onFinish: () => void; onHelp: (text: string) => void }) {
  const { t } = useTranslation();
  const r = props.receipt;
  const [left, setLeft] = useState(RESET_AFTER_SECONDS);
  useEffect(() => {
    const id = setInterval(() => setLeft((n) => n - 1), 1000);
    return () => clearInterval(id);
  }, []);
  const { onFinish } = props;
  useEffect(() => {
    if (left <= 0) onFinish();
  }, [left, onFinish]);

  return (
    <ScreenFrame
      title={t('done.heading')}
      help={t('done.help')}
      onHelp={props.onHelp}
      footer={
        <button type="button" className="btn btn-primary" onClick={props.onFinish}>
          {t('done.finish')}
        </button>
      }
    >
      <p className="lead name" dir="auto">
        {t('done.greeting', { name: r.fullName })}
      </p>
      <dl className="summary">
        <dt>{t('done.visiting')}</dt>
        <dd>{r.hostName}</dd>
        <dt>{t('done.phone')}</dt>
        <dd className="strong">{custodyText(t, r.phone)}</dd>
        <dt>{t('done.badgeNumber')}</dt>
        <dd>{r.badgeNumber}</dd>
        <dt>{t('done.badgeCode')}</dt>
        <dd>
          <span className="code">{r.badgeCode}</span>
          <span className="hint">{t('done.badgeCodeHint')}</span>
        </dd>
      </dl>
      {r.idCheckRequired && <p className="notice notice-strong">{t('who.idCheck')}</p>}
      {r.phone.kind === 'exemption_pending' && <p className="notice notice-strong">{t('phone.exemptionNote')}</p>}
      {/* Badge printing: the printer issue replaces this with the print status and preview. */}
      <p className="notice">{r.badge.status === 'queued' ? t('done.badgeQueued') : t('done.badgeNotPrinted')}</p>
      <p className="muted" aria-live="off">
        {t('done.resetting', { count: left })}
      </p>
    </ScreenFrame>
  );
}
