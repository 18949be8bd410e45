// The privacy notice a kiosk shows until the school publishes its own (site.json "privacy" or
// the office's privacy.publish). Our plain-English wording of what this product records, why,
// for how long and whom to ask; the school is the data controller and should check it.
//
// "How long" follows core/retention/defaults.ts without promising a number the school may
// change: a visit is kept for 12 months after the end of the academic year it took place in,
// i.e. until the end of the following school year; breach/concern records for 6 years after
// they are closed; nothing under an open concern is purged.
import type { PrivacyWording } from '../../shared/contract.js';
import type { Language } from '../../shared/domain.js';

export const DEFAULT_PRIVACY_EN: PrivacyWording = {
  short:
    'The school records your name, your organisation, who you are visiting and why, where your phone is kept while you are here, and when you arrive and leave. ' +
    'We use this to keep children safe, to know who is in the building if there is a fire, and to make sure the school’s phone rule is followed. ' +
    'We keep it for the time the school has set, normally until the end of the next school year, and then delete it. ' +
    'If you have questions, ask at reception or contact the school office, who can put you in touch with the school’s data protection officer.',
  sections: [
    {
      heading: 'What we collect',
      text: 'When you sign in we record your name; whether you are a parent or carer, volunteer, contractor, visitor or visiting professional; your organisation and role, if you give them; who you are visiting and why; whether you may need help to leave the building in an emergency; where your phone or smart device is kept, or any approval you have to use one; which version of the phone rule and of this notice you were shown, and in which language; your badge number; and the times you arrive and leave.',
    },
    {
      heading: 'Why we collect it, and the law that allows it',
      text: 'Schools must keep children safe, so we need to know who is on site, who they are seeing and that phones stay locked away. In an emergency such as a fire we use the list to check that everyone is out of the building; that you may need help is used only for this. The law allows this because it is part of the school’s public task and of its legal duties to safeguard children and to keep people on site safe. We do not ask for your consent, but everyone who visits the school must sign in.',
    },
    {
      heading: 'Who sees it',
      text: 'Only school staff who need it: reception and the school office, the headteacher and the Designated Safeguarding Lead (DSL). Other visitors never see your details on this kiosk. We share it outside the school only when the law requires or allows it, for example with the police or children’s services to protect a child.',
    },
    {
      heading: 'How long we keep it',
      text: 'The record of your visit is kept for the time the school has set, normally until the end of the next school year, and is then deleted from this kiosk and from the school office’s system. If there is a safeguarding concern or a breach of the phone rule, the record of that concern is kept longer, normally for six years after it is closed. Nothing needed for a concern that is still open is deleted until it is closed.',
    },
    {
      heading: 'Your rights',
      text: 'You can ask to see the information we hold about you, ask us to correct it if it is wrong, and ask us to delete it where the law allows. You can also object to how we use it or ask us to limit it. If you are unhappy with how we have used your information, please tell us first. You can also complain to the Information Commissioner’s Office (ICO): ico.org.uk or 0303 123 1113.',
    },
    {
      heading: 'Who to contact',
      text: 'Ask at reception, or contact the school office and ask for the school’s data protection officer. The school is responsible for this information (it is the data controller).',
    },
  ],
};

/**
 * The default notice in every kiosk language, published as texts of the same version as the
 * English. MACHINE-ASSISTED TRANSLATIONS, TO BE CHECKED BY THE SCHOOL: each has the English
 * sections in the same order, and keeps the English names "Designated Safeguarding Lead" and
 * "Information Commissioner’s Office (ICO)" beside its own words, as staff and the regulator
 * are known by them.
 */
