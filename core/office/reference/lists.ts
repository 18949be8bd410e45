// The office's short reference lists (lockers, phone-use locations, hosts), saved whole from
// the console. Kiosks copy each item through the change feed, so saving emits one change per
// item that actually changed, and nothing for a save that changes nothing. Items left out are
// retired (active = 0), never deleted: visits and exemptions refer to them by id.
import { ContractError, type FieldProblem } from '../../../shared/errors.js';
import type { ReferenceData } from '../../../shared/office.js';
import type { RefEntity } from '../../../shared/sync.js';
import type { DslEntry, NeverPlace } from '../../../shared/signage.js';
import { nameKey } from '../../../shared/text.js';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { appendRefChange } from './feed.js';

export type ListName = 'lockers' | 'locations' | 'hosts' | 'never_places' | 'dsls';
type Spec = { entity: Extract<RefEntity, 'locker' | 'location' | 'host' | 'noplace' | 'dsl'>; fields: readonly string[]; label: string };
/** What readList gives for each list. */
type ListItems = Pick<ReferenceData, 'lockers' | 'locations' | 'hosts'> & { never_places: NeverPlace[]; dsls: DslEntry[] };

const SPECS: Record<ListName, Spec> = {
  lockers: { entity: 'locker', fields: ['label', 'kind'], label: 'label' },
  locations: { entity: 'location', fields: ['name'], label: 'name' },
  hosts: { entity: 'host', fields: ['name'], label: 'name' },
  // Issue #15: where devices are never used, and who the safeguarding leads are (core/office/signage/).
  never_places: { entity: 'noplace', fields: ['name'], label: 'name' },
  dsls: { entity: 'dsl', fields: ['name', 'role', 'contact'], label: 'name' },
};

type Item = { id: string; active: boolean } & Record<string, string | boolean>;
type Row = { id: string; sort: number; active: number } & Record<string, string | number>;

/** The list as the console shows it: active items in their order, then retired ones. */
export function readList<L extends ListName>(db: Db, list: L): ListItems[L] {
  const { fields } = SPECS[list];
  const rows = stmt(db, `SELECT id, ${fields.join(', ')}, active FROM ${list} ORDER BY active DESC, sort, id`).all() as Row[];
  return rows.map((r) => ({ ...r, active: r.active === 1 })) as unknown as ListItems[L];
}

/** Two items with one id, or two active ones a person could not tell apart, are refused. */
function checkDistinct(list: ListName, items: readonly Item[]): void {
  const { label } = SPECS[list];
  const problems: FieldProblem[] = [];
  const ids = new Set<string>();
  const labels = new Set<string>();
  items.forEach((it, i) => {
    if (ids.has(it.id)) problems.push({ path: `${list}.${i}.id`, message: 'taken' });
    ids.add(it.id);
    const key = nameKey(String(it[label]));
    if (it.active && labels.has(key)) problems.push({ path: `${list}.${i}.${label}`, message: 'taken' });
    if (it.active) labels.add(key);
  });
  if (problems.length) throw new ContractError('INVALID_INPUT', `Each item needs its own id and its own ${label}.`, problems);
}

/**
 * Make the table hold `items` in that order and retire the rest; emit one feed change per
 * item whose label, kind, place in the list or active flag changed. Returns the changed ids.
 */
export function saveList(db: Db, list: ListName, items: readonly Item[], at: Date): string[] {
  checkDistinct(list, items);
  const { entity, fields } = SPECS[list];
  const existing = new Map((stmt(db, `SELECT id, ${fields.join(', ')}, sort, active FROM ${list}`).all() as Row[]).map((r) => [r.id, r]));
  const cols = ['id', ...fields, 'sort', 'active'];
  const upsert = stmt(
    db,
    `INSERT INTO ${list} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})
     ON CONFLICT (id) DO UPDATE SET ${cols.slice(1).map((c) => `${c} = excluded.${c}`).join(', ')}`,
  );
  const changed: string[] = [];
  const emit = (id: string, values: Record<string, string>, sort: number, active: boolean) => {
    // RefLocker / RefLocation / RefHost / RefNoPlace / RefDsl: the id, this list's fields, sort and active.
    appendRefChange(db, entity, id, { id, ...values, sort, active } as never, at);
    changed.push(id);
  };

  items.forEach((it, sort) => {
    const values = Object.fromEntries(fields.map((f) => [f, String(it[f])]));
    const old = existing.get(it.id);
    existing.delete(it.id);
    const same = old && old.sort === sort && old.active === (it.active ? 1 : 0) && fields.every((f) => old[f] === values[f]);
    if (same) return;
    upsert.run(it.id, ...fields.map((f) => values[f]), sort, it.active ? 1 : 0);
    emit(it.id, values, sort, it.active);
  });

  const retire = stmt(db, `UPDATE ${list} SET active = 0 WHERE id = ?`);
  for (const old of existing.values()) {
    if (old.active === 0) continue;
    retire.run(old.id);
    emit(old.id, Object.fromEntries(fields.map((f) => [f, String(old[f])])), old.sort, false);
  }
  return changed;
}

/** Seed a list that is empty (a new hub): every item active, each emitted once. */
export function seedList(db: Db, list: ListName, items: readonly Record<string, string>[], at: Date): boolean {
  if (stmt(db, `SELECT 1 FROM ${list} LIMIT 1`).get()) return false;
  saveList(db, list, items.map((it) => ({ ...it, id: it.id!, active: true })), at);
  return true;
}
