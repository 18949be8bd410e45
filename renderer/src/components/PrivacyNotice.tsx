// The privacy notice where visitors give their details ("About you"): the short notice in a
// labelled box, and a button that opens the whole notice full screen to read, with Back.
// The words are the school's versioned text from the kiosk (bootstrap's privacy), in their own
// language and direction: a version without the visitor's language is shown in English, and
// says so. The sign-in records which version and text this was (see App's submit).
import { useId, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { PrivacyNotice as Notice } from '../../../shared/contract';
import { isRtl } from '../i18n';
import { Dialog } from './ui';

export function PrivacyNotice({ notice, language }: { notice: Notice; language: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const textLang = { lang: notice.language, dir: isRtl(notice.language) ? 'rtl' : 'ltr' } as const;
  return (
    <section className="privacy-box" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('privacy.heading')}</h2>
      {notice.language !== language && <p className="privacy-note">{t('privacy.notTranslated')}</p>}
      <p className="privacy-short" {...textLang}>
        {notice.short}
      </p>
      <button type="button" className="btn btn-secondary privacy-more-btn" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {t('privacy.readMore')}
      </button>
      {/* Beside the screen, as Help is: the dialog makes its siblings inert, and that must be the
          whole screen behind it, not just this box (the idle warning still opens over it). */}
      {open && createPortal(<ReadMore notice={notice} language={language} onBack={() => setOpen(false)} />, document.querySelector('.kiosk') ?? document.body)}
    </section>
  );
}

/** The whole notice, full screen: large, plain, scrollable by touch or keys; Back or Escape closes. */
function ReadMore({ notice, language, onBack }: { notice: Notice; language: string; onBack: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog
      size="full"
      title={t('privacy.heading')}
      onEscape={onBack}
      actions={
        <button type="button" className="btn btn-primary" onClick={onBack}>
          {t('app.back')}
        </button>
      }
    >
      {/* Focusable, so a keyboard or switch user can scroll it with the arrow keys. */}
      <div className="privacy-full" tabIndex={0} role="region" aria-label={t('privacy.heading')} lang={notice.language} dir={isRtl(notice.language) ? 'rtl' : 'ltr'}>
        <p className="privacy-short">{notice.short}</p>
        {notice.sections.map((s, i) => (
          <section key={i}>
            <h3>{s.heading}</h3>
            <p>{s.text}</p>
          </section>
        ))}
        <p className="muted privacy-version" lang={language} dir={isRtl(language) ? 'rtl' : 'ltr'}>
          {t('privacy.version', { version: notice.version })}
        </p>
      </div>
    </Dialog>
  );
}
