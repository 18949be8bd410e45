// Reads the bytes a printer receives, as that printer would: a state machine that walks a
// prefix tree of its command table, takes each command's arguments, and treats the remaining
// bytes as text in the selected code page. A byte that is neither a command nor printable is
// recorded as unknown with its offset, so stray control characters in visitor text show up.
// Works on a stream: push() chunks as they arrive (the virtual printer answers status queries
// as soon as they are complete), finish() at the end of the job.
import { PAPER } from '../types.js';
import { buildTrie, type CommandSpec, type Trie } from './commandTable.js';
import { hex, type DecodedDocument, type PrinterModel, type StatusQuery } from './document.js';
import { EPSON_COMMANDS } from './epsonCommands.js';
import { PrintHead } from './printHead.js';
import { STAR_COMMANDS } from './starCommands.js';

export type DecodeOptions = {
  model: PrinterModel;
  /** Printable width in dots: 576 for 80 mm paper (the default), 384 for 58 mm. */
  dotWidth?: number;
};

const TRIES: Record<PrinterModel, Trie> = { epson: buildTrie(EPSON_COMMANDS), star: buildTrie(STAR_COMMANDS) };

type Step =
  | { kind: 'command'; spec: CommandSpec; length: number; prefixLength: number }
  | { kind: 'text' }
  /** The first `length` bytes start no command. */
  | { kind: 'unknown'; length: number }
  | { kind: 'incomplete' };

export class StreamDecoder {
  private bytes: Buffer = Buffer.alloc(0);
  private pos = 0;
  private finished = false;
  private readonly head: PrintHead;
  private readonly trie: Trie;

  constructor(readonly options: DecodeOptions) {
    this.head = new PrintHead(options.model, options.dotWidth ?? PAPER[80].dots);
    this.trie = TRIES[options.model];
  }

  /** Feed more bytes; returns the status queries completed by them (to answer at once). */
  push(chunk: Uint8Array): StatusQuery[] {
    if (this.finished) throw new Error('decoder already finished');
    this.bytes = Buffer.concat([this.bytes, chunk]);
    const before = this.head.doc.statusQueries.length;
    this.run(false);
    return this.head.doc.statusQueries.slice(before);
  }

  /** End of job: whatever is left is a truncated command. */
  finish(): DecodedDocument {
    if (!this.finished) {
      this.run(true);
      this.finished = true;
      this.head.doc.byteLength = this.bytes.length;
      this.head.finish();
    }
    return this.head.doc;
  }

  private run(final: boolean): void {
    const doc = this.head.doc;
    while (this.pos < this.bytes.length) {
      const at = this.pos;
      const step = this.step(at);
      if (step.kind === 'incomplete') {
        if (!final) return;
        doc.unknown.push({ offset: at, bytes: hex(this.bytes.subarray(at)), reason: 'truncated' });
        this.head.warn(at, `job ends inside a command (${this.bytes.length - at} bytes)`);
        this.pos = this.bytes.length;
        return;
      }
      if (step.kind === 'unknown') {
        doc.unknown.push({ offset: at, bytes: hex(this.bytes.subarray(at, at + step.length)), reason: 'not a command' });
        this.pos += step.length;
        continue;
      }
      if (step.kind === 'text') {
        const byte = this.bytes[at] ?? 0;
        if (byte === 0x7f) doc.unknown.push({ offset: at, bytes: hex([byte]), reason: 'no glyph' });
        else if (!this.head.printByte(byte, at)) doc.unknown.push({ offset: at, bytes: hex([byte]), reason: 'no glyph' });
        this.pos += 1;
        continue;
      }
      const raw = this.bytes.subarray(at, at + step.length);
      const args = raw.subarray(step.prefixLength);
      const record: DecodedDocument['commands'][number] = { offset: at, name: step.spec.name, bytes: hex(raw.length > 24 ? raw.subarray(0, 24) : raw) + (raw.length > 24 ? ` … (${raw.length} bytes)` : '') };
      doc.commands.push(record);
      const note = step.spec.run?.(this.head, { offset: at, args, arg: (i) => args[i] ?? 0, raw });
      if (typeof note === 'string') record.note = note;
      this.pos += step.length;
    }
  }

  /** What starts at `at`: a command (with its full length), text, unknown bytes, or not enough bytes yet. */
  private step(at: number): Step {
    const first = this.bytes[at] ?? 0;
    let node: Trie | undefined = this.trie;
    let i = 0;
    while (node && !node.spec) {
      const b = this.bytes[at + i];
      if (b === undefined) return { kind: 'incomplete' };
      const next: Trie | undefined = node.next.get(b);
      if (!next) {
        if (i > 0) return { kind: 'unknown', length: i };
        return first < 0x20 ? { kind: 'unknown', length: 1 } : { kind: 'text' };
      }
      node = next;
      i += 1;
    }
    const spec = node?.spec;
    if (!spec) return { kind: 'unknown', length: 1 };
    const start = at + i;
    const argCount = typeof spec.args === 'number' ? spec.args : spec.args((k) => this.bytes[start + k]);
    if (argCount === null || start + argCount > this.bytes.length) return { kind: 'incomplete' };
    return { kind: 'command', spec, length: i + argCount, prefixLength: i };
  }
}

/** Decode a whole job at once. */
export function decode(bytes: Uint8Array, options: DecodeOptions): DecodedDocument {
  const d = new StreamDecoder(options);
  d.push(bytes);
  return d.finish();
}

export * from './document.js';
