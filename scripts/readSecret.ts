// Read a secret (a PIN) for a command-line tool without it ever being on the command line
// (shell history, `ps`) or on the screen: typed at the terminal with no echo, or one line piped
// on standard input (`printf '%s\n' "$PIN" | npm run kiosk:admin -- set-pin`).
import type { Readable, Writable } from 'node:stream';

export type TtyIn = Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };

/** Typed at a terminal: raw mode, nothing echoed. Ctrl+C or Ctrl+D gives up (null). */
function readHidden(input: TtyIn, prompt: string, out: Writable): Promise<string | null> {
  return new Promise((resolve) => {
    out.write(prompt);
    let text = '';
    const finish = (v: string | null) => {
      input.off('data', onData);
      input.setRawMode?.(false);
      input.pause();
      out.write('\n');
      resolve(v);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of String(chunk)) {
        if (ch === '\r' || ch === '\n') return finish(text);
        if (ch === '\u0003' || ch === '\u0004') return finish(null);
        if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
        else if (ch >= ' ') text += ch;
      }
    };
    input.setRawMode?.(true);
    input.resume();
    input.on('data', onData);
  });
}

/** The first line of a pipe. */
async function readFirstLine(input: Readable): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

/** At a terminal: asked twice, hidden; they must match. From a pipe: the first line. */
export async function readNewSecret(label: string, input: TtyIn = process.stdin, out: Writable = process.stderr): Promise<{ value: string } | { error: string }> {
  if (!input.isTTY) return { value: (await readFirstLine(input)).trim() };
  const first = await readHidden(input, `${label}: `, out);
  if (first === null) return { error: 'Cancelled: nothing was changed.' };
  const second = await readHidden(input, `${label} again: `, out);
  if (second === null) return { error: 'Cancelled: nothing was changed.' };
  if (first !== second) return { error: 'The two entries are not the same: nothing was changed.' };
  return { value: first.trim() };
}

/** A secret asked for once (checking one, not choosing it): typed hidden, or the first piped line. */
export async function readSecretOnce(label: string, input: TtyIn = process.stdin, out: Writable = process.stderr): Promise<string | null> {
  if (!input.isTTY) return (await readFirstLine(input)).trim();
  const typed = await readHidden(input, `${label}: `, out);
  return typed === null ? null : typed.trim();
}
