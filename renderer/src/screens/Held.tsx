// A sign-in held for reception (the name matched the restricted list). The screen is neutral on
// purpose: it never says why, looks like any other "see reception" message, and starts again for
// the next visitor. Reception and the DSL have the alert in the console.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ScreenFrame } from '../components/ui';

const RESET_AFTER_MS = 30_000;

export function Held(props: { onFinish: () => void; onHelp: (text: string) => void }) {
  const { t } = useTranslation();
  const { onFinish } = props;
  useEffect(() => {
    const id = setTimeout(onFinish, RESET_AFTER_MS);
    return () => clearTimeout(id);
  }, [onFinish]);
  return (
    <ScreenFrame
      title={t('admission.heldHeading')}
      help={t('admission.heldText')}
      onHelp={props.onHelp}
      footer={
        <button type="button" className="btn btn-primary" onClick={props.onFinish}>
          {t('admission.finish')}
        </button>
      }
    >
      <p className="lead notice notice-strong" role="status">
        {t('admission.heldText')}
      </p>
    </ScreenFrame>
  );
}
