// USB/HID barcode scanners are keyboards: they "type" what the QR code holds, fast, then Enter.
// On the welcome screen (which has no text field) this listens for such a burst: keys less than
// GAP_MS apart, ending in Enter, long enough to be a card. Slow typing is left alone, so a
// visitor pressing keys does nothing surprising; they use "I have a card" to type a code.
import { useEffect, useRef } from 'react';

const GAP_MS = 80;
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
