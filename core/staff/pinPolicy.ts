// How wrong staff PINs slow down (issue #12). Plain functions, no storage: core/staff/pin.ts
// keeps the counts. Each action has its own counter and limit, so tries at "exit the kiosk"
// never hold up the fire roll call. The roll call never waits more than a minute: a visitor
// pressing wrong PINs must not be able to keep staff out of it in an emergency.
export const PIN_PURPOSES = ['rollCall', 'exit'] as const;
export type PinPurpose = (typeof PIN_PURPOSES)[number];

export type PinPolicy = {
  /** Wrong PINs in a row allowed with no wait. */
  freeTries: number;
  /** The longest wait after a wrong PIN. */
  maxDelayMs: number;
};

export const PIN_POLICIES: Record<PinPurpose, PinPolicy> = {
  rollCall: { freeTries: 3, maxDelayMs: 60_000 },
  // Leaving the kiosk is never urgent: it may wait longer (but still never locks for good).
  exit: { freeTries: 3, maxDelayMs: 15 * 60_000 },
};

/** The wait before the next try after `failures` wrong PINs in a row: none for the first few,
 *  then 2 s, 4 s, 8 s … doubling up to the purpose's ceiling. */
export function delayAfterFailures(purpose: PinPurpose, failures: number): number {
  const p = PIN_POLICIES[purpose];
  if (failures <= p.freeTries) return 0;
  const exp = Math.min(failures - p.freeTries, 30); // 2^30 s is far past any ceiling
  return Math.min(p.maxDelayMs, 1000 * 2 ** exp);
}

export function waitMessage(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  if (s < 120) return `Too many wrong PINs. Please wait ${s} second${s === 1 ? '' : 's'} and try again.`;
  const m = Math.ceil(s / 60);
  return `Too many wrong PINs. Please wait ${m} minutes and try again.`;
}
