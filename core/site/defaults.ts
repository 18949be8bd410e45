// What a kiosk uses on its first run with no configuration. The policy wording is our own
// plain-English summary of a school's visitor expectations; a site can replace all of it.
import type { Language } from '../../shared/domain.js';

export const DEFAULT_SITE_NAME = 'School Reception';

export type PolicyWording = { title: string; points: string[] };

/** `{locations}` is replaced by the site's approved places when the policy is shown. */
export const DEFAULT_POLICY_EN: PolicyWording = {
  title: 'Phones and smart devices while you are with us',
  points: [
    'Keep your phone and any smart device, smartwatches included, locked away for the whole time you are on site. Reception can give you a locker or a lockable pouch.',
    'If you need to use your phone, go to a place where it is allowed: {locations}.',
    'Never take photos, videos or sound recordings of children.',
    'If your work with other agencies needs a device (for example a therapist or social worker), the headteacher must agree before you use it. Reception can check whether you have that approval.',
    'Staff will speak to anyone they see using a device and will report concerns to the Designated Safeguarding Lead (DSL).',
  ],
};

/**
 * The default policy in every kiosk language, published as texts of the same policy version as
 * the English. MACHINE-ASSISTED TRANSLATIONS, TO BE CHECKED BY THE SCHOOL: each keeps the
 * `{locations}` token (the approved places stay in the site's own words) and the English name of
 * the Designated Safeguarding Lead, whom staff and visitors know by that title.
 */
