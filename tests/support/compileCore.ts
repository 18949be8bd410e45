// Compiles the kiosk core (core/ and shared/) to plain ES modules for a separate Node process
// (the crash-test worker), with the TypeScript compiler's transpile-only mode: no type-check
// (tsc -p tsconfig.json does that), so it takes well under a second. The output lives under
// node_modules/.cache so it is never committed or shipped, and resolves packages from the
// project's node_modules.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function* tsFiles(dir: string): Generator<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* tsFiles(p);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) yield p;
  }
}

/** Returns the output folder; `<out>/core/kiosk.js` is the entry point. Pass `scripts` too to
 *  run a command-line tool (e.g. `<out>/scripts/kioskAdmin.js`) as its own process. */
export function compileCore(
  outDir = path.join(PROJECT_ROOT, 'node_modules', '.cache', `phone-safe-kiosk-core-${process.pid}`),
  tops: readonly string[] = ['core', 'shared'],
): string {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  for (const top of tops) {
    for (const file of tsFiles(path.join(PROJECT_ROOT, top))) {
      const out = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
        fileName: file,
        compilerOptions: { target: ts.ScriptTarget.ES2023, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: false, isolatedModules: true },
      });
      const dest = path.join(outDir, path.relative(PROJECT_ROOT, file)).replace(/\.ts$/, '.js');
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.writeFileSync(dest, out.outputText);
    }
  }
  return outDir;
}
