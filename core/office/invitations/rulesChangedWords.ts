// The "rules changed since your invitation" email, in each of the kiosk's 9 languages (the
// greeting and the fingerprint line are the invitation's own: words.ts). The rules themselves are
// the published version's text in that language, never translated here.
import type { Language } from '../../../shared/domain.js';

export type RulesChangedWords = {
  subject: (school: string) => string;
  changed: (school: string, date: string) => string;
  newRules: (version: number) => string;
  kiosk: string;
};

export const RULES_CHANGED_WORDS: Record<Language, RulesChangedWords> = {
  en: {
    subject: (s) => `${s}: the device rules changed since your invitation`,
    changed: (s, d) => `The phone and device rules at ${s} changed after we sent your invitation for your visit on ${d}.`,
    newRules: (v) => `The rules now in force (version ${v})`,
    kiosk: 'At the kiosk you will read and accept these rules. Your sign-in code stays the same.',
  },
  pl: {
    subject: (s) => `${s}: zasady dotyczące urządzeń zmieniły się od czasu zaproszenia`,
    changed: (s, d) => `Zasady dotyczące telefonów i urządzeń w ${s} zmieniły się po wysłaniu zaproszenia na wizytę w dniu ${d}.`,
    newRules: (v) => `Zasady obowiązujące obecnie (wersja ${v})`,
    kiosk: 'W kiosku przeczytasz i zaakceptujesz te zasady. Twój kod rejestracji się nie zmienia.',
  },
  ro: {
    subject: (s) => `${s}: regulile privind dispozitivele s-au schimbat de la invitația dumneavoastră`,
    changed: (s, d) => `Regulile privind telefoanele și dispozitivele la ${s} s-au schimbat după ce v-am trimis invitația pentru vizita din ${d}.`,
    newRules: (v) => `Regulile în vigoare acum (versiunea ${v})`,
    kiosk: 'La chioșc veți citi și accepta aceste reguli. Codul dumneavoastră de înregistrare rămâne același.',
  },
  uk: {
    subject: (s) => `${s}: правила щодо пристроїв змінилися після вашого запрошення`,
    changed: (s, d) => `Правила щодо телефонів і пристроїв у ${s} змінилися після того, як ми надіслали вам запрошення на візит ${d}.`,
    newRules: (v) => `Чинні правила (версія ${v})`,
    kiosk: 'У кіоску ви прочитаєте й приймете ці правила. Ваш код для реєстрації залишається тим самим.',
  },
  pt: {
    subject: (s) => `${s}: as regras sobre dispositivos mudaram desde o seu convite`,
    changed: (s, d) => `As regras sobre telemóveis e dispositivos em ${s} mudaram depois de lhe enviarmos o convite para a visita de ${d}.`,
    newRules: (v) => `As regras agora em vigor (versão ${v})`,
    kiosk: 'No quiosque irá ler e aceitar estas regras. O seu código de entrada continua o mesmo.',
  },
  pa: {
    subject: (s) => `${s}: ਤੁਹਾਡੇ ਸੱਦੇ ਤੋਂ ਬਾਅਦ ਉਪਕਰਣਾਂ ਸੰਬੰਧੀ ਨਿਯਮ ਬਦਲ ਗਏ ਹਨ`,
    changed: (s, d) => `${d} ਨੂੰ ਤੁਹਾਡੀ ਮੁਲਾਕਾਤ ਦਾ ਸੱਦਾ ਭੇਜਣ ਤੋਂ ਬਾਅਦ ${s} ਵਿੱਚ ਫ਼ੋਨਾਂ ਅਤੇ ਉਪਕਰਣਾਂ ਸੰਬੰਧੀ ਨਿਯਮ ਬਦਲ ਗਏ ਹਨ।`,
    newRules: (v) => `ਹੁਣ ਲਾਗੂ ਨਿਯਮ (ਸੰਸਕਰਣ ${v})`,
    kiosk: 'ਕਿਓਸਕ ਤੇ ਤੁਸੀਂ ਇਹ ਨਿਯਮ ਪੜ੍ਹੋਗੇ ਅਤੇ ਸਵੀਕਾਰ ਕਰੋਗੇ। ਤੁਹਾਡਾ ਸਾਈਨ-ਇਨ ਕੋਡ ਉਹੀ ਰਹਿੰਦਾ ਹੈ।',
  },
  ur: {
    subject: (s) => `${s}: آپ کے دعوت نامے کے بعد آلات سے متعلق قواعد بدل گئے ہیں`,
    changed: (s, d) => `${d} کو آپ کے دورے کا دعوت نامہ بھیجنے کے بعد ${s} میں فون اور آلات سے متعلق قواعد بدل گئے ہیں۔`,
    newRules: (v) => `اب نافذ قواعد (ورژن ${v})`,
    kiosk: 'کیوسک پر آپ یہ قواعد پڑھیں گے اور قبول کریں گے۔ آپ کا سائن اِن کوڈ وہی رہے گا۔',
  },
  bn: {
    subject: (s) => `${s}: আপনার আমন্ত্রণের পরে ডিভাইস সংক্রান্ত নিয়ম বদলেছে`,
    changed: (s, d) => `${d} তারিখে আপনার সফরের আমন্ত্রণ পাঠানোর পরে ${s}-এ ফোন ও ডিভাইস সংক্রান্ত নিয়ম বদলেছে।`,
    newRules: (v) => `এখন প্রযোজ্য নিয়ম (সংস্করণ ${v})`,
    kiosk: 'কিয়স্কে আপনি এই নিয়মগুলো পড়বেন ও মেনে নেবেন। আপনার সাইন-ইন কোড একই থাকবে।',
  },
  ar: {
    subject: (s) => `${s}: تغيّرت قواعد الأجهزة منذ دعوتك`,
    changed: (s, d) => `تغيّرت قواعد الهواتف والأجهزة في ${s} بعد أن أرسلنا إليك الدعوة لزيارتك يوم ${d}.`,
    newRules: (v) => `القواعد السارية الآن (الإصدار ${v})`,
    kiosk: 'ستقرأ هذه القواعد وتوافق عليها في الكشك. يبقى رمز تسجيل الدخول الخاص بك كما هو.',
  },
};
