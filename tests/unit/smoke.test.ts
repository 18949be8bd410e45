import { describe, expect, it } from 'vitest';
import { signInInput, tempKiosk } from '../support/tempKiosk.js';

describe('a kiosk on first run', () => {
  it('signs a visitor in and out with the default site set-up', () => {
    const k = tempKiosk();
    const r = k.core.run('visit.signIn', signInInput(k, { phone: { choice: 'locker', lockerId: 'L3' } }));
    expect(r.phone).toMatchObject({ kind: 'locker', lockerLabel: 'Locker 3' });
    expect(k.core.run('visit.onSite', {}).visits).toHaveLength(1);
    const out = k.core.run('visit.signOut', { visitId: r.visitId, phoneCollected: true });
    expect(out.phoneReturned).toBe(true);
    expect(k.core.run('visit.onSite', {}).visits).toHaveLength(0);
    k.close();
  });
});
