// The trust directory (PostgreSQL only): schools are registered once, by a short name that
// becomes their schema; a second hub process opening the same directory finds them.
import { afterAll, describe, expect, it } from 'vitest';
import { addSchool, findSchool, listSchools, openTrustDirectory, type TrustDirectory } from '../../core/office/trust/directory.js';
import { TEST_DATABASE_ENV, testingOnPostgres } from '../support/postgres.js';

describe.runIf(testingOnPostgres())('trust directory', () => {
  const opened: TrustDirectory[] = [];
  afterAll(() => opened.forEach((d) => d.close()));
  const open = () => {
    const d = openTrustDirectory(process.env[TEST_DATABASE_ENV]!);
    opened.push(d);
    return d;
  };
  const at = new Date('2026-09-01T08:00:00Z');

  it('registers schools by short name and lists them by name', () => {
    const dir = open();
    addSchool(dir, { slug: 'riverside-primary', name: 'Riverside Primary', by: 'cli', at });
    addSchool(dir, { slug: 'hilltop', name: 'Hilltop Academy', by: 'cli', at });
    expect(listSchools(dir).map((s) => s.slug)).toEqual(expect.arrayContaining(['hilltop', 'riverside-primary']));
    expect(findSchool(open(), 'hilltop')?.name).toBe('Hilltop Academy'); // another opener sees it
  });

  it('refuses a duplicate, an unsafe short name and an empty name', () => {
    const dir = open();
    addSchool(dir, { slug: 'oakfield', name: 'Oakfield', by: 'cli', at });
    expect(() => addSchool(dir, { slug: 'oakfield', name: 'Oakfield again', by: 'cli', at })).toThrow(/already a school "oakfield"/);
    for (const slug of ['Oak', 'oak field', "oak';drop", '1oak', '', 'x'.repeat(41)]) expect(() => addSchool(dir, { slug, name: 'X', by: 'cli', at })).toThrow(/short name/);
    expect(() => addSchool(dir, { slug: 'blank', name: '   ', by: 'cli', at })).toThrow(/needs a name/);
  });
});