export const DEFAULT_POLICY: Record<Language, PolicyWording> = {
  en: DEFAULT_POLICY_EN,
  pl: {
    title: 'Telefony i inteligentne urządzenia podczas pobytu w szkole',
    points: [
      'Przez cały pobyt na terenie szkoły trzymaj telefon i wszelkie inteligentne urządzenia, także smartwatche, zamknięte. Recepcja może dać Ci szafkę lub zamykane etui.',
      'Jeśli musisz skorzystać z telefonu, przejdź do miejsca, w którym jest to dozwolone: {locations}.',
      'Nigdy nie rób zdjęć, filmów ani nagrań dźwiękowych dzieci.',
      'Jeśli Twoja praca z innymi instytucjami wymaga urządzenia (na przykład pracujesz jako terapeuta lub pracownik socjalny), dyrektor szkoły musi się na to zgodzić, zanim go użyjesz. Recepcja może sprawdzić, czy masz taką zgodę.',
      'Pracownicy szkoły zwrócą się do każdego, kogo zobaczą z urządzeniem, i zgłoszą obawy osobie odpowiedzialnej za ochronę dzieci (Designated Safeguarding Lead, DSL).',
    ],
  },
  ro: {
    title: 'Telefoanele și dispozitivele inteligente cât timp sunteți la noi',
    points: [
      'Țineți telefonul și orice dispozitiv inteligent, inclusiv ceasurile inteligente, încuiate tot timpul cât sunteți în școală. Recepția vă poate da un dulăpior sau o husă care se încuie.',
      'Dacă trebuie să folosiți telefonul, mergeți într-un loc unde este permis: {locations}.',
      'Nu faceți niciodată fotografii, filmări sau înregistrări audio cu copiii.',
      'Dacă munca dumneavoastră cu alte instituții necesită un dispozitiv (de exemplu, ca terapeut sau asistent social), directorul trebuie să fie de acord înainte să îl folosiți. Recepția poate verifica dacă aveți această aprobare.',
      'Personalul va vorbi cu oricine este văzut folosind un dispozitiv și va raporta îngrijorările persoanei responsabile cu protecția copiilor (Designated Safeguarding Lead, DSL).',
    ],
  },
  uk: {
    title: 'Телефони та смарт-пристрої, поки ви в нас',
    points: [
      'Увесь час, поки ви в школі, тримайте телефон і будь-які смарт-пристрої, зокрема смарт-годинники, замкненими. На рецепції вам можуть дати шафку або чохол, що замикається.',
      'Якщо вам потрібно скористатися телефоном, перейдіть туди, де це дозволено: {locations}.',
      'Ніколи не фотографуйте дітей і не записуйте їх на відео чи аудіо.',
      'Якщо для вашої роботи з іншими службами потрібен пристрій (наприклад, ви терапевт чи соціальний працівник), директор має погодити це до того, як ви ним скористаєтеся. На рецепції можуть перевірити, чи є у вас такий дозвіл.',
      'Працівники школи звернуться до кожного, кого побачать із пристроєм, і повідомлять про занепокоєння відповідальну особу із захисту дітей (Designated Safeguarding Lead, DSL).',
    ],
  },
  pt: {
    title: 'Telemóveis e dispositivos inteligentes durante a sua visita',
    points: [
      'Mantenha o seu telemóvel e qualquer dispositivo inteligente, incluindo relógios inteligentes, fechados durante todo o tempo em que estiver na escola. A receção pode dar-lhe um cacifo ou uma bolsa com fecho.',
      'Se precisar de usar o telemóvel, vá a um local onde isso é permitido: {locations}.',
      'Nunca tire fotografias nem faça vídeos ou gravações de som de crianças.',
      'Se o seu trabalho com outras entidades exigir um dispositivo (por exemplo, se for terapeuta ou assistente social), o diretor da escola tem de o autorizar antes de o usar. A receção pode verificar se tem essa autorização.',
      'Os funcionários vão falar com qualquer pessoa que vejam a usar um dispositivo e vão comunicar as preocupações ao responsável pela proteção das crianças (Designated Safeguarding Lead, DSL).',
    ],
  },
  pa: {
    title: 'ਸਾਡੇ ਕੋਲ ਹੁੰਦਿਆਂ ਫ਼ੋਨ ਅਤੇ ਸਮਾਰਟ ਡਿਵਾਈਸ',
    points: [
      'ਸਕੂਲ ਵਿੱਚ ਰਹਿਣ ਦੇ ਪੂਰੇ ਸਮੇਂ ਦੌਰਾਨ ਆਪਣਾ ਫ਼ੋਨ ਅਤੇ ਕੋਈ ਵੀ ਸਮਾਰਟ ਡਿਵਾਈਸ, ਸਮਾਰਟਵਾਚ ਸਮੇਤ, ਤਾਲੇ ਵਿੱਚ ਰੱਖੋ। ਰਿਸੈਪਸ਼ਨ ਤੁਹਾਨੂੰ ਲਾਕਰ ਜਾਂ ਤਾਲੇ ਵਾਲਾ ਪਾਊਚ ਦੇ ਸਕਦੀ ਹੈ।',
      'ਜੇ ਤੁਹਾਨੂੰ ਫ਼ੋਨ ਵਰਤਣ ਦੀ ਲੋੜ ਹੈ, ਤਾਂ ਉਸ ਥਾਂ ’ਤੇ ਜਾਓ ਜਿੱਥੇ ਇਸਦੀ ਇਜਾਜ਼ਤ ਹੈ: {locations}।',
      'ਬੱਚਿਆਂ ਦੀਆਂ ਫ਼ੋਟੋਆਂ, ਵੀਡੀਓ ਜਾਂ ਆਵਾਜ਼ ਦੀਆਂ ਰਿਕਾਰਡਿੰਗਾਂ ਕਦੇ ਨਾ ਬਣਾਓ।',
      'ਜੇ ਹੋਰ ਏਜੰਸੀਆਂ ਨਾਲ ਤੁਹਾਡੇ ਕੰਮ ਲਈ ਡਿਵਾਈਸ ਦੀ ਲੋੜ ਹੈ (ਜਿਵੇਂ ਥੈਰੇਪਿਸਟ ਜਾਂ ਸੋਸ਼ਲ ਵਰਕਰ ਵਜੋਂ), ਤਾਂ ਇਸਨੂੰ ਵਰਤਣ ਤੋਂ ਪਹਿਲਾਂ ਹੈੱਡਟੀਚਰ ਦੀ ਸਹਿਮਤੀ ਜ਼ਰੂਰੀ ਹੈ। ਰਿਸੈਪਸ਼ਨ ਚੈੱਕ ਕਰ ਸਕਦੀ ਹੈ ਕਿ ਤੁਹਾਡੇ ਕੋਲ ਇਹ ਮਨਜ਼ੂਰੀ ਹੈ ਜਾਂ ਨਹੀਂ।',
      'ਸਟਾਫ਼ ਹਰ ਉਸ ਵਿਅਕਤੀ ਨਾਲ ਗੱਲ ਕਰੇਗਾ ਜਿਸਨੂੰ ਉਹ ਡਿਵਾਈਸ ਵਰਤਦੇ ਦੇਖਣਗੇ, ਅਤੇ ਚਿੰਤਾਵਾਂ ਬਾਰੇ ਬੱਚਿਆਂ ਦੀ ਸੁਰੱਖਿਆ ਦੇ ਜ਼ਿੰਮੇਵਾਰ ਅਧਿਕਾਰੀ (Designated Safeguarding Lead, DSL) ਨੂੰ ਦੱਸੇਗਾ।',
    ],
  },
  ur: {
    title: 'ہمارے ہاں موجودگی کے دوران فون اور اسمارٹ آلات',
    points: [
      'اسکول میں رہنے کے پورے وقت اپنا فون اور کوئی بھی اسمارٹ آلہ، بشمول اسمارٹ واچ، تالے میں بند رکھیں۔ استقبالیہ آپ کو لاکر یا تالے والا پاؤچ دے سکتا ہے۔',
      'اگر آپ کو فون استعمال کرنا ہو تو ایسی جگہ جائیں جہاں اس کی اجازت ہے: {locations}۔',
      'بچوں کی تصویریں، ویڈیو یا آواز کی ریکارڈنگ کبھی نہ بنائیں۔',
      'اگر دوسرے اداروں کے ساتھ آپ کے کام کے لیے کسی آلے کی ضرورت ہو (مثلاً تھراپسٹ یا سوشل ورکر کے طور پر)، تو اسے استعمال کرنے سے پہلے ہیڈ ٹیچر کی منظوری ضروری ہے۔ استقبالیہ چیک کر سکتا ہے کہ آپ کے پاس یہ منظوری ہے یا نہیں۔',
      'عملہ ہر اس شخص سے بات کرے گا جسے وہ کوئی آلہ استعمال کرتے دیکھے، اور خدشات بچوں کے تحفظ کے ذمہ دار افسر (Designated Safeguarding Lead, DSL) کو بتائے گا۔',
    ],
  },
  bn: {
    title: 'আমাদের এখানে থাকাকালীন ফোন ও স্মার্ট ডিভাইস',
    points: [
      'স্কুলে থাকার পুরো সময় আপনার ফোন এবং যেকোনো স্মার্ট ডিভাইস, স্মার্টওয়াচসহ, তালাবন্ধ করে রাখুন। রিসেপশন আপনাকে একটি লকার বা তালা দেওয়া যায় এমন পাউচ দিতে পারে।',
      'ফোন ব্যবহারের দরকার হলে এমন জায়গায় যান যেখানে তা অনুমোদিত: {locations}।',
      'কখনোই শিশুদের ছবি, ভিডিও বা শব্দ রেকর্ড করবেন না।',
      'অন্য সংস্থার সাথে আপনার কাজে যদি কোনো ডিভাইসের দরকার হয় (যেমন থেরাপিস্ট বা সমাজকর্মী হিসেবে), তাহলে ব্যবহারের আগে প্রধান শিক্ষকের সম্মতি লাগবে। আপনার সেই অনুমোদন আছে কি না, রিসেপশন তা যাচাই করতে পারে।',
      'কাউকে ডিভাইস ব্যবহার করতে দেখলে কর্মীরা তার সাথে কথা বলবেন এবং উদ্বেগের বিষয় শিশু সুরক্ষার দায়িত্বপ্রাপ্ত কর্মকর্তাকে (Designated Safeguarding Lead, DSL) জানাবেন।',
    ],
  },
  ar: {
    title: 'الهواتف والأجهزة الذكية أثناء وجودك معنا',
    points: [
      'يُرجى إبقاء الهاتف وأي جهاز ذكي، بما في ذلك الساعات الذكية، مقفلًا عليه طوال الوجود في المدرسة. يمكن لموظفي الاستقبال توفير خزانة أو حقيبة تُقفل.',
      'عند الحاجة إلى استخدام الهاتف، يُرجى التوجّه إلى مكان يُسمح فيه بذلك: {locations}.',
      'يُمنع منعًا باتًا التقاط صور الأطفال أو تصويرهم بالفيديو أو تسجيل أصواتهم.',
      'إذا كان العمل مع جهات أخرى يتطلب جهازًا (مثل عمل المعالج أو الأخصائي الاجتماعي)، فيجب الحصول على موافقة مدير المدرسة قبل استخدامه. يمكن لموظفي الاستقبال التحقق من وجود هذه الموافقة.',
      'سيتحدث الموظفون مع أي شخص يرونه يستخدم جهازًا، وسيبلّغون عن أي مخاوف إلى المسؤول المعيّن عن حماية الأطفال (Designated Safeguarding Lead, DSL).',
    ],
  },
};

