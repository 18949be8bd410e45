// The site's wall clock. Exemptions are written by the office in local terms ("Tuesdays,
// 09:00–15:00, 2 to 20 March"), so the kiosk must turn an instant into the site's local day,
// weekday and time, and a local day + time back into an instant (for "until 15:00" on a badge),
// whatever time zone the kiosk's own operating system happens to be set to.

export type WallClock = {
  /** YYYY-MM-DD */
  day: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** HH:MM, 24-hour. */
  time: string;
};

const formats = new Map<string, Intl.DateTimeFormat>();
function format(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, f);
  }
  return f;
}

function fields(at: Date, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const p = Object.fromEntries(format(timeZone).formatToParts(at).map((x) => [x.type, x.value]));
  return { y: Number(p.year), mo: Number(p.month), d: Number(p.day), h: Number(p.hour), mi: Number(p.minute), s: Number(p.second) };
}

const pad = (n: number) => String(n).padStart(2, '0');

export function wallClock(at: Date, timeZone: string): WallClock {
  const f = fields(at, timeZone);
  const weekday = new Date(Date.UTC(f.y, f.mo - 1, f.d)).getUTCDay() || 7; // Sunday is 0 in JS, 7 in ISO
  return { day: `${f.y}-${pad(f.mo)}-${pad(f.d)}`, weekday, time: `${pad(f.h)}:${pad(f.mi)}` };
}

/** How far the zone's wall clock is ahead of UTC at `at`, in ms. */
function offsetMs(at: Date, timeZone: string): number {
  const f = fields(at, timeZone);
  return Date.UTC(f.y, f.mo - 1, f.d, f.h, f.mi, f.s) - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant a local day + HH:MM names in the zone. Two passes settle a DST change between the
 *  guess and the answer; a time that does not exist (the spring-forward hour) lands just after it. */
export function instantAt(day: string, time: string, timeZone: string): Date {
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  let guess = asUtc - offsetMs(new Date(asUtc), timeZone);
  guess = asUtc - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}
