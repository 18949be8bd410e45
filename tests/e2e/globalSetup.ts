// The e2e kiosk starts fresh, and a fresh kiosk takes no visitors until staff set how its fire
// roll call opens (issue #12). Set it up once, before the specs, as staff would on the set-up
// screen (setup.spec.ts drives that screen itself). Runs after the webServer is up.
import { E2E_PIN, kioskCall } from './kiosk.js';

export default async function globalSetup(): Promise<void> {
  const boot = await kioskCall<{ setUp: boolean }>('kiosk.bootstrap', {});
  if (!boot.setUp) await kioskCall('kiosk.setUp', { pin: E2E_PIN });
}