/** What `{locations}` becomes when a site has no approved places, per language. */
export const NO_LOCATIONS: Record<Language, string> = {
  en: 'ask reception',
  pl: 'zapytaj w recepcji',
  ro: 'întrebați la recepție',
  uk: 'запитайте на рецепції',
  pt: 'pergunte na receção',
  pa: 'ਰਿਸੈਪਸ਼ਨ ’ਤੇ ਪੁੱਛੋ',
  ur: 'استقبالیہ پر پوچھیں',
  bn: 'রিসেপশনে জিজ্ঞেস করুন',
  ar: 'يُرجى السؤال في الاستقبال',
};

export const DEFAULT_LOCKERS = [
  ...Array.from({ length: 24 }, (_, i) => ({ id: `L${i + 1}`, label: `Locker ${i + 1}`, kind: 'locker' as const })),
  ...Array.from({ length: 8 }, (_, i) => ({ id: `P${i + 1}`, label: `Pouch ${i + 1}`, kind: 'pouch' as const })),
];

export const DEFAULT_LOCATIONS = [
  { id: 'office', name: 'the school office' },
  { id: 'staffroom', name: 'the staff room' },
  { id: 'gate', name: 'outside the main gate' },
];

export const DEFAULT_HOSTS = [
  { id: 'office', name: 'School office' },
  { id: 'head', name: 'Headteacher' },
  { id: 'teacher', name: 'A class teacher' },
  { id: 'senco', name: 'SENCo (special educational needs)' },
  { id: 'dsl', name: 'Designated Safeguarding Lead' },
  { id: 'site', name: 'Site manager' },
  { id: 'unsure', name: 'Not sure: reception will help' },
];

export const DEFAULT_IDLE_TIMEOUT_SECONDS = 90;
export const DEFAULT_IDLE_WARNING_SECONDS = 20;
