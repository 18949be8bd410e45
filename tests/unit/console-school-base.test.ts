// The console finds its school's address from the page's own path: every call goes under it.
import { describe, expect, it } from 'vitest';
import { schoolBase } from '../../renderer/console/src/schoolBase.js';

describe("the console's school address", () => {
  it('is the root on a one-school hub', () => {
    for (const p of ['/', '/index.html', '/staff', '/s', '/s/']) expect(schoolBase(p)).toBe('/');
  });
  it("is /s/<slug>/ on a trust hub, whatever page of the school's console is open", () => {
    expect(schoolBase('/s/riverside/')).toBe('/s/riverside/');
    expect(schoolBase('/s/riverside/index.html')).toBe('/s/riverside/');
    expect(schoolBase('/s/st-marys-2/anything/deeper')).toBe('/s/st-marys-2/');
  });
  it('is not fooled by what is not a school short name', () => {
    for (const p of ['/s/Riverside/', '/s/../', '/s/2nd/', '/x/s/riverside/']) expect(schoolBase(p)).toBe('/');
  });
});
