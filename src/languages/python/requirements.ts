import { dirname } from 'node:path';
import { UserError } from '../../core/errors.js';
import { shown } from '../../core/quote.js';
import type { Scan } from '../../core/scan.js';
import { joinRel as join, normalizeRel as normalize } from '../shared.js';
import { requirementName } from './names.js';

/** What a requirements file and the ones it includes say: the packages, the files read, whether hashes are pinned. */
export interface Requirements {
  names: string[];
  files: string[];
  hashes: boolean;
  warnings: string[];
}

/** Requirement files one walk reads, how deep includes may nest, and the longest include path. */
export const REQUIREMENTS_LIMITS = { files: 50, depth: 10, path: 200 };
/** A path the Dockerfile can COPY as it is (the same characters safeRelPath accepts). */
export const PLAIN_PATH = /^[\w.+/-]+$/;
/** An include that names a URL (pip fetches it itself). */
export const URL = /^[a-z][a-z0-9+.-]{0,20}:\/\//i;

/** A requirements line without its comment: from a # at the start or after a blank (pip's rule). */
function withoutComment(line: string): string {
  for (let i = line.indexOf('#'); i >= 0; i = line.indexOf('#', i + 1)) {
    if (i === 0 || /\s/.test(line[i - 1]!)) return line.slice(0, i);
  }
  return line;
}

/** The file an include line names (-r x, -rx, --requirement=x, -c x, ...), or undefined when the line is none. */
function includeOf(line: string): string | undefined {
  const opt = ['--requirement', '--constraint', '-r', '-c'].find((o) => line.startsWith(o));
  if (!opt) return undefined;
  let rest = line.slice(opt.length).trimStart();
  if (rest.startsWith('=')) rest = rest.slice(1).trimStart();
  return rest.split(/\s/, 1)[0] || undefined;
}

/** Continuation lines join first (pip's rule), then comments go; a joined line is named by its first line. */
function logicalLines(text: string): { text: string; at: number }[] {
  const lines: { text: string; at: number }[] = [];
  let joined: { text: string; at: number } | undefined;
  text.split('\n').forEach((raw, i) => {
    const part = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const cont = part.endsWith('\\');
    joined = joined
      ? { text: `${joined.text} ${cont ? part.slice(0, -1) : part}`, at: joined.at }
      : { text: cont ? part.slice(0, -1) : part, at: i + 1 };
    if (!cont) {
      lines.push(joined);
      joined = undefined;
    }
  });
  if (joined) lines.push(joined);
  return lines;
}

/** Where an include is: the file and line that names it, the files above it, the walk so far. */
interface IncludeSite {
  first: string;
  file: string;
  where: string;
  stack: string[];
  out: Requirements;
}

/**
 * The project file an include names, to be read next; undefined when it is not to be read (a URL,
 * outside the project, a cycle: each said in a warning; or read already). Throws where the
 * Dockerfile could not copy it or the walk would pass its bounds.
 */
function includeTarget(inc: string, { first, file, where, stack, out }: IncludeSite): string | undefined {
  if (inc.length > REQUIREMENTS_LIMITS.path) {
    throw new UserError(
      'E_UNSAFE_VALUE',
      `${where} includes a file by a path of ${inc.length} characters (${shown(inc, 40)}): longer than the ${REQUIREMENTS_LIMITS.path} this tool copies into the image.`,
      `Give that file a shorter path and change the include in ${shown(file)}.`,
    );
  }
  if (URL.test(inc)) {
    out.warnings.push(
      `${where} includes ${shown(inc, 80)}, a URL: pip fetches it during the build; its packages were not read here (native libraries they need are not known).`,
    );
    return undefined;
  }
  const target = inc.startsWith('/') ? undefined : normalize(join(dirname(file), inc));
  if (!target || target === '.') {
    out.warnings.push(
      `${where} includes ${shown(inc, 80)}, which is outside the project: the image build cannot read it. Move it into the project and change the include.`,
    );
    return undefined;
  }
  if (target === file || stack.includes(target)) {
    out.warnings.push(
      target === file
        ? `${where} includes ${shown(file, 80)} itself: pip would read it in circles. Remove that include.`
        : `${where} includes ${shown(target, 80)}, which includes ${shown(file, 80)} (a cycle): pip would read them in circles. Remove one of the includes.`,
    );
    return undefined;
  }
  if (out.files.includes(target)) return undefined;
  if (!PLAIN_PATH.test(target)) {
    throw new UserError(
      'E_UNSAFE_VALUE',
      `${where} includes ${shown(target, 80)}, a path the Dockerfile cannot copy as it is (only letters, digits and . _ + - / are accepted).`,
      `Rename it to a plain path and change the include in ${shown(file)}.`,
    );
  }
  if (stack.length >= REQUIREMENTS_LIMITS.depth) {
    throw new UserError(
      'E_UNSAFE_VALUE',
      `${where}: requirement files include each other more than ${REQUIREMENTS_LIMITS.depth} deep (${shown(first)} -> ... -> ${shown(file, 60)}).`,
      'Include the files from fewer levels (one file can include several).',
    );
  }
  if (out.files.length >= REQUIREMENTS_LIMITS.files) {
    throw new UserError(
      'E_UNSAFE_VALUE',
      `${where}: more than ${REQUIREMENTS_LIMITS.files} requirement files are included (-r, -c) from ${shown(first)}.`,
      'Merge some of the requirement files.',
    );
  }
  return target;
}

/**
 * A requirements file and the ones it includes (-r, -c), depth first as pip reads them, each once.
 * The walk is bounded (files, depth); a cycle ends it with a warning. What it does not follow is
 * said: a URL (pip fetches it), a path outside the project or missing. A path the Dockerfile
 * cannot copy as it is (too long, or not plain) is refused with the rename that fixes it: the
 * install step runs before the rest of the project is copied, so a file left out would fail it.
 */
export function readRequirements(scan: Scan, first: string): Requirements {
  const out: Requirements = { names: [], files: [], hashes: false, warnings: [] };
  const read = (file: string, stack: string[]): boolean => {
    const text = scan.manifest(file);
    if (text === undefined) return false;
    out.files.push(file);
    for (const { text: raw, at } of logicalLines(text)) {
      const line = withoutComment(raw).trim();
      if (!line) continue;
      const where = `${shown(file)} line ${at}`;
      const inc = includeOf(line);
      if (inc !== undefined) {
        const target = includeTarget(inc, { first, file, where, stack, out });
        if (target && !read(target, [...stack, file]))
          out.warnings.push(
            `${where} includes ${shown(target, 80)}, which is not in the project: pip will fail on it. Add the file or remove the include.`,
          );
        continue;
      }
      if (line.includes('--hash')) out.hashes = true;
      if (line.startsWith('-') || URL.test(line)) continue;
      const name = requirementName(line);
      if (name) out.names.push(name);
    }
    return true;
  };
  read(first, []);
  return out;
}
