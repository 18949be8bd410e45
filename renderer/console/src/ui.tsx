// Building blocks for the office console, after the kiosk's (renderer/src/components/ui.tsx):
// labelled fields with their errors tied to them by aria-describedby, a page frame that puts
// focus on its heading, dialogs that keep focus, tables that become lists on narrow screens.
// Targets are at least 48 px; the focus ring is always visible (console.css).
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode, type Ref } from 'react';
import { createPortal } from 'react-dom';
import { ApiError, inBackground, messageOf } from './api';
import { fieldErrors, type Tone } from './format';

// ---- page frame and states ------------------------------------------------------------------

export function Page(props: { title: string; lead?: ReactNode; actions?: ReactNode; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${props.title} · Visitor office`;
    ref.current?.focus({ preventScroll: false });
  }, [props.title]);
  return (
    <section className="page" aria-labelledby="page-title">
      <div className="page-head">
        <div className="page-title">
          <h1 id="page-title" ref={ref} tabIndex={-1}>
            {props.title}
          </h1>
          {props.lead && <p className="lead">{props.lead}</p>}
        </div>
        {props.actions && <div className="page-actions">{props.actions}</div>}
      </div>
      {props.children}
    </section>
  );
}

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p className="muted" role="status">
      {what}…
    </p>
  );
}

export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div className="error-box" role="alert">
      <p>{messageOf(error)}</p>
      {onRetry && (
        <button type="button" className="btn" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Tag({ tone, children }: { tone: Tone | 'neutral'; children: ReactNode }) {
  return <span className={`tag tag-${tone}`}>{children}</span>;
}

export function Notice({ tone = 'info', children }: { tone?: Tone; children: ReactNode }) {
  return <div className={`notice notice-${tone}`}>{children}</div>;
}

// ---- data loading -----------------------------------------------------------------------------

/** Load once (and again on reload(), on `deps` change, or every `pollMs`). Keeps the last data while reloading. */
export function useLoad<T>(fn: () => Promise<T>, deps: readonly unknown[], opts: { pollMs?: number } = {}) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  // Set by the timer: that load is a background refresh, which the hub does not count as use.
  const polled = useRef(false);
  useEffect(() => {
    let live = true;
    setLoading(true);
    const isPoll = polled.current;
    polled.current = false;
    (isPoll ? inBackground(() => fnRef.current()) : fnRef.current()).then(
      (d) => {
        if (!live) return;
        setData(d);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (!live) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  useEffect(() => {
    if (!opts.pollMs) return;
    const t = window.setInterval(() => {
      if (document.visibilityState !== 'visible') return;
      polled.current = true;
      setTick((n) => n + 1);
    }, opts.pollMs);
    return () => window.clearInterval(t);
  }, [opts.pollMs]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}

/** A form's submit state: busy flag, the hub's field problems by path, and a message for the top. */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const submit = useCallback(async (fn: () => Promise<void>, local: Record<string, string> = {}): Promise<boolean> => {
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setMessage('Please check the fields marked below.');
      return false;
    }
    setBusy(true);
    setErrors({});
    setMessage('');
    try {
      await fn();
      return true;
    } catch (e) {
      const fields = e instanceof ApiError ? fieldErrors(e.fields) : {};
      // A rule the handler checked says why in its own words ("None of the chosen weekdays
      // falls between the start and end dates."); a schema refusal ("Please check: …") names
      // raw paths, so the marked fields say it instead.
      const own = e instanceof ApiError && !/^Please check/i.test(e.message) ? e.message : '';
      const keys = Object.keys(fields);
      if (own && keys.length === 1 && fields[keys[0]!] === 'This is not valid.') fields[keys[0]!] = own;
      setErrors(fields);
      setMessage(keys.length > 0 ? own || 'Please check the fields marked below.' : messageOf(e));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => {
    setErrors({});
    setMessage('');
  }, []);
  return { busy, errors, message, submit, clear };
}

export function FormMessage({ message }: { message: string }) {
  // Always in the page, so screen readers announce the text when it appears.
  return (
    <div role="alert" className={message ? 'error-box' : 'alert-slot'}>
      {message && <p>{message}</p>}
    </div>
  );
}

/**
 * A form kept behind a button until wanted (adding an account, a regular visitor): the button
 * opens it; it closes on "Cancel" or when the caller sets `open` false after saving.
 */
export function FoldedForm(props: {
  open: boolean;
  onOpen: () => void;
  onClose: () => void;
  /** The button's label and the form's heading. */
  title: string;
  headingId: string;
  submitLabel: string;
  busy: boolean;
  message: string;
  onSubmit: (e: FormEvent) => void;
  children: ReactNode;
}) {
  if (!props.open)
    return (
      <p>
        <button type="button" className="btn btn-primary" onClick={props.onOpen}>
          {props.title}
        </button>
      </p>
    );
  return (
    <form className="form panel" onSubmit={props.onSubmit} noValidate aria-labelledby={props.headingId}>
      <h2 id={props.headingId}>{props.title}</h2>
      <FormMessage message={props.message} />
      {props.children}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={props.busy}>
          {props.submitLabel}
        </button>
        <button type="button" className="btn" onClick={props.onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** A polite announcement (saved, refreshed), kept in the page so it is read when it changes. */
export function Status({ message }: { message: string }) {
  return (
    <p role="status" className={message ? 'status-ok' : 'alert-slot'}>
      {message}
    </p>
  );
}

// ---- fields -------------------------------------------------------------------------------------

function describedBy(id: string, hint?: ReactNode, error?: string): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
}

function FieldBits(props: { id: string; label: string; hint?: ReactNode | undefined; error?: string | undefined; required?: boolean | undefined; children: ReactNode; className?: string | undefined }) {
  return (
    <div className={`field${props.error ? ' has-error' : ''}${props.className ? ` ${props.className}` : ''}`}>
      <label htmlFor={props.id}>
        {props.label}
        {props.required === false && <span className="optional"> (optional)</span>}
      </label>
      {props.hint && (
        <p id={`${props.id}-hint`} className="hint">
          {props.hint}
        </p>
      )}
      {props.children}
      {props.error && (
        <p id={`${props.id}-err`} className="field-error">
          {props.error}
        </p>
      )}
    </div>
  );
}

/** A new password and the same again, as set-up, password changes and staff forms ask for it. */
export function NewPasswordFields(props: {
  label: string;
  password: string;
  confirm: string;
  onPassword: (v: string) => void;
  onConfirm: (v: string) => void;
  minLength: number;
  error?: string | undefined;
  confirmError?: string | undefined;
}) {
  return (
    <>
      <Field
        label={props.label}
        type="password"
        hint={`At least ${props.minLength} characters. A short sentence is easy to remember.`}
        value={props.password}
        onChange={props.onPassword}
        autoComplete="new-password"
        error={props.error}
        required
      />
      <Field label={`${props.label} again`} type="password" value={props.confirm} onChange={props.onConfirm} autoComplete="new-password" error={props.confirmError} required />
    </>
  );
}

export function Field(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  type?: 'text' | 'password' | 'date' | 'time' | 'search' | 'number';
  hint?: ReactNode;
  error?: string | undefined;
  autoComplete?: string;
  /** false: "(optional)" after the label; true: aria-required. */
  required?: boolean;
  maxLength?: number;
  size?: 'short' | 'medium' | 'full';
  inputMode?: 'text' | 'numeric' | 'search';
  name?: string;
  /** The language of what is typed (policy text in Polish, Arabic…): its direction follows the text. */
  lang?: string;
}) {
  const id = useId();
  return (
    <FieldBits id={id} label={props.label} hint={props.hint} error={props.error} required={props.required} className={props.size ? `field-${props.size}` : undefined}>
      <input
        id={id}
        name={props.name}
        lang={props.lang}
        type={props.type ?? 'text'}
        dir={props.type === undefined || props.type === 'text' || props.type === 'search' ? 'auto' : undefined}
        value={props.value}
        autoComplete={props.autoComplete ?? 'off'}
        inputMode={props.inputMode}
        maxLength={props.maxLength}
        spellCheck={false}
        aria-required={props.required === true ? true : undefined}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </FieldBits>
  );
}

export function TextArea(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  hint?: ReactNode;
  error?: string | undefined;
  required?: boolean;
  rows?: number;
  maxLength?: number;
  lang?: string;
}) {
  const id = useId();
  return (
    <FieldBits id={id} label={props.label} hint={props.hint} error={props.error} required={props.required}>
      <textarea
        id={id}
        dir="auto"
        lang={props.lang}
        rows={props.rows ?? 3}
        value={props.value}
        maxLength={props.maxLength}
        aria-required={props.required === true ? true : undefined}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </FieldBits>
  );
}

export function Select<T extends string>(props: {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (v: T) => void;
  hint?: ReactNode;
  error?: string | undefined;
  required?: boolean;
  size?: 'short' | 'medium' | 'full';
}) {
  const id = useId();
  return (
    <FieldBits id={id} label={props.label} hint={props.hint} error={props.error} required={props.required} className={props.size ? `field-${props.size}` : undefined}>
      <select
        id={id}
        value={props.value}
        aria-required={props.required === true ? true : undefined}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
        onChange={(e) => props.onChange(e.target.value as T)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldBits>
  );
}

export function Check(props: { label: ReactNode; checked: boolean; onChange: (v: boolean) => void; hint?: string; describedBy?: string | undefined }) {
  const id = useId();
  return (
    <div className="check-row">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        aria-describedby={props.describedBy}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      <label htmlFor={id}>
        {props.label}
        {props.hint && (
          <span id={`${id}-hint`} className="hint-inline">
            {props.hint}
          </span>
        )}
      </label>
    </div>
  );
}

/** Checkboxes in a fieldset; an error is tied to the group and to each box. */
export function CheckGroup<T extends string | number>(props: {
  legend: string;
  options: readonly { value: T; label: string }[];
  values: readonly T[];
  onChange: (v: T[]) => void;
  hint?: string;
  error?: string | undefined;
  columns?: 'wide' | 'narrow';
}) {
  const id = useId();
  const desc = describedBy(id, props.hint, props.error);
  return (
    <fieldset className={`group${props.error ? ' has-error' : ''}`} aria-describedby={desc}>
      <legend>{props.legend}</legend>
      {props.hint && (
        <p id={`${id}-hint`} className="hint">
          {props.hint}
        </p>
      )}
      <div className={`check-grid check-grid-${props.columns ?? 'wide'}`}>
        {props.options.map((o) => (
          <Check
            key={String(o.value)}
            label={o.label}
            checked={props.values.includes(o.value)}
            describedBy={props.error ? `${id}-err` : undefined}
            onChange={(on) => props.onChange(on ? [...props.values, o.value] : props.values.filter((v) => v !== o.value))}
          />
        ))}
      </div>
      {props.error && (
        <p id={`${id}-err`} className="field-error">
          {props.error}
        </p>
      )}
    </fieldset>
  );
}

export function RadioGroup<T extends string>(props: {
  legend: string;
  options: readonly { value: T; label: string }[];
  value: T;
  onChange: (v: T) => void;
  error?: string | undefined;
}) {
  const name = useId();
  return (
    <fieldset className={`group${props.error ? ' has-error' : ''}`} aria-describedby={props.error ? `${name}-err` : undefined}>
      <legend>{props.legend}</legend>
      <div className="check-grid check-grid-wide">
        {props.options.map((o) => (
          <div className="check-row" key={o.value}>
            <input id={`${name}-${o.value}`} type="radio" name={name} value={o.value} checked={props.value === o.value} onChange={() => props.onChange(o.value)} />
            <label htmlFor={`${name}-${o.value}`}>{o.label}</label>
          </div>
        ))}
      </div>
      {props.error && (
        <p id={`${name}-err`} className="field-error">
          {props.error}
        </p>
      )}
    </fieldset>
  );
}

// ---- dialogs --------------------------------------------------------------------------------------

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog, drawn over the page: everything else is inert while it is open, Tab and
 * Shift+Tab cycle inside it, Escape cancels, and focus goes back where it was when it closes.
 */
export function Dialog(props: { title: string; children: ReactNode; actions: ReactNode; onCancel: () => void; role?: 'dialog' | 'alertdialog'; describedBy?: string }) {
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  const onCancel = useRef(props.onCancel);
  onCancel.current = props.onCancel;
  useEffect(() => {
    const dialog = ref.current;
    const overlay = dialog?.parentElement;
    if (!dialog || !overlay) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const madeInert: Element[] = [];
    for (const el of overlay.parentElement?.children ?? []) {
      if (el !== overlay && !el.hasAttribute('inert') && el.tagName !== 'SCRIPT') {
        el.setAttribute('inert', '');
        madeInert.push(el);
      }
    }
    (dialog.querySelector<HTMLElement>('[data-autofocus]') ?? dialog.querySelector<HTMLElement>(FOCUSABLE))?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (dialog.closest('[inert]')) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        onCancel.current();
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
  return createPortal(
    <div className="overlay">
      <div ref={ref} className="dialog" role={props.role ?? 'dialog'} aria-modal="true" aria-labelledby={`${id}-t`} aria-describedby={props.describedBy}>
        <h2 id={`${id}-t`}>{props.title}</h2>
        {props.children}
        <div className="dialog-actions">{props.actions}</div>
      </div>
    </div>,
    document.body,
  );
}

/** A dialog whose actions are "Cancel" and one submit button, both held while the form is busy. */
export function FormDialog(props: {
  title: string;
  children: ReactNode;
  onCancel: () => void;
  onSubmit: () => void;
  submitLabel: ReactNode;
  busy: boolean;
  danger?: boolean;
  role?: 'dialog' | 'alertdialog';
}) {
  return (
    <Dialog
      title={props.title}
      onCancel={props.onCancel}
      {...(props.role ? { role: props.role } : {})}
      actions={
        <>
          <button type="button" className="btn" onClick={props.onCancel} disabled={props.busy}>
            Cancel
          </button>
          <button type="button" className={props.danger ? 'btn btn-danger' : 'btn btn-primary'} onClick={props.onSubmit} disabled={props.busy}>
            {props.submitLabel}
          </button>
        </>
      }
    >
      {props.children}
    </Dialog>
  );
}

/**
 * "Are you sure?" with an optional reason (revoke, refuse): the action runs from here, and its
 * error (a field problem on `reason`, or a message) shows in the dialog.
 */
export function ConfirmDialog(props: {
  title: string;
  text: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  reasonLabel?: string;
  reasonHint?: string;
  onConfirm: (reason: string) => Promise<void>;
  onCancel: () => void;
}) {
  const textId = useId();
  const [reason, setReason] = useState('');
  const form = useSubmit();
  const local = props.reasonLabel && reason.trim() === '' ? { reason: 'Give a reason.' } : {};
  return (
    <Dialog
      title={props.title}
      role="alertdialog"
      describedBy={textId}
      onCancel={props.onCancel}
      actions={
        <>
          <button type="button" className="btn" onClick={props.onCancel} disabled={form.busy}>
            Cancel
          </button>
          <button
            type="button"
            className={`btn ${props.danger ? 'btn-danger' : 'btn-primary'}`}
            disabled={form.busy}
            onClick={() => void form.submit(() => props.onConfirm(reason), local)}
          >
            {props.confirmLabel}
          </button>
        </>
      }
    >
      <div id={textId}>{props.text}</div>
      <FormMessage message={form.message} />
      {props.reasonLabel && (
        <TextArea label={props.reasonLabel} hint={props.reasonHint} value={reason} onChange={setReason} error={form.errors.reason} required rows={3} />
      )}
    </Dialog>
  );
}

// ---- tables that become lists -----------------------------------------------------------------

export function useNarrow(query = '(max-width: 760px)'): boolean {
  const [narrow, setNarrow] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const mq = window.matchMedia(query);
    const on = () => setNarrow(mq.matches);
    on();
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, [query]);
  return narrow;
}

export type Column<T> = { label: string; cell: (row: T) => ReactNode; /** Shown as the card's heading on narrow screens. */ primary?: boolean; className?: string };

/**
 * A table on wide screens; on narrow ones (a phone, or 200% zoom) a list of cards with the same
 * cells as label/value pairs, so nothing scrolls sideways.
 */
export function DataTable<T>(props: { caption: string; columns: Column<T>[]; rows: readonly T[]; rowKey: (r: T) => string; empty: string; rowClass?: (r: T) => string }) {
  const narrow = useNarrow();
  if (props.rows.length === 0) return <p className="empty">{props.empty}</p>;
  if (narrow) {
    const primary = props.columns.find((c) => c.primary) ?? props.columns[0]!;
    return (
      <ul className="cards" aria-label={props.caption}>
        {props.rows.map((r) => (
          <li key={props.rowKey(r)} className={`card ${props.rowClass?.(r) ?? ''}`}>
            <div className="card-title">{primary.cell(r)}</div>
            <dl className="card-fields">
              {props.columns
                .filter((c) => c !== primary)
                .map((c) => (
                  <div key={c.label} className="card-field">
                    <dt>{c.label}</dt>
                    <dd>{c.cell(r)}</dd>
                  </div>
                ))}
            </dl>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th key={c.label} scope="col" className={c.className}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={props.rowKey(r)} className={props.rowClass?.(r)}>
              {props.columns.map((c) => (
                <td key={c.label} className={c.className}>
                  {c.cell(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A name typed by someone: keeps its own direction inside English text. */
export function Name({ children }: { children: string }) {
  return (
    <bdi dir="auto" className="person">
      {children}
    </bdi>
  );
}

// ---- downloads ---------------------------------------------------------------------------------

/** Bytes the hub sent as base64 (a PDF), as a Blob for a download link. */
export function base64Blob(base64: string, type: string): Blob {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type });
}

export type Download = { url: string; fileName: string; label: string };

/**
 * Files made in the page (a PDF, a JSON export) offered as `<a download>` links to object URLs
 * (the console's CSP allows these: a download is not a fetch or a frame). The URLs are revoked
 * when replaced and when the page closes.
 */
export function useDownloads() {
  const [files, setFiles] = useState<Download[]>([]);
  const live = useRef<Download[]>([]);
  useEffect(
    () => () => {
      for (const f of live.current) URL.revokeObjectURL(f.url);
    },
    [],
  );
  const set = useCallback((next: { blob: Blob; fileName: string; label: string }[]) => {
    for (const f of live.current) URL.revokeObjectURL(f.url);
    live.current = next.map((n) => ({ url: URL.createObjectURL(n.blob), fileName: n.fileName, label: n.label }));
    setFiles(live.current);
  }, []);
  return { files, set };
}

export function DownloadLinks({ files, linkRef }: { files: readonly Download[]; linkRef?: Ref<HTMLAnchorElement> }) {
  if (files.length === 0) return null;
  return (
    <ul className="downloads">
      {files.map((f, i) => (
        <li key={f.url}>
          <a className="btn btn-primary" href={f.url} download={f.fileName} ref={i === 0 ? linkRef : undefined}>
            {f.label}
          </a>
          <span className="sub">{f.fileName}</span>
        </li>
      ))}
    </ul>
  );
}
