// Pull: the office's never-here places ('noplace') and DSL directory ('dsl') into the kiosk's
// tables. As with places and hosts, the first office row of a kind retires the kiosk's own
// (the defaults from migration 130); removed rows are retired, never deleted.
import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import { getSetting, setSetting } from '../site/settings.js';
import { DslRole } from '../../shared/signage.js';
import type { RefChange } from '../../shared/sync.js';
import { z } from '../../shared/zod.js';
import { PullApplyError } from '../sync/pull.js';

const Id = z.string().min(1).max(200);
const Bodies = {
  noplace: z.object({ id: Id, name: z.string().min(1).max(200), sort: z.number().int(), active: z.boolean() }),
  dsl: z.object({ id: Id, name: z.string().min(1).max(200), role: DslRole, contact: z.string().max(200), sort: z.number().int(), active: z.boolean() }),
};
const TABLE = { noplace: 'never_places', dsl: 'dsls' } as const;
const OWNED_KEY = 'sync_office_owns_safeguarding';

function takeOver(db: Db, entity: keyof typeof TABLE): void {
  const owned = JSON.parse(getSetting(db, OWNED_KEY) ?? '[]') as string[];
  if (owned.includes(entity)) return;
  stmt(db, `UPDATE ${TABLE[entity]} SET active = 0`).run();
  setSetting(db, OWNED_KEY, JSON.stringify([...owned, entity]));
}

/** Apply the change if it is one of these kinds; false otherwise. */
export function applySafeguardingChange(db: Db, c: RefChange): boolean {
  if (c.entity !== 'noplace' && c.entity !== 'dsl') return false;
  const e = c.entity;
  if (c.body === null) {
    stmt(db, `UPDATE ${TABLE[e]} SET active = 0 WHERE id = ?`).run(c.key);
    return true;
  }
  const parsed = Bodies[e].safeParse(c.body);
  if (!parsed.success)
    throw new PullApplyError(`Change ${c.seq} (${e} ${c.key}) from the hub is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  takeOver(db, e);
  if (e === 'noplace') {
    const b = parsed.data as z.infer<typeof Bodies.noplace>;
    stmt(db, 'INSERT INTO never_places (id, name, sort, active) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, sort = excluded.sort, active = excluded.active').run(
      b.id, b.name, b.sort, b.active ? 1 : 0,
    );
  } else {
    const b = parsed.data as z.infer<typeof Bodies.dsl>;
    stmt(
      db,
      'INSERT INTO dsls (id, name, role, contact, sort, active) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, contact = excluded.contact, sort = excluded.sort, active = excluded.active',
    ).run(b.id, b.name, b.role, b.contact, b.sort, b.active ? 1 : 0);
  }
  return true;
}
