// The policy's own examples of places where devices are never used (the seed policy, section 3).
// A new hub starts with these; a stand-alone kiosk has the same rows from its migration 130.
export const DEFAULT_NEVER_PLACES = [
  { id: 'never-changing-rooms', name: 'Changing rooms' },
  { id: 'never-toilets', name: 'Toilets' },
  { id: 'never-pool', name: 'Swimming pool areas' },
] as const;
