// Runs a job once soon after start and then every day (and, for the hub, a lighter job more
// often). Timers are unref'd: a schedule never keeps a process alive on its own.
export type Schedule = { stop(): void };

export const DAY_MS = 86_400_000;

export function repeat(job: () => void, everyMs: number, log: (m: string, e?: unknown) => void, name: string): Schedule {
  const safe = () => {
    try {
      job();
    } catch (e) {
      log(`${name} failed; it will run again later`, e);
    }
  };
  // At start, but after the host has finished opening (a long purge must not delay it).
  const first = setTimeout(safe, 1000);
  const every = setInterval(safe, everyMs);
  first.unref?.();
  every.unref?.();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(every);
    },
  };
}
