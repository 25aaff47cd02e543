import picomatch from 'picomatch';
import { shown } from '../../core/quote.js';

/**
 * Bounds on workspace globs, which come from the repository: the length of a pattern, of a folder
 * name and of a folder path; how many patterns are read, folders looked at, name tests run and
 * packages taken; how deep a package may sit; and how much wildcard one folder name of a pattern
 * may hold (two `*` alone, or one `*` with up to four `[...]` and one `{...}` of ten choices): a
 * regular expression with more backtracks for ever on a long name.
 */
export const WORKSPACE_LIMITS = {
  pattern: 200,
  name: 100,
  path: 300,
  patterns: 50,
  folders: 2000,
  tests: 200_000,
  packages: 200,
  depth: 4,
  stars: 2,
  brackets: 4,
  choices: 10,
};

/** A workspace glob, a folder name at a time: `**` (any number of folders) or picomatch's test for one name. */
export interface WorkspaceGlob {
  negate: boolean;
  segments: (RegExp | '**')[];
}

const count = (text: string, c: string) => text.split(c).length - 1;

/** A workspace pattern compiled with picomatch, or why it is not read. */
export function workspaceGlob(raw: unknown): WorkspaceGlob | string {
  const L = WORKSPACE_LIMITS;
  if (typeof raw !== 'string') return `${shown(JSON.stringify(raw) ?? String(raw), 40)} is not a string`;
  if (raw.length > L.pattern) return `${shown(raw, 60)} is longer than ${L.pattern} characters`;
  let p = raw.trim();
  const negate = p.startsWith('!');
  if (negate) p = p.slice(1);
  const parts = p.split('/').filter((x) => x !== '' && x !== '.');
  if (!parts.length) return `${shown(raw, 60)} names no folder`;
  if (p.startsWith('/') || parts.includes('..')) return `${shown(raw, 60)} leads outside the project`;
  if (/[()|\\]/.test(p))
    return `${shown(raw, 60)} uses ( ) | or \\, which this tool does not read in a workspace pattern`;
  const segments: (RegExp | '**')[] = [];
  for (const part of parts) {
    if (part === '**') {
      if (segments[segments.length - 1] !== '**') segments.push('**');
      continue;
    }
    // `a**b` is `a*b` within one name; runs of * are one.
    const seg = part.replace(/\*+/g, '*');
    const choices = seg.includes('{') ? count(seg.slice(seg.indexOf('{')), ',') + 1 : 1;
    const stars = count(seg, '*');
    const classes = count(seg, '[') + count(seg, '{');
    if (
      stars > L.stars ||
      (stars > 1 && classes > 0) ||
      count(seg, '[') > L.brackets ||
      count(seg, '{') > 1 ||
      choices > L.choices
    ) {
      return `${shown(raw, 60)} has more wildcards in one folder name than this tool matches (two * alone, or one * with up to ${L.brackets} [...] and one {...} of ${L.choices} choices)`;
    }
    let re: RegExp;
    try {
      re = picomatch.makeRe(seg, { noextglob: true, maxLength: L.pattern });
    } catch (e) {
      return `${shown(raw, 60)} is not a valid glob (${shown((e as Error).message, 60)})`;
    }
    // picomatch's answer for a pattern it cannot read ([z-a], an unclosed {) is a test nothing passes.
    if (re.source === '$^') return `${shown(raw, 60)} is not a valid glob`;
    segments.push(re);
  }
  return { negate, segments };
}

/** Whether a folder path's names pass a glob's segments (`**`: none or any number of names not starting with a dot); `budget.tests` counts name tests. */
export function globMatches(segments: WorkspaceGlob['segments'], names: string[], budget: { tests: number }): boolean {
  const memo = new Map<number, boolean>();
  const at = (i: number, j: number): boolean => {
    if (i === segments.length) return j === names.length;
    const key = i * (names.length + 1) + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const s = segments[i]!;
    let ok: boolean;
    if (s === '**') ok = at(i + 1, j) || (j < names.length && !names[j]!.startsWith('.') && at(i, j + 1));
    else {
      budget.tests++;
      ok = j < names.length && s.test(names[j]!) && at(i + 1, j + 1);
    }
    memo.set(key, ok);
    return ok;
  };
  // Fewer names than the glob's plain segments, or more without a `**`: no match, no test.
  const plain = segments.filter((s) => s !== '**').length;
  if (names.length < plain || (names.length > plain && !segments.includes('**'))) return false;
  return at(0, 0);
}
