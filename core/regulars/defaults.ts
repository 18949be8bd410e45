// The acceptable-use agreement a school starts with, for people who come regularly (volunteers,
// contractors on long jobs, visiting professionals). Written for this app from the rules the
// school's mobile technology and social media policies set for them; each school edits it in the
// console. English is the source; the other kiosk languages translate it.
import type { AgreementTexts } from '../../shared/regulars.js';

export const DEFAULT_AGREEMENT: AgreementTexts = {
  en: {
    title: 'Acceptable use of technology: what regular visitors agree to',
    points: [
      'While I am in school my phone stays on silent and is stored away, as reception tells me.',
      'Near pupils I switch Bluetooth, AirDrop and similar sharing off.',
      'I never contact pupils or their parents from a personal phone, account or device.',
      'I take photos or recordings only on school equipment, and only when staff have asked me to.',
      'I do not use personal social media during school hours.',
      'If anything worries me about a child’s safety, I tell the Designated Safeguarding Lead the same day.',
    ],
  },
  pl: {
    title: 'Korzystanie z technologii: na co zgadzają się stali goście',
    points: [
      'Gdy jestem w szkole, mój telefon jest wyciszony i schowany, tak jak wskaże recepcja.',
      'W pobliżu uczniów wyłączam Bluetooth, AirDrop i podobne udostępnianie.',
      'Nigdy nie kontaktuję się z uczniami ani ich rodzicami z prywatnego telefonu, konta ani urządzenia.',
      'Zdjęcia i nagrania robię tylko sprzętem szkolnym i tylko na prośbę pracowników.',
      'W godzinach lekcyjnych nie korzystam z prywatnych mediów społecznościowych.',
      'Jeśli niepokoi mnie coś w sprawie bezpieczeństwa dziecka, mówię o tym tego samego dnia osobie odpowiedzialnej za ochronę dzieci (DSL).',
    ],
  },
  ro: {
    title: 'Utilizarea tehnologiei: la ce se angajează vizitatorii obișnuiți',
    points: [
      'Cât sunt în școală, telefonul meu este pe silențios și pus deoparte, așa cum îmi spune recepția.',
      'În apropierea elevilor opresc Bluetooth, AirDrop și alte moduri de partajare.',
      'Nu contactez niciodată elevii sau părinții lor de pe un telefon, cont sau dispozitiv personal.',
      'Fac fotografii sau înregistrări doar cu echipamentul școlii și doar când personalul îmi cere.',
      'Nu folosesc rețelele sociale personale în timpul programului școlar.',
      'Dacă ceva mă îngrijorează privind siguranța unui copil, îi spun în aceeași zi responsabilului cu protecția copilului (DSL).',
    ],
  },
  uk: {
    title: 'Користування технологіями: з чим погоджуються постійні відвідувачі',
    points: [
      'Поки я в школі, мій телефон у беззвучному режимі й прибраний, як скаже рецепція.',
      'Поруч з учнями я вимикаю Bluetooth, AirDrop та подібний обмін.',
      'Я ніколи не зв’язуюся з учнями чи їхніми батьками з особистого телефону, акаунта чи пристрою.',
      'Я фотографую чи записую лише шкільним обладнанням і лише на прохання працівників.',
      'Я не користуюся особистими соцмережами під час шкільних годин.',
      'Якщо мене щось турбує щодо безпеки дитини, я того ж дня повідомляю відповідальну особу з питань захисту дітей (DSL).',
    ],
  },
  pt: {
    title: 'Uso aceitável da tecnologia: o que os visitantes regulares aceitam',
    points: [
      'Enquanto estou na escola, o meu telemóvel fica em silêncio e guardado, como a receção indicar.',
      'Perto dos alunos desligo o Bluetooth, o AirDrop e partilhas semelhantes.',
      'Nunca contacto alunos ou os seus pais a partir de um telemóvel, conta ou dispositivo pessoal.',
      'Só tiro fotografias ou faço gravações com equipamento da escola e quando o pessoal mo pede.',
      'Não uso redes sociais pessoais durante o horário escolar.',
      'Se algo me preocupar quanto à segurança de uma criança, informo no mesmo dia o responsável pela proteção de crianças (DSL).',
    ],
  },
  pa: {
    title: 'ਤਕਨਾਲੋਜੀ ਦੀ ਸਹੀ ਵਰਤੋਂ: ਨਿਯਮਤ ਆਉਣ ਵਾਲੇ ਕਿਸ ਗੱਲ ਨਾਲ ਸਹਿਮਤ ਹੁੰਦੇ ਹਨ',
    points: [
      'ਸਕੂਲ ਵਿੱਚ ਰਹਿੰਦਿਆਂ ਮੇਰਾ ਫ਼ੋਨ ਸਾਈਲੈਂਟ ’ਤੇ ਅਤੇ ਰਿਸੈਪਸ਼ਨ ਦੇ ਦੱਸੇ ਅਨੁਸਾਰ ਰੱਖਿਆ ਰਹਿੰਦਾ ਹੈ।',
      'ਵਿਦਿਆਰਥੀਆਂ ਦੇ ਨੇੜੇ ਮੈਂ ਬਲੂਟੁੱਥ, ਏਅਰਡ੍ਰੌਪ ਅਤੇ ਅਜਿਹੀ ਸਾਂਝ ਬੰਦ ਰੱਖਦਾ/ਰੱਖਦੀ ਹਾਂ।',
      'ਮੈਂ ਕਦੇ ਵੀ ਨਿੱਜੀ ਫ਼ੋਨ, ਖਾਤੇ ਜਾਂ ਡਿਵਾਈਸ ਤੋਂ ਵਿਦਿਆਰਥੀਆਂ ਜਾਂ ਉਨ੍ਹਾਂ ਦੇ ਮਾਪਿਆਂ ਨਾਲ ਸੰਪਰਕ ਨਹੀਂ ਕਰਦਾ/ਕਰਦੀ।',
      'ਮੈਂ ਫ਼ੋਟੋਆਂ ਜਾਂ ਰਿਕਾਰਡਿੰਗ ਸਿਰਫ਼ ਸਕੂਲ ਦੇ ਸਾਮਾਨ ਨਾਲ ਅਤੇ ਸਿਰਫ਼ ਸਟਾਫ਼ ਦੇ ਕਹਿਣ ’ਤੇ ਲੈਂਦਾ/ਲੈਂਦੀ ਹਾਂ।',
      'ਸਕੂਲ ਦੇ ਸਮੇਂ ਦੌਰਾਨ ਮੈਂ ਨਿੱਜੀ ਸੋਸ਼ਲ ਮੀਡੀਆ ਨਹੀਂ ਵਰਤਦਾ/ਵਰਤਦੀ।',
      'ਜੇ ਕਿਸੇ ਬੱਚੇ ਦੀ ਸੁਰੱਖਿਆ ਬਾਰੇ ਮੈਨੂੰ ਕੋਈ ਚਿੰਤਾ ਹੋਵੇ, ਤਾਂ ਮੈਂ ਉਸੇ ਦਿਨ ਮਨੋਨੀਤ ਸੁਰੱਖਿਆ ਆਗੂ (DSL) ਨੂੰ ਦੱਸਦਾ/ਦੱਸਦੀ ਹਾਂ।',
    ],
  },
  ur: {
    title: 'ٹیکنالوجی کا مناسب استعمال: باقاعدہ آنے والے کس بات پر متفق ہوتے ہیں',
    points: [
      'اسکول میں رہتے ہوئے میرا فون خاموش اور ریسیپشن کی ہدایت کے مطابق رکھا رہتا ہے۔',
      'طلبہ کے قریب میں بلوٹوتھ، ایئر ڈراپ اور اس جیسی شیئرنگ بند رکھتا/رکھتی ہوں۔',
      'میں کبھی بھی ذاتی فون، اکاؤنٹ یا آلے سے طلبہ یا ان کے والدین سے رابطہ نہیں کرتا/کرتی۔',
      'میں تصاویر یا ریکارڈنگ صرف اسکول کے آلات سے اور صرف عملے کے کہنے پر لیتا/لیتی ہوں۔',
      'اسکول کے اوقات میں میں ذاتی سوشل میڈیا استعمال نہیں کرتا/کرتی۔',
      'اگر کسی بچے کی حفاظت کے بارے میں مجھے کوئی تشویش ہو تو میں اسی دن نامزد حفاظتی سربراہ (DSL) کو بتاتا/بتاتی ہوں۔',
    ],
  },
  bn: {
    title: 'প্রযুক্তির গ্রহণযোগ্য ব্যবহার: নিয়মিত দর্শনার্থীরা যাতে সম্মত হন',
    points: [
      'স্কুলে থাকার সময় আমার ফোন সাইলেন্টে থাকে এবং রিসেপশনের কথামতো রেখে দেওয়া থাকে।',
      'শিক্ষার্থীদের কাছে থাকলে আমি ব্লুটুথ, এয়ারড্রপ ও এ ধরনের শেয়ারিং বন্ধ রাখি।',
      'আমি কখনও ব্যক্তিগত ফোন, অ্যাকাউন্ট বা ডিভাইস থেকে শিক্ষার্থী বা তাদের অভিভাবকদের সাথে যোগাযোগ করি না।',
      'আমি শুধু স্কুলের সরঞ্জামে এবং কর্মীরা বললে তবেই ছবি তুলি বা রেকর্ড করি।',
      'স্কুল চলাকালীন আমি ব্যক্তিগত সোশ্যাল মিডিয়া ব্যবহার করি না।',
      'কোনো শিশুর নিরাপত্তা নিয়ে আমার কোনো উদ্বেগ হলে আমি সেদিনই মনোনীত সুরক্ষা প্রধানকে (DSL) জানাই।',
    ],
  },
  ar: {
    title: 'الاستخدام المقبول للتقنية: ما يوافق عليه الزوار المنتظمون',
    points: [
      'أثناء وجودي في المدرسة يبقى هاتفي صامتًا ومحفوظًا كما يطلب مني الاستقبال.',
      'بالقرب من التلاميذ أُطفئ البلوتوث وAirDrop وما يشبههما من وسائل المشاركة.',
      'لا أتواصل أبدًا مع التلاميذ أو أولياء أمورهم من هاتف أو حساب أو جهاز شخصي.',
      'لا ألتقط الصور أو التسجيلات إلا بأجهزة المدرسة وعندما يطلب مني الموظفون ذلك فقط.',
      'لا أستخدم وسائل التواصل الاجتماعي الشخصية خلال ساعات الدوام المدرسي.',
      'إذا أقلقني أي أمر يتعلق بسلامة طفل، أُبلغ مسؤول حماية الطفل (DSL) في اليوم نفسه.',
    ],
  },
};
