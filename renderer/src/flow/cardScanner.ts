// USB/HID barcode scanners are keyboards: they "type" what the QR code holds, fast, then Enter.
// On the welcome screen (which has no text field) this listens for such a burst: keys less than
// GAP_MS apart, ending in Enter, long enough to be a card. A scanner sends a key every few ms; the
// gap is generous because a busy kiosk (or a slow USB hub) delivers them unevenly, and someone
// typing a whole code fast on a keyboard there is no harm: it is checked as a card. Stray keys
// with pauses between them do nothing; "I have a card" is the way to type a code.
import { useEffect, useRef } from 'react';

const GAP_MS = 300;
const MIN_LENGTH = 16;
const MAX_LENGTH = 64;

export function useCardScanner(active: boolean, onCode: (code: string) => void): void {
  const latest = useRef(onCode);
  latest.current = onCode;
  useEffect(() => {
    if (!active) return;
    let buffer = '';
    let last = 0;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
      if (e.ctrlKey || e.altKey || e.metaKey) return;
      const now = performance.now();
      if (now - last > GAP_MS) buffer = '';
      last = now;
      if (e.key === 'Enter') {
        const code = buffer;
        buffer = '';
        if (code.replace(/[\s-]/g, '').length >= MIN_LENGTH) {
          e.preventDefault();
          latest.current(code);
        }
        return;
      }
      if (e.key.length === 1 && buffer.length < MAX_LENGTH) buffer += e.key;
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active]);
}
