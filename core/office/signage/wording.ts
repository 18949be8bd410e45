// The poster's own words in the nine kiosk languages. The places, names and contact details
// are the school's own words and appear as written; the complaints and whistleblowing routes
// are the school's text when it set one (site settings), else these defaults.
// Machine-assisted translations, to be checked by the school (as the kiosk's: see README).
import type { Language } from '../../../shared/domain.js';

export type PosterWords = {
  title: string;
  lockedAway: string;
  approved: string;
  noApproved: string;
  never: string;
  dsls: string;
  dsl: string;
  deputy: string;
  noDsls: string;
  concern: string;
  complaints: string;
  complaintsDefault: string;
  whistleblowing: string;
  whistleblowingDefault: string;
  version: string;
};

/** The national whistleblowing line, on a line of its own (digits must not be reordered in right-to-left text). */
export const NSPCC_LINE = 'NSPCC 0800 028 0285';

export const POSTER_WORDS: Record<Language, PosterWords> = {
  en: {
    title: 'Phones and smart devices',
    lockedAway: 'While you are on site, keep your phone and smart devices locked away.',
    approved: 'Devices may be used only in:',
    noApproved: 'Nowhere on site: keep them locked away.',
    never: 'Never use a device in:',
    dsls: 'Worried about a child? Tell a Designated Safeguarding Lead:',
    dsl: 'Designated Safeguarding Lead',
    deputy: 'Deputy DSL',
    noDsls: 'Ask at reception for the safeguarding lead on duty.',
    concern: 'Tell any member of staff, ask at reception, or tap “Help” and “Report a concern” on the sign-in screen.',
    complaints: 'Complaints',
    complaintsDefault: 'Ask at reception for our complaints procedure, or see the school website.',
    whistleblowing: 'Whistleblowing (staff and volunteers)',
    whistleblowingDefault: 'Follow our whistleblowing procedure. If you cannot raise it inside the school, call the NSPCC Whistleblowing Advice Line:',
    version: 'Policy version',
  },
  pl: {
    title: 'Telefony i urządzenia smart',
    lockedAway: 'Podczas pobytu na terenie szkoły telefon i urządzenia smart muszą być zamknięte.',
    approved: 'Z urządzeń można korzystać tylko tutaj:',
    noApproved: 'Nigdzie na terenie szkoły: proszę je zamknąć.',
    never: 'Nigdy nie używaj urządzeń w tych miejscach:',
    dsls: 'Martwisz się o dziecko? Powiedz osobie odpowiedzialnej za ochronę dzieci:',
    dsl: 'Osoba odpowiedzialna za ochronę dzieci',
    deputy: 'Zastępca DSL',
    noDsls: 'Zapytaj w recepcji, kto dziś odpowiada za ochronę dzieci.',
    concern: 'Powiedz dowolnemu pracownikowi, zapytaj w recepcji albo na ekranie rejestracji dotknij „Pomoc” i „Zgłoś obawę”.',
    complaints: 'Skargi',
    complaintsDefault: 'O procedurę skargową zapytaj w recepcji lub sprawdź stronę internetową szkoły.',
    whistleblowing: 'Sygnalizowanie nieprawidłowości (pracownicy i wolontariusze)',
    whistleblowingDefault: 'Postępuj zgodnie z naszą procedurą. Jeśli nie możesz zgłosić sprawy w szkole, zadzwoń na linię NSPCC:',
    version: 'Wersja zasad',
  },
  ro: {
    title: 'Telefoane și dispozitive inteligente',
    lockedAway: 'Cât timp vă aflați în școală, țineți telefonul și dispozitivele inteligente încuiate.',
    approved: 'Dispozitivele pot fi folosite doar în:',
    noApproved: 'Nicăieri în școală: țineți-le încuiate.',
    never: 'Nu folosiți niciodată un dispozitiv în:',
    dsls: 'Sunteți îngrijorat pentru un copil? Spuneți unei persoane responsabile cu protecția copilului:',
    dsl: 'Responsabil desemnat cu protecția copilului',
    deputy: 'Adjunct DSL',
    noDsls: 'Întrebați la recepție cine este responsabilul de serviciu.',
    concern: 'Spuneți oricărui membru al personalului, întrebați la recepție sau atingeți „Ajutor” și „Raportați o îngrijorare” pe ecranul de înregistrare.',
    complaints: 'Reclamații',
    complaintsDefault: 'Cereți la recepție procedura de reclamații sau consultați site-ul școlii.',
    whistleblowing: 'Semnalarea neregulilor (personal și voluntari)',
    whistleblowingDefault: 'Urmați procedura noastră. Dacă nu puteți semnala în școală, sunați la linia NSPCC:',
    version: 'Versiunea politicii',
  },
  uk: {
    title: 'Телефони та смарт-пристрої',
    lockedAway: 'Поки ви на території школи, тримайте телефон і смарт-пристрої замкненими.',
    approved: 'Користуватися пристроями можна лише тут:',
    noApproved: 'Ніде на території школи: тримайте їх замкненими.',
    never: 'Ніколи не користуйтеся пристроями тут:',
    dsls: 'Турбуєтеся про дитину? Скажіть відповідальній особі із захисту дітей:',
    dsl: 'Відповідальна особа із захисту дітей',
    deputy: 'Заступник DSL',
    noDsls: 'Запитайте на рецепції, хто сьогодні відповідає за захист дітей.',
    concern: 'Скажіть будь-кому з персоналу, зверніться на рецепцію або натисніть «Допомога» і «Повідомити про занепокоєння» на екрані реєстрації.',
    complaints: 'Скарги',
    complaintsDefault: 'Запитайте на рецепції про порядок подання скарг або перегляньте вебсайт школи.',
    whistleblowing: 'Повідомлення про порушення (персонал і волонтери)',
    whistleblowingDefault: 'Дотримуйтеся нашої процедури. Якщо не можете повідомити в школі, телефонуйте на лінію NSPCC:',
    version: 'Версія правил',
  },
  pt: {
    title: 'Telemóveis e dispositivos inteligentes',
    lockedAway: 'Enquanto estiver na escola, mantenha o telemóvel e os dispositivos inteligentes guardados à chave.',
    approved: 'Os dispositivos só podem ser usados em:',
    noApproved: 'Em nenhum lugar da escola: mantenha-os guardados.',
    never: 'Nunca use um dispositivo em:',
    dsls: 'Preocupado com uma criança? Fale com um responsável pela proteção de crianças:',
    dsl: 'Responsável designado pela proteção de crianças',
    deputy: 'DSL adjunto',
    noDsls: 'Pergunte na receção quem é o responsável de serviço.',
    concern: 'Fale com qualquer funcionário, pergunte na receção ou toque em «Ajuda» e «Comunicar uma preocupação» no ecrã de registo.',
    complaints: 'Reclamações',
    complaintsDefault: 'Peça na receção o nosso procedimento de reclamações ou consulte o site da escola.',
    whistleblowing: 'Denúncia de irregularidades (pessoal e voluntários)',
    whistleblowingDefault: 'Siga o nosso procedimento. Se não puder comunicar dentro da escola, ligue para a linha da NSPCC:',
    version: 'Versão da política',
  },
  pa: {
    title: 'ਫ਼ੋਨ ਅਤੇ ਸਮਾਰਟ ਡਿਵਾਈਸਾਂ',
    lockedAway: 'ਸਕੂਲ ਵਿੱਚ ਹੁੰਦੇ ਹੋਏ ਆਪਣਾ ਫ਼ੋਨ ਅਤੇ ਸਮਾਰਟ ਡਿਵਾਈਸਾਂ ਤਾਲੇ ਵਿੱਚ ਰੱਖੋ।',
    approved: 'ਡਿਵਾਈਸਾਂ ਸਿਰਫ਼ ਇੱਥੇ ਵਰਤੀਆਂ ਜਾ ਸਕਦੀਆਂ ਹਨ:',
    noApproved: 'ਸਕੂਲ ਵਿੱਚ ਕਿਤੇ ਵੀ ਨਹੀਂ: ਇਹਨਾਂ ਨੂੰ ਤਾਲੇ ਵਿੱਚ ਰੱਖੋ।',
    never: 'ਇਹਨਾਂ ਥਾਵਾਂ ਤੇ ਕਦੇ ਵੀ ਡਿਵਾਈਸ ਨਾ ਵਰਤੋ:',
    dsls: 'ਕਿਸੇ ਬੱਚੇ ਬਾਰੇ ਚਿੰਤਾ ਹੈ? ਸੁਰੱਖਿਆ ਲਈ ਜ਼ਿੰਮੇਵਾਰ ਵਿਅਕਤੀ ਨੂੰ ਦੱਸੋ:',
    dsl: 'ਮਨੋਨੀਤ ਸੁਰੱਖਿਆ ਮੁਖੀ',
    deputy: 'ਡਿਪਟੀ ਸੁਰੱਖਿਆ ਮੁਖੀ',
    noDsls: 'ਰਿਸੈਪਸ਼ਨ ਤੇ ਪੁੱਛੋ ਕਿ ਅੱਜ ਸੁਰੱਖਿਆ ਮੁਖੀ ਕੌਣ ਹੈ।',
    concern: 'ਸਟਾਫ਼ ਦੇ ਕਿਸੇ ਵੀ ਮੈਂਬਰ ਨੂੰ ਦੱਸੋ, ਰਿਸੈਪਸ਼ਨ ਤੇ ਪੁੱਛੋ, ਜਾਂ ਸਾਈਨ-ਇਨ ਸਕ੍ਰੀਨ ਤੇ “ਮਦਦ” ਅਤੇ “ਚਿੰਤਾ ਦੀ ਰਿਪੋਰਟ ਕਰੋ” ਦਬਾਓ।',
    complaints: 'ਸ਼ਿਕਾਇਤਾਂ',
    complaintsDefault: 'ਸਾਡੀ ਸ਼ਿਕਾਇਤ ਪ੍ਰਕਿਰਿਆ ਲਈ ਰਿਸੈਪਸ਼ਨ ਤੇ ਪੁੱਛੋ, ਜਾਂ ਸਕੂਲ ਦੀ ਵੈੱਬਸਾਈਟ ਦੇਖੋ।',
    whistleblowing: 'ਗਲਤ ਕੰਮ ਦੀ ਸੂਚਨਾ (ਸਟਾਫ਼ ਅਤੇ ਵਲੰਟੀਅਰ)',
    whistleblowingDefault: 'ਸਾਡੀ ਪ੍ਰਕਿਰਿਆ ਦੀ ਪਾਲਣਾ ਕਰੋ। ਜੇ ਤੁਸੀਂ ਸਕੂਲ ਅੰਦਰ ਗੱਲ ਨਹੀਂ ਉਠਾ ਸਕਦੇ, ਤਾਂ ਹੇਠਾਂ ਦਿੱਤੀ ਲਾਈਨ ਤੇ ਫ਼ੋਨ ਕਰੋ:',
    version: 'ਨੀਤੀ ਦਾ ਸੰਸਕਰਣ',
  },
  ur: {
    title: 'فون اور اسمارٹ آلات',
    lockedAway: 'اسکول میں رہتے ہوئے اپنا فون اور اسمارٹ آلات تالے میں بند رکھیں۔',
    approved: 'آلات صرف یہاں استعمال کیے جا سکتے ہیں:',
    noApproved: 'اسکول میں کہیں بھی نہیں: انہیں تالے میں بند رکھیں۔',
    never: 'ان جگہوں پر کبھی کوئی آلہ استعمال نہ کریں:',
    dsls: 'کسی بچے کے بارے میں فکر ہے؟ تحفظ کے ذمہ دار کو بتائیں:',
    dsl: 'نامزد تحفظ سربراہ',
    deputy: 'نائب تحفظ سربراہ',
    noDsls: 'استقبالیہ پر پوچھیں کہ آج تحفظ کا ذمہ دار کون ہے۔',
    concern: 'عملے کے کسی بھی رکن کو بتائیں، استقبالیہ پر پوچھیں، یا سائن اِن اسکرین پر «مدد» اور «تشویش کی اطلاع دیں» دبائیں۔',
    complaints: 'شکایات',
    complaintsDefault: 'ہمارے شکایات کے طریقۂ کار کے لیے استقبالیہ پر پوچھیں، یا اسکول کی ویب سائٹ دیکھیں۔',
    whistleblowing: 'بے ضابطگی کی اطلاع: عملہ اور رضاکار',
    whistleblowingDefault: 'ہمارے طریقۂ کار پر عمل کریں۔ اگر آپ اسکول کے اندر بات نہیں اٹھا سکتے تو نیچے دی گئی لائن پر کال کریں:',
    version: 'پالیسی کا ورژن',
  },
  bn: {
    title: 'ফোন ও স্মার্ট ডিভাইস',
    lockedAway: 'স্কুলে থাকার সময় আপনার ফোন ও স্মার্ট ডিভাইস তালাবদ্ধ করে রাখুন।',
    approved: 'ডিভাইস শুধু এখানে ব্যবহার করা যাবে:',
    noApproved: 'স্কুলের কোথাও নয়: তালাবদ্ধ করে রাখুন।',
    never: 'এই জায়গাগুলোতে কখনও ডিভাইস ব্যবহার করবেন না:',
    dsls: 'কোনো শিশুকে নিয়ে চিন্তিত? সুরক্ষা দায়িত্বপ্রাপ্ত ব্যক্তিকে জানান:',
    dsl: 'মনোনীত সুরক্ষা প্রধান',
    deputy: 'উপ-সুরক্ষা প্রধান',
    noDsls: 'আজ সুরক্ষার দায়িত্বে কে আছেন, রিসেপশনে জিজ্ঞাসা করুন।',
    concern: 'যেকোনো কর্মীকে জানান, রিসেপশনে জিজ্ঞাসা করুন, অথবা সাইন-ইন স্ক্রিনে “সাহায্য” ও “উদ্বেগ জানান” চাপুন।',
    complaints: 'অভিযোগ',
    complaintsDefault: 'আমাদের অভিযোগ পদ্ধতির জন্য রিসেপশনে জিজ্ঞাসা করুন, অথবা স্কুলের ওয়েবসাইট দেখুন।',
    whistleblowing: 'অনিয়মের তথ্য জানানো (কর্মী ও স্বেচ্ছাসেবক)',
    whistleblowingDefault: 'আমাদের পদ্ধতি মেনে চলুন। স্কুলের ভেতরে জানাতে না পারলে নিচের লাইনে ফোন করুন:',
    version: 'নীতির সংস্করণ',
  },
  ar: {
    title: 'الهواتف والأجهزة الذكية',
    lockedAway: 'أثناء وجودك في المدرسة، احتفظ بهاتفك وأجهزتك الذكية في مكان مقفل.',
    approved: 'يُسمح باستخدام الأجهزة في هذه الأماكن فقط:',
    noApproved: 'لا يُسمح في أي مكان في المدرسة: احتفظ بها مقفلة.',
    never: 'لا تستخدم أي جهاز أبدًا في:',
    dsls: 'هل أنت قلق على طفل؟ أخبر المسؤول المعيَّن عن حماية الأطفال:',
    dsl: 'المسؤول المعيَّن عن حماية الأطفال',
    deputy: 'نائب المسؤول',
    noDsls: 'اسأل في الاستقبال عن المسؤول عن الحماية اليوم.',
    concern: 'أخبر أي موظف، أو اسأل في الاستقبال، أو اضغط «مساعدة» ثم «الإبلاغ عن قلق» على شاشة تسجيل الدخول.',
    complaints: 'الشكاوى',
    complaintsDefault: 'اطلب إجراءات الشكاوى من الاستقبال، أو راجع موقع المدرسة.',
    whistleblowing: 'الإبلاغ عن المخالفات (الموظفون والمتطوعون)',
    whistleblowingDefault: 'اتبع إجراءاتنا. إذا لم تتمكن من الإبلاغ داخل المدرسة، فاتصل بالخط أدناه:',
    version: 'إصدار السياسة',
  },
};
