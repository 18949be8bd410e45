// Display modes for the office console (issue 7), the same as the kiosk's: larger text and high
// contrast are classes on <html> (`large-text`, `high-contrast`), so every page reflows with them.
// The choice is kept in this browser (localStorage); with nothing stored, high contrast follows
// the system's "more contrast" setting (prefers-contrast: more).
import { useEffect, useId, useRef, useState } from 'react';

export type DisplayPrefs = { largeText: boolean; highContrast: boolean };

const KEY = 'visitorOffice.display';

function systemWantsContrast(): boolean {
  try {
    return window.matchMedia('(prefers-contrast: more)').matches;
  } catch {
    return false;
  }
}

export function loadDisplay(): DisplayPrefs {
  try {
    const raw = window.localStorage.getItem(KEY);
    if (raw) {
      const p = JSON.parse(raw) as Partial<DisplayPrefs>;
      return { largeText: p.largeText === true, highContrast: typeof p.highContrast === 'boolean' ? p.highContrast : systemWantsContrast() };
    }
  } catch {
    // Storage blocked or the value damaged: the defaults.
  }
  return { largeText: false, highContrast: systemWantsContrast() };
}

function saveDisplay(p: DisplayPrefs): void {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(p));
  } catch {
    // Storage blocked: the choice lasts until the page is reloaded.
  }
}

export function applyDisplay(p: DisplayPrefs): void {
  document.documentElement.classList.toggle('large-text', p.largeText);
  document.documentElement.classList.toggle('high-contrast', p.highContrast);
}

/** The "Display" button in the header: opens two toggle buttons, Larger text and High contrast. */
export function DisplayControl() {
  const [prefs, setPrefs] = useState<DisplayPrefs>(loadDisplay);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => applyDisplay(prefs), [prefs]);
  // A click elsewhere closes the panel, as menus do.
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [open]);
  const set = (patch: Partial<DisplayPrefs>) => {
    const next = { ...prefs, ...patch };
    saveDisplay(next);
    setPrefs(next);
  };
  return (
    <div className="display-control" ref={box}>
      <button
        type="button"
        className="btn btn-on-dark"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setOpen(false);
        }}
      >
        Display
      </button>
      {open && (
        <div
          id={panelId}
          className="display-panel"
          role="group"
          aria-label="Display"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setOpen(false);
              (e.currentTarget.previousElementSibling as HTMLElement | null)?.focus();
            }
          }}
        >
          <button type="button" className="btn btn-on-dark btn-toggle" aria-pressed={prefs.largeText} onClick={() => set({ largeText: !prefs.largeText })}>
            Larger text
          </button>
          <button type="button" className="btn btn-on-dark btn-toggle" aria-pressed={prefs.highContrast} onClick={() => set({ highContrast: !prefs.highContrast })}>
            High contrast
          </button>
        </div>
      )}
    </div>
  );
}
