// "Read aloud" with the platform's speech synthesis, in the language of the text shown.
// It uses a voice whose language is the text's language; where the kiosk has no such voice (or
// no speech synthesis at all) it says so in words instead of offering a button that does nothing.
// While speaking, the same button (so focus stays on it) reads "Stop reading".
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALE } from '../flow/format';
import type { Language } from '../../../shared/domain';

/** Voices load asynchronously in Chromium: wait this long for them before saying there are none. */
const VOICE_WAIT_MS = 1200;

const primary = (tag: string) => tag.toLowerCase().split(/[-_]/)[0] ?? '';

/** The best voice for a language: its usual regional variant first (en-GB for English), then a
 *  local one, then any whose language code matches. */
export function chooseVoice(voices: readonly SpeechSynthesisVoice[], language: string): SpeechSynthesisVoice | undefined {
  const preferred = (LOCALE[language as Language] ?? language).toLowerCase();
  const matching = voices.filter((v) => primary(v.lang) === language.toLowerCase());
  return (
    matching.find((v) => v.lang.toLowerCase().replace('_', '-') === preferred) ??
    matching.find((v) => v.localService) ??
    matching[0]
  );
}

function speechSynthesisOrNull(): SpeechSynthesis | null {
  try {
    return typeof window !== 'undefined' && window.speechSynthesis && typeof SpeechSynthesisUtterance !== 'undefined' ? window.speechSynthesis : null;
  } catch {
    return null;
  }
}

export function ReadAloud(props: { language: string; parts: readonly string[] }) {
  const { t } = useTranslation();
  const [synth] = useState(speechSynthesisOrNull);
  const [voices, setVoices] = useState<SpeechSynthesisVoice[]>(() => synth?.getVoices() ?? []);
  const [waited, setWaited] = useState(false);
  const [speaking, setSpeaking] = useState(false);
  const queue = useRef<SpeechSynthesisUtterance[]>([]);

  useEffect(() => {
    if (!synth) return;
    const update = () => setVoices(synth.getVoices());
    synth.addEventListener?.('voiceschanged', update);
    update();
    const timer = setTimeout(() => setWaited(true), VOICE_WAIT_MS);
    return () => {
      synth.removeEventListener?.('voiceschanged', update);
      clearTimeout(timer);
    };
  }, [synth]);

  const stop = () => {
    queue.current = [];
    synth?.cancel();
    setSpeaking(false);
  };
  // Never keep talking about a text that is no longer on screen.
  useEffect(() => () => {
    queue.current = [];
    synth?.cancel();
  }, [synth, props.language, props.parts]);

  const voice = chooseVoice(voices, props.language);

  if (!synth || !voice) {
    if (synth && !waited) return null; // still looking for voices
    return (
      <p className="notice read-aloud-none" role="status">
        {t('policy.noVoice')}
      </p>
    );
  }

  const speak = () => {
    synth.cancel();
    // One utterance per paragraph: long single utterances are cut off by some engines.
    const utterances = props.parts.map((text) => {
      const u = new SpeechSynthesisUtterance(text);
      u.voice = voice;
      u.lang = voice.lang;
      u.rate = 0.9;
      return u;
    });
    queue.current = utterances;
    const finished = (u: SpeechSynthesisUtterance, failed: boolean) => {
      if (!queue.current.includes(u)) return; // stopped or superseded
      if (failed || u === utterances[utterances.length - 1]) {
        queue.current = [];
        setSpeaking(false);
      }
    };
    for (const u of utterances) {
      u.onend = () => finished(u, false);
      u.onerror = () => finished(u, true);
      synth.speak(u);
    }
    setSpeaking(true);
  };

  return (
    <div className="read-aloud">
      <button type="button" className={`btn ${speaking ? 'btn-primary' : 'btn-secondary'} btn-read`} onClick={speaking ? stop : speak}>
        <span aria-hidden="true" className="icon">
          {speaking ? '■' : '▶'}
        </span>{' '}
        {speaking ? t('policy.stopReading') : t('policy.readAloud')}
      </button>
    </div>
  );
}
