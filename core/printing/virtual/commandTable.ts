// The shape of a printer's command table and the prefix tree the decoder walks. A command is its
// naming bytes, how many argument bytes follow (fixed, or read from the bytes themselves), and
// what it does to the print head.
import type { PrintHead } from './printHead.js';

/** Byte `i` after the command's prefix, or undefined when it has not arrived yet. */
export type At = (i: number) => number | undefined;

/** Argument count: fixed, or computed from the arguments so far (null: need more bytes to know). */
export type ArgLength = number | ((at: At) => number | null);

export type Invocation = {
  offset: number;
  /** The argument bytes (after the prefix). */
  args: Uint8Array;
  /** Argument `i`, 0 when absent. */
  arg: (i: number) => number;
  /** The whole command, prefix included. */
  raw: Uint8Array;
};

export type CommandSpec = {
  prefix: readonly number[];
  name: string;
  args: ArgLength;
  /** What the command does; a returned string is kept as a note on the command record. */
  run?: (head: PrintHead, c: Invocation) => string | void;
};

export type Trie = { spec?: CommandSpec; next: Map<number, Trie> };

export function buildTrie(table: readonly CommandSpec[]): Trie {
  const root: Trie = { next: new Map() };
  for (const spec of table) {
    let node = root;
    for (const b of spec.prefix) {
      if (node.spec) throw new Error(`command ${spec.name} extends ${node.spec.name}`);
      let child = node.next.get(b);
      if (!child) node.next.set(b, (child = { next: new Map() }));
      node = child;
    }
    if (node.spec || node.next.size > 0) throw new Error(`command ${spec.name} clashes with another command's prefix`);
    node.spec = spec;
  }
  return root;
}

// ---- argument lengths that depend on the bytes ----------------------------------------------

/** Little-endian 16-bit value of bytes i and i+1, or null if not yet there. */
export function u16(at: At, i: number): number | null {
  const lo = at(i);
  const hi = at(i + 1);
  return lo === undefined || hi === undefined ? null : lo + hi * 256;
}

/** `pL pH` then that many bytes (GS ( x, ESC ( x, FS ( x). */
export const lengthPrefixed: ArgLength = (at) => {
  const n = u16(at, 0);
  return n === null ? null : 2 + n;
};

/** Bytes up to and including a terminator, at most `max` data bytes before it. */
export function terminatedBy(terminator: number, max: number): ArgLength {
  return (at) => {
    for (let i = 0; i <= max; i++) {
      const b = at(i);
      if (b === undefined) return null;
      if (b === terminator) return i + 1;
    }
    return max + 1;
  };
}

export const ASCII = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
