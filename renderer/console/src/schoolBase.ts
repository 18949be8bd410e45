// The URL path the console's school lives under: '/' on a one-school hub, '/s/<slug>/' on a
// trust hub (core/office/http/schools.ts). Every call and link goes below it, so the console of
// one school never talks to another's routes. Plain (no DOM): the unit tests run it in Node.
export function schoolBase(pathname: string): string {
  return /^\/s\/[a-z][a-z0-9-]{0,39}\//.exec(pathname)?.[0] ?? '/';
}