export const DEFAULT_PRIVACY: Record<Language, PrivacyWording> = {
  en: DEFAULT_PRIVACY_EN,
  pl: {
    short:
      'Szkoła zapisuje Twoje imię i nazwisko, nazwę Twojej organizacji, kogo odwiedzasz i w jakim celu, gdzie jest Twój telefon podczas pobytu oraz godziny przyjścia i wyjścia. ' +
      'Używamy tych danych, aby chronić dzieci, wiedzieć, kto jest w budynku w razie pożaru, i pilnować przestrzegania szkolnej zasady dotyczącej telefonów. ' +
      'Przechowujemy je przez okres ustalony przez szkołę, zwykle do końca następnego roku szkolnego, a potem je usuwamy. ' +
      'Jeśli masz pytania, zapytaj w recepcji lub skontaktuj się z sekretariatem szkoły, który skontaktuje Cię z inspektorem ochrony danych szkoły.',
    sections: [
      {
        heading: 'Jakie dane zbieramy',
        text: 'Przy wpisywaniu się zapisujemy: Twoje imię i nazwisko; czy jesteś rodzicem lub opiekunem, wolontariuszem, wykonawcą, gościem czy odwiedzającym specjalistą; Twoją organizację i funkcję, jeśli je podasz; kogo odwiedzasz i w jakim celu; czy możesz potrzebować pomocy przy opuszczeniu budynku w nagłej sytuacji; gdzie jest Twój telefon lub inteligentne urządzenie albo czy masz zgodę na jego używanie; którą wersję zasady dotyczącej telefonów i tej informacji Ci pokazano i w jakim języku; numer Twojego identyfikatora; oraz godziny przyjścia i wyjścia.',
      },
      {
        heading: 'Dlaczego je zbieramy i na jakiej podstawie prawnej',
        text: 'Szkoła musi chronić dzieci, dlatego musimy wiedzieć, kto jest na jej terenie, z kim się spotyka i czy telefony są zamknięte. W nagłej sytuacji, na przykład podczas pożaru, sprawdzamy na tej liście, czy wszyscy opuścili budynek; informację, że możesz potrzebować pomocy, wykorzystujemy tylko w tym celu. Prawo na to pozwala, ponieważ jest to część zadań publicznych szkoły i jej obowiązków prawnych w zakresie ochrony dzieci i bezpieczeństwa osób na terenie szkoły. Nie prosimy o Twoją zgodę, ale każda osoba odwiedzająca szkołę musi się wpisać.',
      },
      {
        heading: 'Kto ma do nich dostęp',
        text: 'Tylko pracownicy szkoły, którzy ich potrzebują: recepcja i sekretariat, dyrektor szkoły oraz osoba odpowiedzialna za ochronę dzieci (Designated Safeguarding Lead, DSL). Inni goście nigdy nie widzą Twoich danych na tym kiosku. Przekazujemy je poza szkołę tylko wtedy, gdy prawo tego wymaga lub na to pozwala, na przykład policji lub służbom ochrony dzieci, aby chronić dziecko.',
      },
      {
        heading: 'Jak długo je przechowujemy',
        text: 'Zapis Twojej wizyty jest przechowywany przez okres ustalony przez szkołę, zwykle do końca następnego roku szkolnego, a następnie usuwany z tego kiosku i z systemu sekretariatu szkoły. Jeśli pojawi się obawa dotycząca bezpieczeństwa dzieci lub naruszenie zasady dotyczącej telefonów, zapis tej sprawy jest przechowywany dłużej, zwykle sześć lat od jej zamknięcia. Nic, co jest potrzebne w sprawie wciąż otwartej, nie zostanie usunięte przed jej zamknięciem.',
      },
      {
        heading: 'Twoje prawa',
        text: 'Możesz poprosić o wgląd w dane, które o Tobie przechowujemy, o ich poprawienie, jeśli są błędne, oraz o ich usunięcie, jeśli pozwala na to prawo. Możesz też sprzeciwić się sposobowi ich wykorzystania lub poprosić o jego ograniczenie. Jeśli nie podoba Ci się, jak wykorzystaliśmy Twoje dane, powiedz nam o tym najpierw. Możesz też złożyć skargę do brytyjskiego urzędu ochrony danych (Information Commissioner’s Office, ICO): ico.org.uk lub 0303 123 1113.',
      },
      {
        heading: 'Z kim się kontaktować',
        text: 'Zapytaj w recepcji albo skontaktuj się z sekretariatem szkoły i poproś o kontakt z inspektorem ochrony danych szkoły. Za te dane odpowiada szkoła (jest ich administratorem).',
      },
    ],
  },
  ro: {
    short:
      'Școala înregistrează numele dumneavoastră, organizația, pe cine vizitați și de ce, unde vă este păstrat telefonul cât timp sunteți aici și orele la care sosiți și plecați. ' +
      'Folosim aceste date pentru a proteja copiii, pentru a ști cine se află în clădire în caz de incendiu și pentru a ne asigura că regula școlii privind telefoanele este respectată. ' +
      'Le păstrăm pe durata stabilită de școală, de obicei până la sfârșitul anului școlar următor, apoi le ștergem. ' +
      'Dacă aveți întrebări, întrebați la recepție sau contactați secretariatul școlii, care vă poate pune în legătură cu responsabilul cu protecția datelor al școlii.',
    sections: [
      {
        heading: 'Ce date colectăm',
        text: 'La înregistrare notăm numele dumneavoastră; dacă sunteți părinte sau îngrijitor, voluntar, contractor, vizitator sau profesionist în vizită; organizația și rolul dumneavoastră, dacă le dați; pe cine vizitați și de ce; dacă ați putea avea nevoie de ajutor pentru a ieși din clădire în caz de urgență; unde este păstrat telefonul sau dispozitivul inteligent ori orice aprobare pe care o aveți de a-l folosi; ce versiune a regulii privind telefoanele și a acestei informări vi s-a arătat și în ce limbă; numărul ecusonului; și orele la care sosiți și plecați.',
      },
      {
        heading: 'De ce le colectăm și ce lege ne permite',
        text: 'Școlile trebuie să protejeze copiii, așa că trebuie să știm cine se află în școală, pe cine întâlnește și dacă telefoanele rămân încuiate. În caz de urgență, de exemplu un incendiu, folosim lista pentru a verifica dacă toată lumea a ieșit din clădire; informația că ați putea avea nevoie de ajutor o folosim doar în acest scop. Legea permite acest lucru deoarece face parte din misiunea publică a școlii și din obligațiile sale legale de a proteja copiii și de a-i ține în siguranță pe cei aflați în școală. Nu vă cerem consimțământul, dar oricine vizitează școala trebuie să se înregistreze.',
      },
      {
        heading: 'Cine le vede',
        text: 'Doar personalul școlii care are nevoie de ele: recepția și secretariatul, directorul și persoana responsabilă cu protecția copiilor (Designated Safeguarding Lead, DSL). Alți vizitatori nu vă văd niciodată datele pe acest terminal. Le transmitem în afara școlii doar când legea o cere sau o permite, de exemplu poliției sau serviciilor de protecție a copilului, pentru a proteja un copil.',
      },
      {
        heading: 'Cât timp le păstrăm',
        text: 'Înregistrarea vizitei este păstrată pe durata stabilită de școală, de obicei până la sfârșitul anului școlar următor, apoi este ștearsă de pe acest terminal și din sistemul secretariatului școlii. Dacă apare o îngrijorare privind protecția copiilor sau o încălcare a regulii privind telefoanele, înregistrarea acelei situații se păstrează mai mult, de obicei șase ani după închiderea ei. Nimic din ce este necesar pentru o situație încă deschisă nu se șterge înainte ca aceasta să fie închisă.',
      },
      {
        heading: 'Drepturile dumneavoastră',
        text: 'Puteți cere să vedeți datele pe care le deținem despre dumneavoastră, să le corectăm dacă sunt greșite și să le ștergem atunci când legea permite. Vă puteți opune și modului în care le folosim sau ne puteți cere să îl limităm. Dacă nu sunteți mulțumit de felul în care v-am folosit datele, vă rugăm să ne spuneți mai întâi nouă. Puteți depune și o plângere la autoritatea britanică pentru protecția datelor (Information Commissioner’s Office, ICO): ico.org.uk sau 0303 123 1113.',
      },
      {
        heading: 'Pe cine să contactați',
        text: 'Întrebați la recepție sau contactați secretariatul școlii și cereți să vorbiți cu responsabilul cu protecția datelor al școlii. Școala răspunde de aceste date (este operatorul de date).',
      },
    ],
  },
  uk: {
    short:
      'Школа записує ваше ім’я, вашу організацію, до кого ви прийшли і навіщо, де зберігається ваш телефон, поки ви тут, а також час вашого приходу та виходу. ' +
      'Ми використовуємо ці дані, щоб захищати дітей, знати, хто перебуває в будівлі під час пожежі, і стежити за дотриманням шкільного правила щодо телефонів. ' +
      'Ми зберігаємо їх протягом строку, встановленого школою, зазвичай до кінця наступного навчального року, а потім видаляємо. ' +
      'Якщо у вас є запитання, зверніться на рецепцію або до шкільної канцелярії, де вам допоможуть зв’язатися з відповідальним за захист даних у школі.',
    sections: [
      {
        heading: 'Які дані ми збираємо',
        text: 'Під час реєстрації ми записуємо ваше ім’я; хто ви: батько, мати чи опікун, волонтер, підрядник, відвідувач чи фахівець; вашу організацію та посаду, якщо ви їх вказуєте; до кого ви прийшли і навіщо; чи може вам знадобитися допомога, щоб вийти з будівлі в надзвичайній ситуації; де зберігається ваш телефон чи смарт-пристрій або який у вас є дозвіл ним користуватися; яку версію правила щодо телефонів і цього повідомлення вам показали і якою мовою; номер вашого бейджа; а також час вашого приходу та виходу.',
      },
      {
        heading: 'Навіщо ми їх збираємо і на якій законній підставі',
        text: 'Школа зобов’язана захищати дітей, тому ми маємо знати, хто перебуває на території, з ким зустрічається і чи телефони залишаються замкненими. У надзвичайній ситуації, наприклад під час пожежі, ми за цим списком перевіряємо, чи всі вийшли з будівлі; відомість про те, що вам може знадобитися допомога, ми використовуємо лише для цього. Закон це дозволяє, бо це частина публічних завдань школи та її законних обов’язків захищати дітей і дбати про безпеку людей на території. Ми не просимо вашої згоди, але кожен, хто відвідує школу, має зареєструватися.',
      },
      {
        heading: 'Хто їх бачить',
        text: 'Лише працівники школи, яким вони потрібні: рецепція та канцелярія, директор і відповідальна особа із захисту дітей (Designated Safeguarding Lead, DSL). Інші відвідувачі ніколи не бачать ваших даних на цьому терміналі. Ми передаємо їх за межі школи лише тоді, коли цього вимагає або це дозволяє закон, наприклад поліції чи службам у справах дітей, щоб захистити дитину.',
      },
      {
        heading: 'Як довго ми їх зберігаємо',
        text: 'Запис про ваш візит зберігається протягом строку, встановленого школою, зазвичай до кінця наступного навчального року, а потім видаляється з цього терміналу та із системи шкільної канцелярії. Якщо виникає занепокоєння щодо безпеки дітей або порушення правила щодо телефонів, запис про це зберігається довше, зазвичай шість років після закриття справи. Ніщо, потрібне для справи, яка ще не закрита, не видаляється до її закриття.',
      },
      {
        heading: 'Ваші права',
        text: 'Ви можете попросити показати дані, які ми про вас зберігаємо, виправити їх, якщо вони неправильні, і видалити їх, якщо це дозволяє закон. Ви також можете заперечити проти того, як ми їх використовуємо, або попросити це обмежити. Якщо ви незадоволені тим, як ми використали ваші дані, будь ласка, спершу скажіть нам. Ви також можете поскаржитися до британського органу із захисту даних (Information Commissioner’s Office, ICO): ico.org.uk або 0303 123 1113.',
      },
      {
        heading: 'До кого звертатися',
        text: 'Зверніться на рецепцію або до шкільної канцелярії й попросіть зв’язати вас із відповідальним за захист даних у школі. За ці дані відповідає школа (вона є контролером даних).',
      },
    ],
  },
  pt: {
    short:
      'A escola regista o seu nome, a sua organização, quem vem visitar e porquê, onde fica o seu telemóvel enquanto está cá e as horas a que chega e sai. ' +
      'Usamos estes dados para proteger as crianças, para saber quem está no edifício em caso de incêndio e para garantir que a regra da escola sobre telemóveis é cumprida. ' +
      'Guardamo-los durante o tempo definido pela escola, normalmente até ao fim do ano letivo seguinte, e depois apagamo-los. ' +
      'Se tiver dúvidas, pergunte na receção ou contacte a secretaria da escola, que o pode pôr em contacto com o encarregado da proteção de dados da escola.',
    sections: [
      {
        heading: 'Que dados recolhemos',
        text: 'Quando se regista, anotamos o seu nome; se é pai, mãe ou cuidador, voluntário, prestador de serviços, visitante ou profissional em visita; a sua organização e função, se as indicar; quem vem visitar e porquê; se pode precisar de ajuda para sair do edifício numa emergência; onde fica o seu telemóvel ou dispositivo inteligente, ou qualquer autorização que tenha para o usar; que versão da regra sobre telemóveis e deste aviso lhe foi mostrada e em que língua; o número do seu crachá; e as horas a que chega e sai.',
      },
      {
        heading: 'Porque os recolhemos e que lei o permite',
        text: 'As escolas têm de proteger as crianças, por isso precisamos de saber quem está na escola, com quem se encontra e se os telemóveis continuam fechados. Numa emergência, como um incêndio, usamos a lista para confirmar que todos saíram do edifício; a informação de que pode precisar de ajuda é usada apenas para isso. A lei permite-o porque faz parte da missão de interesse público da escola e das suas obrigações legais de proteger as crianças e de manter em segurança quem está na escola. Não lhe pedimos consentimento, mas todas as pessoas que visitam a escola têm de se registar.',
      },
      {
        heading: 'Quem os vê',
        text: 'Apenas os funcionários da escola que precisam deles: a receção e a secretaria, o diretor e o responsável pela proteção das crianças (Designated Safeguarding Lead, DSL). Os outros visitantes nunca veem os seus dados neste quiosque. Só os partilhamos fora da escola quando a lei o exige ou permite, por exemplo com a polícia ou com os serviços de proteção de crianças, para proteger uma criança.',
      },
      {
        heading: 'Durante quanto tempo os guardamos',
        text: 'O registo da sua visita é guardado durante o tempo definido pela escola, normalmente até ao fim do ano letivo seguinte, e depois é apagado deste quiosque e do sistema da secretaria da escola. Se houver uma preocupação de proteção de crianças ou uma infração à regra sobre telemóveis, o registo dessa situação é guardado mais tempo, normalmente seis anos depois de encerrada. Nada do que seja necessário para uma situação ainda em aberto é apagado antes de esta ser encerrada.',
      },
      {
        heading: 'Os seus direitos',
        text: 'Pode pedir para ver os dados que temos sobre si, pedir-nos que os corrijamos se estiverem errados e que os apaguemos quando a lei o permitir. Também pode opor-se à forma como os usamos ou pedir-nos que a limitemos. Se não estiver satisfeito com a forma como usámos os seus dados, diga-nos primeiro. Também pode apresentar queixa à autoridade britânica de proteção de dados (Information Commissioner’s Office, ICO): ico.org.uk ou 0303 123 1113.',
      },
      {
        heading: 'Com quem falar',
        text: 'Pergunte na receção ou contacte a secretaria da escola e peça para falar com o encarregado da proteção de dados da escola. A escola é responsável por estes dados (é o responsável pelo tratamento).',
      },
    ],
  },
  pa: {
    short:
      'ਸਕੂਲ ਤੁਹਾਡਾ ਨਾਮ, ਤੁਹਾਡੀ ਸੰਸਥਾ, ਤੁਸੀਂ ਕਿਸ ਨੂੰ ਅਤੇ ਕਿਉਂ ਮਿਲਣ ਆਏ ਹੋ, ਇੱਥੇ ਹੁੰਦਿਆਂ ਤੁਹਾਡਾ ਫ਼ੋਨ ਕਿੱਥੇ ਰੱਖਿਆ ਹੈ, ਅਤੇ ਤੁਹਾਡੇ ਆਉਣ ਅਤੇ ਜਾਣ ਦਾ ਸਮਾਂ ਦਰਜ ਕਰਦਾ ਹੈ। ' +
      'ਅਸੀਂ ਇਸਦੀ ਵਰਤੋਂ ਬੱਚਿਆਂ ਨੂੰ ਸੁਰੱਖਿਅਤ ਰੱਖਣ ਲਈ, ਅੱਗ ਲੱਗਣ ’ਤੇ ਇਹ ਜਾਣਨ ਲਈ ਕਿ ਇਮਾਰਤ ਵਿੱਚ ਕੌਣ ਹੈ, ਅਤੇ ਸਕੂਲ ਦੇ ਫ਼ੋਨ ਨਿਯਮ ਦੀ ਪਾਲਣਾ ਯਕੀਨੀ ਬਣਾਉਣ ਲਈ ਕਰਦੇ ਹਾਂ। ' +
      'ਅਸੀਂ ਇਸਨੂੰ ਸਕੂਲ ਵੱਲੋਂ ਤੈਅ ਕੀਤੇ ਸਮੇਂ ਤੱਕ, ਆਮ ਤੌਰ ’ਤੇ ਅਗਲੇ ਸਕੂਲੀ ਸਾਲ ਦੇ ਅੰਤ ਤੱਕ, ਰੱਖਦੇ ਹਾਂ ਅਤੇ ਫਿਰ ਮਿਟਾ ਦਿੰਦੇ ਹਾਂ। ' +
      'ਜੇ ਤੁਹਾਡੇ ਕੋਈ ਸਵਾਲ ਹਨ, ਤਾਂ ਰਿਸੈਪਸ਼ਨ ’ਤੇ ਪੁੱਛੋ ਜਾਂ ਸਕੂਲ ਦੇ ਦਫ਼ਤਰ ਨਾਲ ਸੰਪਰਕ ਕਰੋ, ਜੋ ਤੁਹਾਡਾ ਸੰਪਰਕ ਸਕੂਲ ਦੇ ਡਾਟਾ ਸੁਰੱਖਿਆ ਅਧਿਕਾਰੀ ਨਾਲ ਕਰਵਾ ਸਕਦਾ ਹੈ।',
    sections: [
      {
        heading: 'ਅਸੀਂ ਕੀ ਇਕੱਠਾ ਕਰਦੇ ਹਾਂ',
        text: 'ਸਾਈਨ ਇਨ ਕਰਨ ਵੇਲੇ ਅਸੀਂ ਦਰਜ ਕਰਦੇ ਹਾਂ: ਤੁਹਾਡਾ ਨਾਮ; ਕੀ ਤੁਸੀਂ ਮਾਪੇ ਜਾਂ ਦੇਖਭਾਲ ਕਰਨ ਵਾਲੇ, ਵਲੰਟੀਅਰ, ਠੇਕੇਦਾਰ, ਮਹਿਮਾਨ ਜਾਂ ਆਉਣ ਵਾਲੇ ਪੇਸ਼ੇਵਰ ਹੋ; ਤੁਹਾਡੀ ਸੰਸਥਾ ਅਤੇ ਭੂਮਿਕਾ, ਜੇ ਤੁਸੀਂ ਦੱਸੋ; ਤੁਸੀਂ ਕਿਸ ਨੂੰ ਅਤੇ ਕਿਉਂ ਮਿਲਣ ਆਏ ਹੋ; ਕੀ ਐਮਰਜੈਂਸੀ ਵਿੱਚ ਇਮਾਰਤ ਤੋਂ ਬਾਹਰ ਨਿਕਲਣ ਲਈ ਤੁਹਾਨੂੰ ਮਦਦ ਦੀ ਲੋੜ ਪੈ ਸਕਦੀ ਹੈ; ਤੁਹਾਡਾ ਫ਼ੋਨ ਜਾਂ ਸਮਾਰਟ ਡਿਵਾਈਸ ਕਿੱਥੇ ਰੱਖਿਆ ਹੈ, ਜਾਂ ਇਸਨੂੰ ਵਰਤਣ ਦੀ ਤੁਹਾਡੀ ਕੋਈ ਮਨਜ਼ੂਰੀ; ਤੁਹਾਨੂੰ ਫ਼ੋਨ ਨਿਯਮ ਅਤੇ ਇਸ ਨੋਟਿਸ ਦਾ ਕਿਹੜਾ ਸੰਸਕਰਣ ਕਿਸ ਭਾਸ਼ਾ ਵਿੱਚ ਦਿਖਾਇਆ ਗਿਆ; ਤੁਹਾਡਾ ਬੈਜ ਨੰਬਰ; ਅਤੇ ਤੁਹਾਡੇ ਆਉਣ ਅਤੇ ਜਾਣ ਦਾ ਸਮਾਂ।',
      },
      {
        heading: 'ਅਸੀਂ ਇਹ ਕਿਉਂ ਇਕੱਠਾ ਕਰਦੇ ਹਾਂ ਅਤੇ ਕਿਹੜਾ ਕਾਨੂੰਨ ਇਸਦੀ ਇਜਾਜ਼ਤ ਦਿੰਦਾ ਹੈ',
        text: 'ਸਕੂਲਾਂ ਨੂੰ ਬੱਚਿਆਂ ਨੂੰ ਸੁਰੱਖਿਅਤ ਰੱਖਣਾ ਪੈਂਦਾ ਹੈ, ਇਸ ਲਈ ਸਾਨੂੰ ਪਤਾ ਹੋਣਾ ਚਾਹੀਦਾ ਹੈ ਕਿ ਸਕੂਲ ਵਿੱਚ ਕੌਣ ਹੈ, ਉਹ ਕਿਸ ਨੂੰ ਮਿਲ ਰਹੇ ਹਨ ਅਤੇ ਕੀ ਫ਼ੋਨ ਤਾਲੇ ਵਿੱਚ ਹਨ। ਅੱਗ ਵਰਗੀ ਐਮਰਜੈਂਸੀ ਵਿੱਚ ਅਸੀਂ ਇਸ ਸੂਚੀ ਨਾਲ ਜਾਂਚ ਕਰਦੇ ਹਾਂ ਕਿ ਸਾਰੇ ਇਮਾਰਤ ਤੋਂ ਬਾਹਰ ਆ ਗਏ ਹਨ; ਤੁਹਾਨੂੰ ਮਦਦ ਦੀ ਲੋੜ ਪੈ ਸਕਦੀ ਹੈ, ਇਹ ਜਾਣਕਾਰੀ ਸਿਰਫ਼ ਇਸੇ ਲਈ ਵਰਤੀ ਜਾਂਦੀ ਹੈ। ਕਾਨੂੰਨ ਇਸਦੀ ਇਜਾਜ਼ਤ ਦਿੰਦਾ ਹੈ ਕਿਉਂਕਿ ਇਹ ਸਕੂਲ ਦੇ ਜਨਤਕ ਕਾਰਜ ਦਾ ਅਤੇ ਬੱਚਿਆਂ ਦੀ ਰੱਖਿਆ ਕਰਨ ਅਤੇ ਸਕੂਲ ਵਿੱਚ ਮੌਜੂਦ ਲੋਕਾਂ ਨੂੰ ਸੁਰੱਖਿਅਤ ਰੱਖਣ ਦੇ ਕਾਨੂੰਨੀ ਫ਼ਰਜ਼ਾਂ ਦਾ ਹਿੱਸਾ ਹੈ। ਅਸੀਂ ਤੁਹਾਡੀ ਸਹਿਮਤੀ ਨਹੀਂ ਮੰਗਦੇ, ਪਰ ਸਕੂਲ ਆਉਣ ਵਾਲੇ ਹਰ ਵਿਅਕਤੀ ਨੂੰ ਸਾਈਨ ਇਨ ਕਰਨਾ ਪੈਂਦਾ ਹੈ।',
      },
      {
        heading: 'ਇਸਨੂੰ ਕੌਣ ਦੇਖਦਾ ਹੈ',
        text: 'ਸਿਰਫ਼ ਸਕੂਲ ਦਾ ਉਹ ਸਟਾਫ਼ ਜਿਸਨੂੰ ਇਸਦੀ ਲੋੜ ਹੈ: ਰਿਸੈਪਸ਼ਨ ਅਤੇ ਸਕੂਲ ਦਫ਼ਤਰ, ਹੈੱਡਟੀਚਰ ਅਤੇ ਬੱਚਿਆਂ ਦੀ ਸੁਰੱਖਿਆ ਦਾ ਜ਼ਿੰਮੇਵਾਰ ਅਧਿਕਾਰੀ (Designated Safeguarding Lead, DSL)। ਹੋਰ ਮਹਿਮਾਨ ਇਸ ਕਿਓਸਕ ’ਤੇ ਕਦੇ ਵੀ ਤੁਹਾਡੇ ਵੇਰਵੇ ਨਹੀਂ ਦੇਖਦੇ। ਅਸੀਂ ਇਸਨੂੰ ਸਕੂਲ ਤੋਂ ਬਾਹਰ ਸਿਰਫ਼ ਉਦੋਂ ਸਾਂਝਾ ਕਰਦੇ ਹਾਂ ਜਦੋਂ ਕਾਨੂੰਨ ਇਸਦੀ ਮੰਗ ਕਰਦਾ ਹੈ ਜਾਂ ਇਜਾਜ਼ਤ ਦਿੰਦਾ ਹੈ, ਜਿਵੇਂ ਕਿਸੇ ਬੱਚੇ ਦੀ ਰੱਖਿਆ ਲਈ ਪੁਲਿਸ ਜਾਂ ਬੱਚਿਆਂ ਦੀਆਂ ਸੇਵਾਵਾਂ ਨਾਲ।',
      },
      {
        heading: 'ਅਸੀਂ ਇਸਨੂੰ ਕਿੰਨੀ ਦੇਰ ਰੱਖਦੇ ਹਾਂ',
        text: 'ਤੁਹਾਡੀ ਫੇਰੀ ਦਾ ਰਿਕਾਰਡ ਸਕੂਲ ਵੱਲੋਂ ਤੈਅ ਕੀਤੇ ਸਮੇਂ ਤੱਕ, ਆਮ ਤੌਰ ’ਤੇ ਅਗਲੇ ਸਕੂਲੀ ਸਾਲ ਦੇ ਅੰਤ ਤੱਕ, ਰੱਖਿਆ ਜਾਂਦਾ ਹੈ ਅਤੇ ਫਿਰ ਇਸ ਕਿਓਸਕ ਅਤੇ ਸਕੂਲ ਦਫ਼ਤਰ ਦੇ ਸਿਸਟਮ ਤੋਂ ਮਿਟਾ ਦਿੱਤਾ ਜਾਂਦਾ ਹੈ। ਜੇ ਬੱਚਿਆਂ ਦੀ ਸੁਰੱਖਿਆ ਬਾਰੇ ਕੋਈ ਚਿੰਤਾ ਹੋਵੇ ਜਾਂ ਫ਼ੋਨ ਨਿਯਮ ਦੀ ਉਲੰਘਣਾ ਹੋਵੇ, ਤਾਂ ਉਸ ਮਾਮਲੇ ਦਾ ਰਿਕਾਰਡ ਵੱਧ ਸਮੇਂ ਲਈ, ਆਮ ਤੌਰ ’ਤੇ ਮਾਮਲਾ ਬੰਦ ਹੋਣ ਤੋਂ ਬਾਅਦ ਛੇ ਸਾਲ ਤੱਕ, ਰੱਖਿਆ ਜਾਂਦਾ ਹੈ। ਕਿਸੇ ਖੁੱਲ੍ਹੇ ਮਾਮਲੇ ਲਈ ਲੋੜੀਂਦੀ ਕੋਈ ਵੀ ਚੀਜ਼ ਉਸਦੇ ਬੰਦ ਹੋਣ ਤੱਕ ਨਹੀਂ ਮਿਟਾਈ ਜਾਂਦੀ।',
      },
      {
        heading: 'ਤੁਹਾਡੇ ਅਧਿਕਾਰ',
        text: 'ਤੁਸੀਂ ਸਾਡੇ ਕੋਲ ਤੁਹਾਡੇ ਬਾਰੇ ਰੱਖੀ ਜਾਣਕਾਰੀ ਦੇਖਣ, ਗਲਤ ਹੋਣ ’ਤੇ ਇਸਨੂੰ ਠੀਕ ਕਰਵਾਉਣ, ਅਤੇ ਜਿੱਥੇ ਕਾਨੂੰਨ ਇਜਾਜ਼ਤ ਦੇਵੇ ਉੱਥੇ ਇਸਨੂੰ ਮਿਟਵਾਉਣ ਲਈ ਕਹਿ ਸਕਦੇ ਹੋ। ਤੁਸੀਂ ਇਸਦੀ ਵਰਤੋਂ ’ਤੇ ਇਤਰਾਜ਼ ਵੀ ਕਰ ਸਕਦੇ ਹੋ ਜਾਂ ਇਸਨੂੰ ਸੀਮਤ ਕਰਨ ਲਈ ਕਹਿ ਸਕਦੇ ਹੋ। ਜੇ ਤੁਸੀਂ ਇਸ ਗੱਲ ਤੋਂ ਨਾਖੁਸ਼ ਹੋ ਕਿ ਅਸੀਂ ਤੁਹਾਡੀ ਜਾਣਕਾਰੀ ਕਿਵੇਂ ਵਰਤੀ, ਤਾਂ ਕਿਰਪਾ ਕਰਕੇ ਪਹਿਲਾਂ ਸਾਨੂੰ ਦੱਸੋ। ਤੁਸੀਂ ਯੂਕੇ ਦੇ ਡਾਟਾ ਸੁਰੱਖਿਆ ਦਫ਼ਤਰ (Information Commissioner’s Office, ICO) ਕੋਲ ਵੀ ਸ਼ਿਕਾਇਤ ਕਰ ਸਕਦੇ ਹੋ: ico.org.uk ਜਾਂ 0303 123 1113।',
      },
      {
        heading: 'ਕਿਸ ਨਾਲ ਸੰਪਰਕ ਕਰਨਾ ਹੈ',
        text: 'ਰਿਸੈਪਸ਼ਨ ’ਤੇ ਪੁੱਛੋ, ਜਾਂ ਸਕੂਲ ਦਫ਼ਤਰ ਨਾਲ ਸੰਪਰਕ ਕਰੋ ਅਤੇ ਸਕੂਲ ਦੇ ਡਾਟਾ ਸੁਰੱਖਿਆ ਅਧਿਕਾਰੀ ਬਾਰੇ ਪੁੱਛੋ। ਇਸ ਜਾਣਕਾਰੀ ਲਈ ਸਕੂਲ ਜ਼ਿੰਮੇਵਾਰ ਹੈ (ਉਹ ਡਾਟਾ ਕੰਟਰੋਲਰ ਹੈ)।',
      },
    ],
  },
  ur: {
    short:
      'اسکول آپ کا نام، آپ کا ادارہ، آپ کس سے اور کیوں ملنے آئے ہیں، یہاں موجودگی کے دوران آپ کا فون کہاں رکھا ہے، اور آپ کے آنے اور جانے کا وقت درج کرتا ہے۔ ' +
      'ہم یہ معلومات بچوں کو محفوظ رکھنے، آگ لگنے کی صورت میں یہ جاننے کے لیے کہ عمارت میں کون ہے، اور اسکول کے فون کے اصول پر عمل یقینی بنانے کے لیے استعمال کرتے ہیں۔ ' +
      'ہم انہیں اسکول کی مقرر کردہ مدت تک، عام طور پر اگلے تعلیمی سال کے اختتام تک، رکھتے ہیں اور پھر مٹا دیتے ہیں۔ ' +
      'اگر آپ کے کوئی سوالات ہوں تو استقبالیہ پر پوچھیں یا اسکول کے دفتر سے رابطہ کریں، جو آپ کا رابطہ اسکول کے ڈیٹا پروٹیکشن آفیسر سے کرا سکتا ہے۔',
    sections: [
      {
        heading: 'ہم کیا جمع کرتے ہیں',
        text: 'سائن اِن کرتے وقت ہم درج کرتے ہیں: آپ کا نام؛ آیا آپ والدین یا نگہداشت کرنے والے، رضاکار، ٹھیکیدار، مہمان یا آنے والے پیشہ ور ہیں؛ آپ کا ادارہ اور عہدہ، اگر آپ بتائیں؛ آپ کس سے اور کیوں ملنے آئے ہیں؛ آیا ہنگامی صورت میں عمارت سے نکلنے کے لیے آپ کو مدد کی ضرورت پڑ سکتی ہے؛ آپ کا فون یا اسمارٹ آلہ کہاں رکھا ہے، یا اسے استعمال کرنے کی آپ کی کوئی منظوری؛ آپ کو فون کے اصول اور اس نوٹس کا کون سا ورژن کس زبان میں دکھایا گیا؛ آپ کا بیج نمبر؛ اور آپ کے آنے اور جانے کا وقت۔',
      },
      {
        heading: 'ہم یہ کیوں جمع کرتے ہیں اور کون سا قانون اس کی اجازت دیتا ہے',
        text: 'اسکولوں کو بچوں کو محفوظ رکھنا ہوتا ہے، اس لیے ہمیں معلوم ہونا چاہیے کہ اسکول میں کون ہے، وہ کس سے مل رہا ہے اور کیا فون تالے میں بند ہیں۔ آگ جیسی ہنگامی صورت میں ہم اس فہرست سے جانچتے ہیں کہ سب عمارت سے نکل آئے ہیں؛ یہ معلومات کہ آپ کو مدد کی ضرورت پڑ سکتی ہے صرف اسی کام کے لیے استعمال ہوتی ہے۔ قانون اس کی اجازت دیتا ہے کیونکہ یہ اسکول کے عوامی فرائض کا اور بچوں کے تحفظ اور اسکول میں موجود لوگوں کی حفاظت کی قانونی ذمہ داریوں کا حصہ ہے۔ ہم آپ سے رضامندی نہیں مانگتے، لیکن اسکول آنے والے ہر شخص کو سائن اِن کرنا ضروری ہے۔',
      },
      {
        heading: 'اسے کون دیکھتا ہے',
        text: 'صرف اسکول کا وہ عملہ جسے اس کی ضرورت ہو: استقبالیہ اور اسکول کا دفتر، ہیڈ ٹیچر اور بچوں کے تحفظ کا ذمہ دار افسر (Designated Safeguarding Lead, DSL)۔ دوسرے مہمان اس کیوسک پر آپ کی تفصیلات کبھی نہیں دیکھتے۔ ہم انہیں اسکول سے باہر صرف اس وقت شیئر کرتے ہیں جب قانون اس کا تقاضا کرے یا اجازت دے، مثلاً کسی بچے کے تحفظ کے لیے پولیس یا بچوں کی خدمات کے ساتھ۔',
      },
      {
        heading: 'ہم اسے کتنی دیر رکھتے ہیں',
        text: 'آپ کے دورے کا ریکارڈ اسکول کی مقرر کردہ مدت تک، عام طور پر اگلے تعلیمی سال کے اختتام تک، رکھا جاتا ہے اور پھر اس کیوسک اور اسکول کے دفتر کے سسٹم سے مٹا دیا جاتا ہے۔ اگر بچوں کے تحفظ سے متعلق کوئی تشویش ہو یا فون کے اصول کی خلاف ورزی ہو تو اس معاملے کا ریکارڈ زیادہ دیر تک، عام طور پر معاملہ بند ہونے کے بعد چھ سال تک، رکھا جاتا ہے۔ کسی کھلے معاملے کے لیے درکار کوئی چیز اس کے بند ہونے تک نہیں مٹائی جاتی۔',
      },
      {
        heading: 'آپ کے حقوق',
        text: 'آپ ہمارے پاس اپنے بارے میں موجود معلومات دیکھنے، غلط ہونے پر انہیں درست کروانے، اور جہاں قانون اجازت دے وہاں انہیں مٹوانے کی درخواست کر سکتے ہیں۔ آپ ان کے استعمال پر اعتراض بھی کر سکتے ہیں یا اسے محدود کرنے کا کہہ سکتے ہیں۔ اگر آپ اس بات سے ناخوش ہیں کہ ہم نے آپ کی معلومات کیسے استعمال کیں تو براہِ کرم پہلے ہمیں بتائیں۔ آپ برطانیہ کے ڈیٹا پروٹیکشن کے ادارے (Information Commissioner’s Office, ICO) سے بھی شکایت کر سکتے ہیں: ico.org.uk یا 0303 123 1113۔',
      },
      {
        heading: 'کس سے رابطہ کریں',
        text: 'استقبالیہ پر پوچھیں، یا اسکول کے دفتر سے رابطہ کریں اور اسکول کے ڈیٹا پروٹیکشن آفیسر کے بارے میں پوچھیں۔ ان معلومات کی ذمہ داری اسکول پر ہے (وہ ڈیٹا کنٹرولر ہے)۔',
      },
    ],
  },
  bn: {
    short:
      'স্কুল আপনার নাম, আপনার প্রতিষ্ঠান, আপনি কার সাথে এবং কেন দেখা করতে এসেছেন, এখানে থাকাকালীন আপনার ফোন কোথায় রাখা আছে, এবং আপনার আসা ও যাওয়ার সময় লিখে রাখে। ' +
      'আমরা এগুলো শিশুদের নিরাপদ রাখতে, আগুন লাগলে ভবনে কে আছেন তা জানতে, এবং স্কুলের ফোনের নিয়ম মানা হচ্ছে কি না তা নিশ্চিত করতে ব্যবহার করি। ' +
      'স্কুলের নির্ধারিত সময় পর্যন্ত, সাধারণত পরের শিক্ষাবর্ষের শেষ পর্যন্ত, আমরা এগুলো রাখি এবং তারপর মুছে ফেলি। ' +
      'কোনো প্রশ্ন থাকলে রিসেপশনে জিজ্ঞেস করুন বা স্কুল অফিসে যোগাযোগ করুন, তারা আপনাকে স্কুলের ডেটা সুরক্ষা কর্মকর্তার সাথে যোগাযোগ করিয়ে দিতে পারবে।',
    sections: [
      {
        heading: 'আমরা কী সংগ্রহ করি',
        text: 'সাইন ইন করার সময় আমরা লিখে রাখি: আপনার নাম; আপনি অভিভাবক বা পরিচর্যাকারী, স্বেচ্ছাসেবক, ঠিকাদার, দর্শনার্থী নাকি পরিদর্শনকারী পেশাজীবী; আপনার প্রতিষ্ঠান ও ভূমিকা, যদি আপনি জানান; আপনি কার সাথে এবং কেন দেখা করতে এসেছেন; জরুরি অবস্থায় ভবন থেকে বের হতে আপনার সাহায্য লাগতে পারে কি না; আপনার ফোন বা স্মার্ট ডিভাইস কোথায় রাখা আছে, বা সেটি ব্যবহারের জন্য আপনার কোনো অনুমোদন; আপনাকে ফোনের নিয়ম ও এই নোটিশের কোন সংস্করণ কোন ভাষায় দেখানো হয়েছে; আপনার ব্যাজ নম্বর; এবং আপনার আসা ও যাওয়ার সময়।',
      },
      {
        heading: 'কেন আমরা এটি সংগ্রহ করি এবং কোন আইন তা অনুমোদন করে',
        text: 'স্কুলকে শিশুদের নিরাপদ রাখতে হয়, তাই আমাদের জানতে হবে স্কুলে কে আছেন, তিনি কার সাথে দেখা করছেন এবং ফোনগুলো তালাবন্ধ আছে কি না। আগুনের মতো জরুরি অবস্থায় আমরা এই তালিকা দিয়ে যাচাই করি যে সবাই ভবন থেকে বেরিয়ে এসেছেন; আপনার সাহায্য লাগতে পারে, এই তথ্য শুধু সেই কাজেই ব্যবহার করা হয়। আইন এটি অনুমোদন করে, কারণ এটি স্কুলের জনস্বার্থমূলক দায়িত্ব এবং শিশুদের সুরক্ষা ও স্কুলে উপস্থিত মানুষদের নিরাপদ রাখার আইনি কর্তব্যের অংশ। আমরা আপনার সম্মতি চাই না, তবে স্কুলে আসা প্রত্যেককে সাইন ইন করতে হয়।',
      },
      {
        heading: 'কারা এটি দেখেন',
        text: 'শুধু স্কুলের সেই কর্মীরা যাদের এটি প্রয়োজন: রিসেপশন ও স্কুল অফিস, প্রধান শিক্ষক এবং শিশু সুরক্ষার দায়িত্বপ্রাপ্ত কর্মকর্তা (Designated Safeguarding Lead, DSL)। অন্য দর্শনার্থীরা এই কিয়স্কে কখনো আপনার তথ্য দেখতে পান না। আইন যখন বাধ্য করে বা অনুমতি দেয় শুধু তখনই আমরা এটি স্কুলের বাইরে শেয়ার করি, যেমন কোনো শিশুকে রক্ষা করতে পুলিশ বা শিশু সেবা বিভাগের সাথে।',
      },
      {
        heading: 'আমরা এটি কতদিন রাখি',
        text: 'আপনার সফরের রেকর্ড স্কুলের নির্ধারিত সময় পর্যন্ত, সাধারণত পরের শিক্ষাবর্ষের শেষ পর্যন্ত, রাখা হয় এবং তারপর এই কিয়স্ক ও স্কুল অফিসের সিস্টেম থেকে মুছে ফেলা হয়। শিশু সুরক্ষা নিয়ে কোনো উদ্বেগ বা ফোনের নিয়ম ভঙ্গের ঘটনা থাকলে সেই বিষয়ের রেকর্ড বেশি দিন রাখা হয়, সাধারণত বিষয়টি বন্ধ হওয়ার পর ছয় বছর। কোনো খোলা বিষয়ের জন্য যা দরকার, তা বিষয়টি বন্ধ না হওয়া পর্যন্ত মুছে ফেলা হয় না।',
      },
      {
        heading: 'আপনার অধিকার',
        text: 'আমাদের কাছে আপনার সম্পর্কে যে তথ্য আছে তা দেখতে, ভুল থাকলে সংশোধন করতে, এবং আইন অনুমতি দিলে মুছে ফেলতে আপনি অনুরোধ করতে পারেন। আমরা কীভাবে এটি ব্যবহার করি তাতে আপত্তি জানাতে বা তা সীমিত করতে বলতেও পারেন। আমরা আপনার তথ্য যেভাবে ব্যবহার করেছি তাতে আপনি অসন্তুষ্ট হলে অনুগ্রহ করে প্রথমে আমাদের জানান। আপনি যুক্তরাজ্যের তথ্য সুরক্ষা কর্তৃপক্ষের (Information Commissioner’s Office, ICO) কাছেও অভিযোগ করতে পারেন: ico.org.uk অথবা 0303 123 1113।',
      },
      {
        heading: 'কার সাথে যোগাযোগ করবেন',
        text: 'রিসেপশনে জিজ্ঞেস করুন, অথবা স্কুল অফিসে যোগাযোগ করে স্কুলের ডেটা সুরক্ষা কর্মকর্তার কথা জিজ্ঞেস করুন। এই তথ্যের দায়িত্ব স্কুলের (স্কুলই ডেটা নিয়ন্ত্রক)।',
      },
    ],
  },
  ar: {
    short:
      'تسجّل المدرسة اسمك، والجهة التي تتبع لها، ومن تزوره وسبب الزيارة، ومكان حفظ هاتفك أثناء وجودك هنا، ووقت وصولك ومغادرتك. ' +
      'نستخدم هذه المعلومات لحماية الأطفال، ولمعرفة من في المبنى عند حدوث حريق، وللتأكد من الالتزام بقاعدة المدرسة بشأن الهواتف. ' +
      'نحتفظ بها طوال المدة التي تحددها المدرسة، وعادةً حتى نهاية العام الدراسي التالي، ثم نحذفها. ' +
      'إذا كانت لديك أسئلة، يُرجى السؤال في الاستقبال أو التواصل مع مكتب المدرسة، الذي يمكنه إيصالك بمسؤول حماية البيانات في المدرسة.',
    sections: [
      {
        heading: 'ما المعلومات التي نجمعها',
        text: 'عند تسجيل الدخول نسجّل: اسمك؛ وهل أنت وليّ أمر أو مقدّم رعاية أو متطوع أو مقاول أو زائر أو مختص في زيارة عمل؛ والجهة التي تتبع لها ودورك فيها إن ذكرتهما؛ ومن تزوره وسبب الزيارة؛ وهل قد تحتاج إلى مساعدة لمغادرة المبنى في حالة الطوارئ؛ ومكان حفظ هاتفك أو جهازك الذكي، أو أي موافقة لديك على استخدامه؛ وأي نسخة من قاعدة الهواتف ومن هذا الإشعار عُرضت عليك وبأي لغة؛ ورقم شارتك؛ ووقت وصولك ومغادرتك.',
      },
      {
        heading: 'لماذا نجمعها وما القانون الذي يسمح بذلك',
        text: 'على المدارس حماية الأطفال، لذلك نحتاج إلى معرفة من يوجد في المدرسة ومن يقابل، والتأكد من بقاء الهواتف مقفلًا عليها. في حالات الطوارئ مثل الحريق نستخدم القائمة للتحقق من خروج الجميع من المبنى، ولا نستخدم معلومة حاجتك المحتملة إلى المساعدة إلا لهذا الغرض. يسمح القانون بذلك لأنه جزء من المهمة العامة للمدرسة ومن واجباتها القانونية في حماية الأطفال والحفاظ على سلامة الموجودين فيها. لا نطلب موافقتك، ولكن يجب على كل من يزور المدرسة تسجيل الدخول.',
      },
      {
        heading: 'من يطّلع عليها',
        text: 'فقط موظفو المدرسة الذين يحتاجون إليها: الاستقبال ومكتب المدرسة، ومدير المدرسة، والمسؤول المعيّن عن حماية الأطفال (Designated Safeguarding Lead, DSL). لا يرى الزوار الآخرون بياناتك على هذا الجهاز أبدًا. لا نشاركها خارج المدرسة إلا عندما يلزمنا القانون بذلك أو يسمح به، مثل مشاركتها مع الشرطة أو خدمات رعاية الأطفال لحماية طفل.',
      },
      {
        heading: 'كم من الوقت نحتفظ بها',
        text: 'يُحتفظ بسجل زيارتك طوال المدة التي تحددها المدرسة، وعادةً حتى نهاية العام الدراسي التالي، ثم يُحذف من هذا الجهاز ومن نظام مكتب المدرسة. إذا كان هناك قلق يتعلق بحماية الأطفال أو مخالفة لقاعدة الهواتف، يُحتفظ بسجل تلك الحالة مدة أطول، وعادةً ست سنوات بعد إغلاقها. لا يُحذف أي شيء تحتاجه حالة لا تزال مفتوحة قبل إغلاقها.',
      },
      {
        heading: 'حقوقك',
        text: 'يمكنك أن تطلب الاطلاع على المعلومات التي نحتفظ بها عنك، وتصحيحها إن كانت خاطئة، وحذفها حيث يسمح القانون. ويمكنك أيضًا الاعتراض على طريقة استخدامنا لها أو طلب تقييدها. إذا لم تكن راضيًا عن طريقة استخدامنا لمعلوماتك، يُرجى إخبارنا أولًا. ويمكنك أيضًا تقديم شكوى إلى هيئة حماية البيانات في المملكة المتحدة (Information Commissioner’s Office, ICO)، عبر الموقع ico.org.uk أو الهاتف 0303 123 1113.',
      },
      {
        heading: 'بمن تتصل',
        text: 'يُرجى السؤال في الاستقبال، أو التواصل مع مكتب المدرسة وطلب مسؤول حماية البيانات في المدرسة. المدرسة هي المسؤولة عن هذه المعلومات (وهي المتحكّم في البيانات).',
      },
    ],
  },
};
