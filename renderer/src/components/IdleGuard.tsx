// Idle reset: after a quiet spell a visible, announced countdown with "I need more time";
// at zero the kiosk returns to Welcome and everything typed is dropped.
// Announced once: the alertdialog's description (the countdown sentence) is read when it opens
// and moves focus to "I need more time"; the number then ticks visibly but is not a live region,
// so a screen reader is not interrupted every second.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './ui';

export function IdleGuard(props: { active: boolean; timeoutSeconds: number; warningSeconds: number; onTimeout: () => void }) {
  const { t } = useTranslation();
  const bodyId = useId();
  const lastActivity = useRef(Date.now());
  const [left, setLeft] = useState<number | null>(null);

  useEffect(() => {
    const touch = () => {
      lastActivity.current = Date.now();
    };
    const events = ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, touch, { capture: true, passive: true });
    return () => {
      for (const e of events) window.removeEventListener(e, touch, { capture: true });
    };
  }, []);

  useEffect(() => {
    if (!props.active) {
      setLeft(null);
      return;
    }
    lastActivity.current = Date.now();
    const id = setInterval(() => {
      const idle = (Date.now() - lastActivity.current) / 1000;
      const warnAt = props.timeoutSeconds - props.warningSeconds;
      if (idle >= props.timeoutSeconds) {
        setLeft(null);
        props.onTimeout();
      } else if (idle >= warnAt) {
        setLeft(Math.ceil(props.timeoutSeconds - idle));
      } else setLeft(null);
    }, 250);
    return () => clearInterval(id);
  }, [props.active, props.timeoutSeconds, props.warningSeconds, props.onTimeout]);

  if (left === null) return null;
  const more = () => ((lastActivity.current = Date.now()), setLeft(null));
  return (
    <Dialog
      role="alertdialog"
      title={t('idle.heading')}
      describedBy={bodyId}
      onEscape={more}
      actions={
        <button type="button" className="btn btn-primary" onClick={more}>
          {t('idle.more')}
        </button>
      }
    >
      <p id={bodyId} aria-live="off" className="countdown">
        {t('idle.body', { count: left })}
      </p>
    </Dialog>
  );
}
