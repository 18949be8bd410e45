// Quick sign-in by card (issue #13) beside a first-time visitor's sign-in, as scripted flows on a
// real kiosk (its own SQLite file): each flow is the list of screens, with the taps and the
// characters typed on each, and the kiosk calls those screens make; the time is the calls', timed
// from the first to the last (what the kiosk itself spends; the visitor's reading is not timed).
// The taps of the card flow are the ones tests/e2e/regulars.spec.ts counts in the real screens.
import { createHash } from 'node:crypto';
import type { Kiosk } from '../../core/kiosk.js';
import { applyRegularsChange } from '../../core/regulars/kioskCopy.js';
import { DEFAULT_AGREEMENT } from '../../core/regulars/defaults.js';
import { cardCodeFromBytes, cardHashInput } from '../../shared/cardCode.js';
import type { CardScan } from '../../shared/regulars.js';
import { cardSignInInput, signInInput, tempKiosk } from '../support/tempKiosk.js';
import { fmtMs, summarise, table, timeMs, type Stats } from './stats.js';

type Step = { screen: string; taps: number; typed: number; scans: number };
export type FlowResult = { steps: Step[]; taps: number; typed: number; scans: number; calls: string[]; time: Stats };
export type RegularsBenchResult = { what: string; n: number; firstTime: FlowResult; returningRegular: FlowResult; returningChanged: FlowResult };

const NAME = 'Jane Smith';
const PURPOSE = 'Meeting with class teacher';

function flow(steps: Step[], calls: string[], samples: number[]): FlowResult {
  const sum = (k: 'taps' | 'typed' | 'scans') => steps.reduce((n, s) => n + s[k], 0);
  return { steps, taps: sum('taps'), typed: sum('typed'), scans: sum('scans'), calls, time: summarise(samples) };
}

export function benchRegulars(opts: { samples: number; dataDir?: string; say: (s?: string) => void }): RegularsBenchResult {
  const k: Kiosk = tempKiosk(opts.dataDir ? { dataDir: opts.dataDir } : {});
  try {
    const { db, core } = k;
    const code = cardCodeFromBytes(Uint8Array.from({ length: 15 }, (_, i) => (i * 7 + 3) & 255));
    const host = core.run('kiosk.bootstrap', { language: 'en' }).hosts[0]!.id;
    // As the office's sync would copy them: the agreement and one volunteer with a valid check.
    db.transaction(() => {
      applyRegularsChange(db, { seq: 1, entity: 'agreement', key: 'current', body: { versionId: 'agreement-v1', version: 1, publishedAt: new Date().toISOString(), renewalDay: '09-01', texts: DEFAULT_AGREEMENT } });
      applyRegularsChange(db, {
        seq: 2,
        entity: 'regular',
        key: 'r1',
        body: { id: 'r1', cardHash: createHash('sha256').update(cardHashInput(code)).digest('hex'), maskedName: 'Jane S.', organisation: '', role: 'Reading volunteer', category: 'volunteer', hostId: host, status: 'active', assuranceValidUntil: '2099-12-31', agreementVersionId: null, agreementAckDay: null, policyVersionId: null },
      });
    })();
    const signOut = (visitId: string) => core.run('visit.signOut', { visitId, phoneCollected: true }, 'kiosk');

    // First-time visitor: welcome → about you → phone rules → phone → done.
    const firstTime = () => {
      const boot = core.run('kiosk.bootstrap', { language: 'en' }, 'kiosk');
      core.run('visitor.policyStatus', { fullName: NAME }, 'kiosk');
      return core.run('visit.signIn', { ...signInInput(k, { fullName: NAME, purpose: PURPOSE, phone: { choice: 'reception' } }), policy: { versionId: boot.policy.versionId, textHash: boot.policy.textHash } }, 'kiosk').visitId;
    };
    // Returning regular: scan on the welcome screen → welcome back (phone) → done.
    const returning = () => {
      core.run('kiosk.bootstrap', { language: 'en' }, 'kiosk');
      const s = core.run('regular.scan', { cardCode: code, language: 'en' }, 'kiosk') as CardScan;
      if (s.status !== 'ok' || s.agreement || s.policyChanged) throw new Error('the regular should have nothing to acknowledge');
      return core.run('regular.signIn', { cardCode: code, language: 'en', phone: { choice: 'reception' } }, 'kiosk').visitId;
    };
    // The first card sign-in (agreement and phone rules to acknowledge) makes them a returning regular.
    const firstCard = () => {
      const s = core.run('regular.scan', { cardCode: code, language: 'en' }, 'kiosk') as CardScan;
      return core.run('regular.signIn', cardSignInInput({ core }, code, s), 'kiosk').visitId;
    };
    const changedSample: number[] = [];
    {
      let id = '';
      changedSample.push(timeMs(() => (id = firstCard())));
      signOut(id);
    }
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < opts.samples; i++) {
      let id = '';
      a.push(timeMs(() => (id = firstTime())));
      signOut(id);
      b.push(timeMs(() => (id = returning())));
      signOut(id);
    }
    const result: RegularsBenchResult = {
      what: 'kiosk calls of each scripted flow, timed together; taps and characters typed as the screens need them',
      n: opts.samples,
      firstTime: flow(
        [
          { screen: 'Welcome: "Sign in"', taps: 1, typed: 0, scans: 0 },
          { screen: 'About you: category, name, host, reason, "Continue"', taps: 5, typed: NAME.length + PURPOSE.length, scans: 0 },
          { screen: 'Phone rules: tick, "Continue"', taps: 2, typed: 0, scans: 0 },
          { screen: 'Your phone: choice, "Sign in"', taps: 2, typed: 0, scans: 0 },
          { screen: 'Done: "Finish"', taps: 1, typed: 0, scans: 0 },
        ],
        ['kiosk.bootstrap', 'visitor.policyStatus', 'visit.signIn'],
        a,
      ),
      returningRegular: flow(
        [
          { screen: 'Welcome: scan the card', taps: 0, typed: 0, scans: 1 },
          { screen: 'Welcome back: phone choice, "Sign in"', taps: 2, typed: 0, scans: 0 },
          { screen: 'Done: "Finish"', taps: 1, typed: 0, scans: 0 },
        ],
        ['kiosk.bootstrap', 'regular.scan', 'regular.signIn'],
        b,
      ),
      returningChanged: flow(
        [
          { screen: 'Welcome: scan the card', taps: 0, typed: 0, scans: 1 },
          { screen: 'Welcome back: tick phone rules, tick agreement, phone choice, "Sign in"', taps: 4, typed: 0, scans: 0 },
          { screen: 'Done: "Finish"', taps: 1, typed: 0, scans: 0 },
        ],
        ['kiosk.bootstrap', 'regular.scan', 'regular.signIn'],
        changedSample,
      ),
    };
    opts.say(
      table([
        ['flow', 'taps', 'typed', 'scans', 'kiosk time p50', 'p99'],
        ['first-time visitor', String(result.firstTime.taps), String(result.firstTime.typed), '0', `${fmtMs(result.firstTime.time.p50)} ms`, `${fmtMs(result.firstTime.time.p99)} ms`],
        ['returning regular (card, nothing changed)', String(result.returningRegular.taps), '0', '1', `${fmtMs(result.returningRegular.time.p50)} ms`, `${fmtMs(result.returningRegular.time.p99)} ms`],
        ['regular, agreement and rules to acknowledge', String(result.returningChanged.taps), '0', '1', `${fmtMs(result.returningChanged.time.p50)} ms`, '(one sample)'],
      ]),
    );
    return result;
  } finally {
    k.close();
  }
}
