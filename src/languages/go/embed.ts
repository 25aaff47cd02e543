import { dirname } from 'node:path';
import { UserError } from '../../core/errors.js';
import type { Scan } from '../../core/scan.js';
import { shown } from '../../core/quote.js';
import { GLOB_PATTERN_MAX, globMatches, type GlobElement, parseGlobElement } from '../glob.js';

/** A //go:embed line's patterns: space-separated, or quoted with "..." or `...`; a string says why the line does not parse. */
export function embedPatterns(spec: string): string[] | string {
  const out: string[] = [];
  // Go's unicode.IsSpace: JavaScript's \s, plus NEL, without the BOM.
  const space = (c: string | undefined) => c !== undefined && c !== '\ufeff' && (c === '\u0085' || /\s/.test(c));
  for (let i = 0; i < spec.length;) {
    const c = spec[i]!;
    if (space(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === '`') {
      let j = i + 1;
      let word = '';
      while (j < spec.length && spec[j] !== c) {
        if (c === '"' && spec[j] === '\\' && j + 1 < spec.length) j++;
        word += spec[j];
        j++;
      }
      if (j >= spec.length) return `the quoted pattern ${c}${shown(word, 40)} is never closed`;
      out.push(word);
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < spec.length && !space(spec[j])) j++;
    out.push(spec.slice(i, j));
    i = j;
  }
  return out;
}

/** The patterns of a //go:embed line (the text after the directive), or undefined if the line is no directive. */
function embedDirective(line: string): string | undefined {
  let i = 0;
  while (line[i] === ' ' || line[i] === '\t') i++;
  if (!line.startsWith('//go:embed', i)) return undefined;
  const rest = line.slice(i + 10);
  return rest[0] === ' ' || rest[0] === '\t' ? rest : undefined;
}

/** Folders listed, and patterns checked, while checking //go:embed lines: past either, the check stops (and says so). */
const EMBED_LISTINGS_MAX = 2000;
const EMBED_PATTERNS_MAX = 2000;
/** Paths a glob pattern adds to the paths kept out of .dockerignore. */
const EMBED_KEEP_MAX = 100;

/** Why an embed pattern is not a valid path (fs.ValidPath): undefined when it is. */
function invalidEmbedPath(pattern: string): string | undefined {
  if (pattern === '' || pattern === '.') return 'it names no file';
  if (pattern.startsWith('/')) return 'it starts with /';
  if (pattern.endsWith('/')) return 'it ends with /';
  const parts = pattern.split('/');
  if (parts.includes('')) return 'it has an empty path element (//)';
  if (parts.includes('.') || parts.includes('..')) return 'it has a . or .. path element';
  return undefined;
}

/** The state of one check of the //go:embed lines: folders listed so far, patterns checked, and whether a cap was reached. */
interface EmbedCheck {
  scan: Scan;
  listings: Map<string, string[] | undefined>;
  checked: number;
  stopped: boolean;
}

/** A folder's names, listed once; undefined past the cap on listings (which stops the check). */
function list(check: EmbedCheck, rel: string): string[] | undefined {
  if (check.listings.has(rel)) return check.listings.get(rel);
  if (check.listings.size >= EMBED_LISTINGS_MAX) {
    check.stopped = true;
    return undefined;
  }
  const names = check.scan.list(rel);
  check.listings.set(rel, names);
  return names;
}

const join = (dir: string, name: string) => (dir === '.' ? name : `${dir}/${name}`);

/**
 * Files a linked package embeds must be in the project: a pattern that matches nothing (a front
 * end's build output, generated files) would stop go build inside Docker. Said here, with the
 * line, instead; so is a pattern go build rejects. Patterns are matched the way the Go tool
 * does (path.Match, one path element at a time); what they name is returned, to be kept out of
 * .dockerignore.
 */
export function embeddedPaths(scan: Scan, files: string[], warnings: string[]): string[] {
  const check: EmbedCheck = { scan, listings: new Map(), checked: 0, stopped: false };
  const keep = new Set<string>();
  for (const f of files) {
    const text = scan.read(f) ?? '';
    if (!text.includes('//go:embed')) continue;
    const lines = text.split('\n');
    for (let i = 0; i < lines.length && !check.stopped; i++) {
      const spec = embedDirective(lines[i]!);
      if (spec !== undefined) checkDirective(check, dirname(f), `${shown(f)}:${i + 1}`, spec, warnings, keep);
    }
  }
  if (check.stopped)
    warnings.push(
      `Stopped checking //go:embed patterns after ${EMBED_PATTERNS_MAX} patterns or ${EMBED_LISTINGS_MAX} folders listed: the rest were not checked, and go build stops inside the image if one matches no file.`,
    );
  return [...keep];
}

/** One //go:embed line of a package in `dir`, at `where`: every pattern must parse and match a file. */
function checkDirective(
  check: EmbedCheck,
  dir: string,
  where: string,
  spec: string,
  warnings: string[],
  keep: Set<string>,
): void {
  const patterns = embedPatterns(spec);
  if (typeof patterns === 'string') {
    throw new UserError(
      'E_UNREADABLE',
      `${where}: //go:embed does not parse: ${patterns}, so go build would stop.`,
      `Fix the //go:embed line at ${where}: quote a pattern with "..." or \`...\`, or write it without quotes.`,
    );
  }
  for (const raw of patterns) {
    if (++check.checked > EMBED_PATTERNS_MAX) {
      check.stopped = true;
      return;
    }
    const pattern = raw.startsWith('all:') ? raw.slice(4) : raw;
    if (pattern.length > GLOB_PATTERN_MAX) {
      warnings.push(
        `${where}: the //go:embed pattern ${shown(raw, 40)} is longer than ${GLOB_PATTERN_MAX} characters and was not checked: if it matches no file, go build stops inside the image.`,
      );
      continue;
    }
    const found = matchPattern(check, dir, embedElements(pattern, raw, where));
    if (check.stopped) return;
    if (!found.length) {
      throw new UserError(
        'E_MISSING',
        `${where}: //go:embed ${shown(raw)} matches no file in the project, so go build would stop inside the image.`,
        'These are usually build output (a front end, generated files): build them before docker build, or add a stage that builds them, then run this again.',
      );
    }
    for (const p of found) keep.add(p);
  }
}

/** A pattern's path elements, each a glob of Go's path.Match; a pattern go build rejects stops the run. */
function embedElements(pattern: string, raw: string, where: string): GlobElement[] {
  const elements = pattern.split('/').map((p) => parseGlobElement(p, 'go'));
  const invalid = invalidEmbedPath(pattern) ?? elements.find((e): e is string => typeof e === 'string');
  if (invalid !== undefined) {
    throw new UserError(
      'E_UNREADABLE',
      `${where}: //go:embed ${shown(raw)} is not a valid pattern (${invalid}), so go build would stop.`,
      `Fix the pattern at ${where}: //go:embed takes paths relative to the package with Go's path.Match wildcards (* and ? within a name, [a-z] or [^a-z], \\ before a character to take it literally), without ** and without . or .. elements.`,
    );
  }
  return elements.filter((e): e is GlobElement => typeof e !== 'string');
}

/** Walks the pattern one path element at a time, from the package's folder: the paths it names (at most EMBED_KEEP_MAX a step). */
function matchPattern(check: EmbedCheck, dir: string, elements: GlobElement[]): string[] {
  let found: string[] = [dir];
  for (let k = 0; k < elements.length && found.length; k++) {
    const e = elements[k]!;
    const lastElement = k === elements.length - 1;
    const next: string[] = [];
    for (const at of found) {
      if (e.literal !== undefined) {
        const rel = join(at, e.literal);
        // The last element is a file, or a folder with files in it; a middle one a folder.
        const exists = lastElement
          ? check.scan.has(rel) || (list(check, rel)?.length ?? 0) > 0 || (list(check, at) ?? []).includes(e.literal)
          : list(check, rel) !== undefined;
        if (exists) next.push(rel);
      } else {
        for (const n of list(check, at) ?? []) if (globMatches(e, n)) next.push(join(at, n));
      }
      if (next.length >= EMBED_KEEP_MAX) break;
    }
    found = next;
  }
  return found;
}
