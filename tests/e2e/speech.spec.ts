// "Read aloud" on the policy screen. speechSynthesis is stubbed in the page (addInitScript) so
// the test can see what would be spoken, in which language and with which voice; without a voice
// for the language, or without speech synthesis at all, the kiosk says so in words.
import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_POLICY } from '../../core/site/defaults.js';
import { chooseLanguage, fillAboutYouIn, STRINGS } from './kiosk.js';

type Spoken = { text: string; lang: string; voice: string | null };
declare global {
  interface Window {
    __speech: { spoken: Spoken[]; cancelled: number; finishAll(): void };
  }
}

/** A fake speech engine with the given voices; records utterances, speaks until finishAll(). */
async function stubSpeech(page: Page, voiceLangs: string[] | null): Promise<void> {
  await page.addInitScript((langs) => {
    if (langs === null) {
      // A platform with no speech synthesis at all.
      delete (window as { speechSynthesis?: unknown }).speechSynthesis;
      Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });
      return;
    }
    type U = { text: string; lang: string; voice: { lang: string; name: string } | null; rate: number; onend: null | (() => void); onerror: null | (() => void) };
    const pending: U[] = [];
    const record = { spoken: [] as { text: string; lang: string; voice: string | null }[], cancelled: 0, finishAll: () => pending.splice(0).forEach((u) => u.onend?.()) };
    (window as unknown as { __speech: typeof record }).__speech = record;
    class FakeUtterance {
      text: string;
      lang = '';
      voice: { lang: string; name: string } | null = null;
      rate = 1;
      onend: null | (() => void) = null;
      onerror: null | (() => void) = null;
      constructor(text: string) {
        this.text = text;
      }
    }
    const voices = langs.map((lang, i) => ({ lang, name: `Voice ${lang}`, voiceURI: `v${i}`, localService: true, default: i === 0 }));
    const synth = {
      getVoices: () => voices,
      speak: (u: U) => {
        record.spoken.push({ text: u.text, lang: u.lang, voice: u.voice?.lang ?? null });
        pending.push(u);
      },
      cancel: () => {
        record.cancelled++;
        pending.splice(0).forEach((u) => u.onerror?.());
      },
      addEventListener: () => {},
      removeEventListener: () => {},
    };
    Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: FakeUtterance, configurable: true, writable: true });
    Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  }, voiceLangs);
}

const spoken = (page: Page) => page.evaluate(() => window.__speech.spoken);

test('reads the policy aloud in English with an English voice, and stops on request', async ({ page }) => {
  await stubSpeech(page, ['en-US', 'en-GB', 'ar-SA', 'pl-PL']);
  await page.goto('/');
  const s = STRINGS.en;
  await fillAboutYouIn(page, s, 'Listener One');

  const read = page.getByRole('button', { name: s.policy.readAloud });
  await read.click();
  const said = await spoken(page);
  expect(said.map((u) => u.text)[0]).toBe(DEFAULT_POLICY.en.title);
  expect(said).toHaveLength(1 + DEFAULT_POLICY.en.points.length);
  expect(said[2]!.text).toContain('the school office; the staff room; outside the main gate'); // as shown, places filled in
  expect(new Set(said.map((u) => u.voice))).toEqual(new Set(['en-GB'])); // the British voice for a UK school
  expect(new Set(said.map((u) => u.lang))).toEqual(new Set(['en-GB']));

  // While speaking, the same button (focus stays on it) stops.
  const stop = page.getByRole('button', { name: s.policy.stopReading });
  await expect(stop).toBeFocused();
  await stop.press('Enter');
  await expect(read).toBeVisible();
  expect(await page.evaluate(() => window.__speech.cancelled)).toBeGreaterThan(0);

  // Speaking to the end puts the button back too.
  await read.click();
  await expect(stop).toBeVisible();
  await page.evaluate(() => window.__speech.finishAll());
  await expect(read).toBeVisible();
});

test('reads the Arabic policy with an Arabic voice', async ({ page }) => {
  await stubSpeech(page, ['en-GB', 'ar-SA']);
  await page.goto('/');
  const s = await chooseLanguage(page, 'ar');
  await fillAboutYouIn(page, s, 'مريم أحمد');
  await page.getByRole('button', { name: s.policy.readAloud }).click();
  const said = await spoken(page);
  expect(said[0]).toEqual({ text: DEFAULT_POLICY.ar.title, lang: 'ar-SA', voice: 'ar-SA' });
  expect(said.every((u) => u.voice === 'ar-SA')).toBe(true);
});

test('says reading aloud is not available when there is no voice for the language', async ({ page }) => {
  await stubSpeech(page, ['en-GB', 'ar-SA']);
  await page.goto('/');
  const s = await chooseLanguage(page, 'bn');
  await fillAboutYouIn(page, s, 'Rahim Uddin');
  await expect(page.getByText(s.policy.noVoice)).toBeVisible();
  await expect(page.getByRole('button', { name: s.policy.readAloud })).toHaveCount(0);
  expect(await spoken(page)).toEqual([]);
});

test('says reading aloud is not available where the platform has no speech synthesis', async ({ page }) => {
  await stubSpeech(page, null);
  await page.goto('/');
  const s = STRINGS.en;
  await fillAboutYouIn(page, s, 'Listener Two');
  await expect(page.getByText('Reading aloud is not available in this language on this kiosk.')).toBeVisible();
  await expect(page.getByRole('button', { name: s.policy.readAloud })).toHaveCount(0);
});

test('on this machine’s own Chromium, the button either is offered or says it is not available', async ({ page }) => {
  await page.goto('/');
  const s = STRINGS.en;
  await fillAboutYouIn(page, s, 'Listener Three');
  await expect(page.getByRole('button', { name: s.policy.readAloud }).or(page.getByText(s.policy.noVoice))).toBeVisible();
});
