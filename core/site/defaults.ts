// What a kiosk uses on its first run with no configuration. The policy wording is our own
// plain-English summary of a school's visitor expectations; a site can replace all of it.

export const DEFAULT_SITE_NAME = 'School Reception';

/** `{locations}` is replaced by the site's approved places when the policy is shown. */
export const DEFAULT_POLICY_EN = {
  title: 'Phones and smart devices while you are with us',
  points: [
    'Keep your phone and any smart device, smartwatches included, locked away for the whole time you are on site. Reception can give you a locker or a lockable pouch.',
    'If you need to use your phone, go to a place where it is allowed: {locations}.',
    'Never take photos, videos or sound recordings of children.',
    'If your work with other agencies needs a device (for example a therapist or social worker), the headteacher must agree before you use it. Reception can check whether you have that approval.',
    'Staff will speak to anyone they see using a device and will report concerns to the Designated Safeguarding Lead (DSL).',
  ],
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
