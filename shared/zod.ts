// zod, configured once for every side that uses the contract. `jitless`: zod compiles no parsers
// at run time and never probes for eval (`Function('')`). The kiosk screens run under a CSP
// without 'unsafe-eval', where that probe is refused and reported as a CSP violation
// (tests/e2e/csp.spec.ts); the core gives up nothing measurable (inputs are a few fields).
// Import `z` from here, not from 'zod', in shared/ (the setting is global, so it also holds for
// the core's own schemas once any shared module has loaded).
import { z } from 'zod';

z.config({ jitless: true });

export { z };
