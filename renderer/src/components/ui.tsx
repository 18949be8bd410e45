// Building blocks for touch-first screens: a frame with Back and Help, labelled fields with
// their errors tied to them, big choice cards, and dialogs that keep focus while open.
// Every target is at least 64 px tall. Layout uses CSS logical properties, so it mirrors for
// right-to-left languages without per-screen code.
import { createContext, useContext, useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Display choices the screens need to lay themselves out ("reach": controls in the lower half). */
export const LayoutContext = createContext<{ reach: boolean }>({ reach: false });

/** Stands in for a visitor's name in a translated sentence; see withName(). */
export const NAME = '\u0000name\u0000';

/**
 * A translated sentence with a visitor's name in it, the name isolated in <bdi dir="auto"> so it
 * keeps its own direction (an Arabic name in an English sentence, a Latin name in Arabic) and
 * cannot reorder the words around it. Translate with { name: NAME }, then pass the real name.
 */
export function withName(sentence: string, name: string): ReactNode {
  const parts = sentence.split(NAME);
  return parts.flatMap((p, i) => (i === 0 ? [p] : [<Name key={i}>{name}</Name>, p]));
}

export function Name({ children }: { children: string }) {
  return (
    <bdi dir="auto" className="visitor-name">
      {children}
    </bdi>
  );
}

export function ScreenFrame(props: {
  title: string;
  /** What to show for the title when it holds a visitor's name (see withName); `title` stays its text. */
  titleNode?: ReactNode;
  step?: { n: number; total: number };
  onBack?: () => void;
  help: string;
  onHelp: (text: string) => void;
  children: ReactNode;
  footer?: ReactNode;
}) {
  const { t } = useTranslation();
  const { reach } = useContext(LayoutContext);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Move focus to the new screen's heading so screen readers and keyboards start at the top.
  useEffect(() => headingRef.current?.focus(), [props.title]);
  const helpButton = (
    <button type="button" className="btn btn-help" onClick={() => props.onHelp(props.help)}>
      {t('app.help')}
    </button>
  );
  return (
    <main className="screen">
      <header className="screen-head">
        <div>
          {props.step && <p className="step">{t('steps.label', props.step)}</p>}
          <h1 ref={headingRef} tabIndex={-1}>
            {props.titleNode ?? props.title}
          </h1>
        </div>
        {!reach && helpButton}
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
        {reach && helpButton}
        {props.footer ?? (reach ? <span /> : null)}
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
  /** Labels that are the site's own words (host names, locker labels): keep their own direction. */
  siteWords?: boolean;
}) {
  const name = useId();
  const errId = `${name}-err`;
  // The error is tied to the group and to each radio: screen readers announce a radio's
  // description when it gets focus, which is where a keyboard or switch user arrives.
  const describedBy = props.error ? errId : undefined;
  return (
    <fieldset className={`choices${props.error ? ' has-error' : ''}`} aria-describedby={describedBy}>
      <legend>{props.legend}</legend>
      <div className="choice-grid" data-columns={props.columns ?? 1}>
        {props.options.map((o) => (
          <label key={o.value} className={`choice${props.value === o.value ? ' selected' : ''}`}>
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={props.value === o.value}
              aria-invalid={props.error ? true : undefined}
              aria-describedby={describedBy}
              onChange={() => props.onChange(o.value)}
            />
            <span className="choice-text">
              <span className="choice-label" dir={props.siteWords ? 'auto' : undefined}>
                {o.label}
              </span>
              {o.hint && <span className="choice-hint">{o.hint}</span>}
            </span>
          </label>
        ))}
      </div>
      <ErrorText id={errId} error={props.error} />
    </fieldset>
  );
}

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select, textarea, [href], [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog: the rest of the page is inert while it is open, Tab and Shift+Tab cycle inside
 * it, Escape runs onEscape (closes Help), and focus goes back where it was when it closes.
 */
export function Dialog(props: {
  title: string;
  children: ReactNode;
  actions: ReactNode;
  role?: 'dialog' | 'alertdialog';
  onEscape?: () => void;
  /** id of the element whose text is announced with the title when the dialog opens. */
  describedBy?: string;
  /** 'full': fills the screen, for reading a long text (its body scrolls, the actions stay put). */
  size?: 'full';
}) {
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  const onEscape = useRef(props.onEscape);
  onEscape.current = props.onEscape;

  useEffect(() => {
    const dialog = ref.current;
    const overlay = dialog?.parentElement;
    if (!dialog || !overlay) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const madeInert: Element[] = [];
    for (const el of overlay.parentElement?.children ?? []) {
      if (el !== overlay && !el.hasAttribute('inert')) {
        el.setAttribute('inert', '');
        madeInert.push(el);
      }
    }
    dialog.querySelector<HTMLElement>('button')?.focus();

    const onKey = (e: KeyboardEvent) => {
      if (dialog.closest('[inert]')) return; // another dialog is on top of this one
      if (e.key === 'Escape' && onEscape.current) {
        e.preventDefault();
        onEscape.current();
        return;
      }
      if (e.key !== 'Tab') return;
      const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)];
      const first = items[0];
      const last = items[items.length - 1];
      if (!first || !last) return e.preventDefault();
      const active = document.activeElement;
      if (!dialog.contains(active)) {
        e.preventDefault();
        first.focus();
      } else if (e.shiftKey && active === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && active === last) {
        e.preventDefault();
        first.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      for (const el of madeInert) el.removeAttribute('inert');
      if (opener?.isConnected && !opener.closest('[inert]')) opener.focus();
    };
  }, []);

  return (
    <div className={props.size === 'full' ? 'overlay overlay-full' : 'overlay'}>
      <div ref={ref} className={props.size === 'full' ? 'dialog dialog-full' : 'dialog'} role={props.role ?? 'dialog'} aria-modal="true" aria-labelledby={`${id}-t`} aria-describedby={props.describedBy}>
        <h2 id={`${id}-t`}>{props.title}</h2>
        {props.children}
        <div className="dialog-actions">{props.actions}</div>
      </div>
    </div>
  );
}
