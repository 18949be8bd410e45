import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BadgeState, Client, VisitReceipt } from '../../../shared/contract';
import { badgeLabel } from '../../../shared/domain';
import { NAME, ScreenFrame, withName } from '../components/ui';
import { custodyText, untilText } from '../flow/format';

const RESET_AFTER_SECONDS = 30;
/** How long the screen follows the printer before it stops asking (the printer goes on retrying). */
const FOLLOW_PRINT_SECONDS = 20;

/** The badge's picture and how its printing is going, asked of the kiosk service. */
function useBadge(client: Client, r: VisitReceipt): { state: BadgeState; preview: string | null } {
  const [state, setState] = useState<BadgeState>(r.badge.status === 'queued' ? 'printing' : 'not_configured');
  const [preview, setPreview] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    client('badge.preview', { visitId: r.visitId }).then(
      (p) => live && setPreview(p.png),
      () => {}, // no picture is fine: the summary says it all
    );
    return () => {
      live = false;
    };
  }, [client, r.visitId]);
  useEffect(() => {
    if (r.badge.status !== 'queued') return;
    let live = true;
    let asked = 0;
    const id = setInterval(() => {
      if (++asked > FOLLOW_PRINT_SECONDS) {
        clearInterval(id);
        if (live) setState((s) => (s === 'printing' ? 'collect_from_reception' : s));
        return;
      }
      client('badge.status', { visitId: r.visitId }).then(
        (b) => {
          if (!live) return;
          setState(b.state);
          if (b.state !== 'printing') clearInterval(id);
        },
        () => {},
      );
    }, 1000);
    return () => {
      live = false;
      clearInterval(id);
    };
  }, [client, r.visitId, r.badge.status]);
  return { state, preview };
}

export function Done(props: {
  client: Client;
  receipt: VisitReceipt;
  language: string;
  timeZone: string;
  onFinish: () => void;
  onHelp: (text: string) => void;
}) {
  const { t } = useTranslation();
  const r = props.receipt;
  const badge = useBadge(props.client, r);
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
      <div className="done-layout">
        <dl className="summary">
          <dt>{t('done.visiting')}</dt>
          <dd>{r.hostName}</dd>
          <dt>{t('done.phone')}</dt>
          <dd className="strong">
            {r.phone.kind === 'exemption' && r.approvedUse
              ? // The places are the site's own words: isolated so they keep their direction in RTL.
                withName(t('done.approvedUse', { locations: NAME, time: untilText(r.approvedUse.until, props.language, props.timeZone) }), r.approvedUse.locations.join(', '))
              : custodyText(t, r.phone)}
          </dd>
          <dt>{t('done.badgeNumber')}</dt>
          <dd>{badgeLabel(r.badgePrefix, r.badgeNumber)}</dd>
          <dt>{t('done.badgeCode')}</dt>
          <dd>
            <span className="code">{r.badgeCode}</span>
            <span className="hint">{t('done.badgeCodeHint')}</span>
          </dd>
        </dl>
        {badge.preview && <img className="badge-preview" src={badge.preview} alt={t('done.badgePreview')} />}
      </div>
      {r.idCheckRequired && <p className="notice notice-strong">{t('who.idCheck')}</p>}
      {r.phone.kind === 'exemption_pending' && <p className="notice notice-strong">{t('phone.exemptionNote')}</p>}
      <p className={`notice${badge.state === 'printing' ? '' : ' notice-strong'}`} role="status">
        {badge.state === 'printing' ? t('done.badgeQueued') : badge.state === 'printed' ? t('done.badgePrinted') : t('done.badgeNotPrinted')}
      </p>
      <p className="muted" aria-live="off">
        {t('done.resetting', { count: left })}
      </p>
    </ScreenFrame>
  );
}
