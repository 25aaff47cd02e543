/*
 * Glob patterns from a repository (//go:embed patterns, Cargo's workspace members), one path
 * element at a time. The matcher is Go's path.Match algorithm: a pattern is cut at its stars
 * into chunks of fixed length, and each chunk is matched at the leftmost place it fits, so a
 * match costs at most (length of the name) x (length of the pattern): no backtracking across
 * stars, whatever the pattern. (A regular expression made from `*a*a*a*b` backtracks
 * polynomially against a long name of a's.)
 */

/** The longest pattern read; a longer one is not checked (and the user is told). */
export const GLOB_PATTERN_MAX = 200;
/** The longest name matched: no file system has longer names. */
export const GLOB_NAME_MAX = 255;

/** Go's path.Match (`\` escapes, `[^...]`), or the glob crate's that Cargo uses (`[!...]`, no escapes). */
export type GlobDialect = 'go' | 'cargo';

type GlobElem =
  { kind: 'lit'; c: number } | { kind: 'any' } | { kind: 'class'; neg: boolean; ranges: [number, number][] };

const codePoints = (s: string): number[] => Array.from(s, (ch) => ch.codePointAt(0)!);

/** One path element of a pattern: chunks of fixed-length elements, each but the first after a star. */
export interface GlobElement {
  chunks: { star: boolean; elems: GlobElem[] }[];
  /** The pattern ends with a star: any rest of the name matches. */
  trailingStar: boolean;
  /** No wildcard at all: the literal name (escapes removed). */
  literal?: string;
}

/** A character class from just after its [: the element and where the pattern goes on, or why it is invalid. */
function parseClass(cps: string[], from: number, dialect: GlobDialect): { elem: GlobElem; next: number } | string {
  const cp = (ch: string) => ch.codePointAt(0)!;
  let i = from;
  const neg = cps[i] === (dialect === 'go' ? '^' : '!');
  if (neg) i++;
  const ranges: [number, number][] = [];
  // One end of a range: Go refuses an unescaped - or ] there; the glob crate takes ] first and - at the edges literally.
  const end = (first: boolean): string | undefined => {
    let d = cps[i];
    if (d === undefined) return undefined;
    if (dialect === 'go') {
      if (d === '-' || d === ']') return undefined;
      if (d === '\\') {
        i++;
        d = cps[i];
        if (d === undefined) return undefined;
      }
    } else if (d === ']' && !first) {
      return undefined;
    }
    i++;
    return d;
  };
  const misplaced = () =>
    i >= cps.length ? 'a [ is never closed by ]' : `a character class has a misplaced ${cps[i]}`;
  for (;;) {
    if (i >= cps.length) return 'a [ is never closed by ]';
    if (cps[i] === ']' && ranges.length) return { elem: { kind: 'class', neg, ranges }, next: i + 1 };
    const lo = end(!ranges.length);
    if (lo === undefined) return misplaced();
    let hi = lo;
    if (cps[i] === '-' && !(dialect === 'cargo' && cps[i + 1] === ']')) {
      i++;
      const h = end(false);
      if (h === undefined) return misplaced();
      hi = h;
    }
    ranges.push([cp(lo), cp(hi)]);
  }
}

/**
 * One path element of a pattern, parsed; a string says why the pattern is invalid (what the Go
 * tool or Cargo would reject). The caller caps the pattern's length.
 */
export function parseGlobElement(pattern: string, dialect: GlobDialect): GlobElement | string {
  const cps = Array.from(pattern);
  const cp = (ch: string) => ch.codePointAt(0)!;
  const chunks: GlobElement['chunks'] = [{ star: false, elems: [] }];
  let wild = false;
  const push = (e: GlobElem) => chunks[chunks.length - 1]!.elems.push(e);
  for (let i = 0; i < cps.length;) {
    const c = cps[i]!;
    if (c === '*') {
      if (dialect === 'cargo' && cps[i + 1] === '*') return '** must be a whole path element';
      wild = true;
      const last = chunks[chunks.length - 1]!;
      if (!(last.star && !last.elems.length)) chunks.push({ star: true, elems: [] });
      i++;
      continue;
    }
    if (c === '?') {
      wild = true;
      push({ kind: 'any' });
      i++;
      continue;
    }
    if (c === '\\' && dialect === 'go') {
      if (i + 1 >= cps.length) return 'it ends with a \\';
      push({ kind: 'lit', c: cp(cps[i + 1]!) });
      i += 2;
      continue;
    }
    if (c === '[') {
      wild = true;
      const cls = parseClass(cps, i + 1, dialect);
      if (typeof cls === 'string') return cls;
      push(cls.elem);
      i = cls.next;
      continue;
    }
    if (c === ']' && dialect === 'cargo') return 'a ] with no [';
    push({ kind: 'lit', c: cp(c) });
    i++;
  }
  const last = chunks[chunks.length - 1]!;
  const trailingStar = last.star && !last.elems.length;
  if (trailingStar) chunks.pop();
  const literal = wild ? undefined : String.fromCodePoint(...chunks[0]!.elems.map((e) => (e.kind === 'lit' ? e.c : 0)));
  return { chunks, trailingStar, ...(literal !== undefined ? { literal } : {}) };
}

const fits = (elems: GlobElem[], name: number[], at: number): boolean => {
  for (let k = 0; k < elems.length; k++) {
    const e = elems[k]!;
    const c = name[at + k]!;
    if (e.kind === 'lit' ? e.c !== c : e.kind === 'class' && e.ranges.some(([lo, hi]) => lo <= c && c <= hi) === e.neg)
      return false;
  }
  return true;
};

/** Whether a name (one path element) matches; names over GLOB_NAME_MAX never do. */
export function globMatches(element: GlobElement, name: string): boolean {
  if (name.length > GLOB_NAME_MAX) return false;
  const cps = codePoints(name);
  const { chunks, trailingStar } = element;
  let pos = 0;
  for (let c = 0; c < chunks.length; c++) {
    const { star, elems } = chunks[c]!;
    let at = pos;
    // After a star, the last chunk ends the name; any other is taken where it first fits.
    if (star && c === chunks.length - 1 && !trailingStar) at = cps.length - elems.length;
    else if (star) while (at + elems.length <= cps.length && !fits(elems, cps, at)) at++;
    if (at < pos || at + elems.length > cps.length || !fits(elems, cps, at)) return false;
    pos = at + elems.length;
  }
  return trailingStar || pos === cps.length;
}
