// Building blocks for touch-first screens: a frame with Back and Help, labelled fields with
// their errors tied to them, and big choice cards. Every target is at least 64 px tall.
import { useId, useRef, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function ScreenFrame(props: {
  title: string;
  step?: { n: number; total: number };
  onBack?: () => void;
  help: string;
  onHelp: (text: string) => void;
  children: ReactNode;
  footer?: ReactNode;
}) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Move focus to the new screen's heading so screen readers and keyboards start at the top.
  useEffect(() => headingRef.current?.focus(), [props.title]);
  return (
    <main className="screen">
      <header className="screen-head">
        <div>
          {props.step && <p className="step">{t('steps.label', props.step)}</p>}
          <h1 ref={headingRef} tabIndex={-1}>
            {props.title}
          </h1>
        </div>
        <button type="button" className="btn btn-help" onClick={() => props.onHelp(props.help)}>
          {t('app.help')}
        </button>
      </header>
      <div className="screen-body">{props.children}</div>
      <footer className="screen-foot">
        {props.onBack ? (
          <button type="button" className="btn btn-secondary" onClick={props.onBack}>
            {t('app.back')}
          </button>
        ) : (
          <span />
        )}
        {props.footer}
      </footer>
    </main>
  );
}

export function ErrorText({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <p id={id} className="field-error">
      {error}
    </p>
  ) : null;
}

export function TextField(props: {
  label: string;
  hint?: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  autoComplete?: string;
  inputMode?: 'text' | 'search';
  maxLength?: number;
}) {
  const id = useId();
  const described = [props.hint ? `${id}-hint` : '', props.error ? `${id}-err` : ''].filter(Boolean).join(' ');
  return (
    <div className={`field${props.error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.hint && (
        <p id={`${id}-hint`} className="hint">
          {props.hint}
        </p>
      )}
      <input
        id={id}
        type="text"
        dir="auto"
        value={props.value}
        autoComplete={props.autoComplete ?? 'off'}
        inputMode={props.inputMode}
        spellCheck={false}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={described || undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <ErrorText id={`${id}-err`} error={props.error} />
    </div>
  );
}

export function Choices<T extends string>(props: {
  legend: string;
  value: T | null;
  options: { value: T; label: string; hint?: string }[];
  onChange: (v: T) => void;
  error?: string | undefined;
  columns?: number;
}) {
  const name = useId();
  return (
    <fieldset className={`choices${props.error ? ' has-error' : ''}`} aria-describedby={props.error ? `${name}-err` : undefined}>
      <legend>{props.legend}</legend>
      <div className="choice-grid" data-columns={props.columns ?? 1}>
        {props.options.map((o) => (
          <label key={o.value} className={`choice${props.value === o.value ? ' selected' : ''}`}>
            <input type="radio" name={name} value={o.value} checked={props.value === o.value} onChange={() => props.onChange(o.value)} />
            <span className="choice-text">
              <span className="choice-label">{o.label}</span>
              {o.hint && <span className="choice-hint">{o.hint}</span>}
            </span>
          </label>
        ))}
      </div>
      <ErrorText id={`${name}-err`} error={props.error} />
    </fieldset>
  );
}

export function Dialog(props: { title: string; children: ReactNode; actions: ReactNode; role?: 'dialog' | 'alertdialog' }) {
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.querySelector<HTMLElement>('button')?.focus(), []);
  return (
    <div className="overlay">
      <div ref={ref} className="dialog" role={props.role ?? 'dialog'} aria-modal="true" aria-labelledby={`${id}-t`}>
        <h2 id={`${id}-t`}>{props.title}</h2>
        {props.children}
        <div className="dialog-actions">{props.actions}</div>
      </div>
    </div>
  );
}
