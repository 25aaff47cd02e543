import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { UserError } from './core/errors.js';
import { shown } from './core/quote.js';

/**
 * The --instructions file: Dockerfile instructions a project adds to the final stage, before USER.
 * It comes from a repository like any other file, so it is read the way Docker reads a Dockerfile
 * (dockerfile-ast: line continuations, comments inside them, the escape directive, heredocs, any
 * whitespace after the keyword), only the kinds below are allowed, and each allowed instruction is
 * written back as it was parsed, continuation lines and all (without the blank lines Docker skips
 * inside an instruction, and without blanks at line ends). Anything else is refused with
 * the file and line; nothing is ever reinterpreted.
 */
export const ALLOWED_INSTRUCTIONS = [
  'RUN',
  'COPY',
  'ADD',
  'ENV',
  'ARG',
  'LABEL',
  'WORKDIR',
  'EXPOSE',
  'VOLUME',
  'HEALTHCHECK',
  'STOPSIGNAL',
  'SHELL',
] as const;
const ALLOWED = new Set<string>(ALLOWED_INSTRUCTIONS);

export const INSTRUCTION_LIMITS = { bytes: 64 * 1024, lines: 200, lineLength: 1000 };

/** Control characters other than TAB and LF: a lone CR is a line break to some readers and not to Docker. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;
/** A line that ends with Docker's default escape character, with trailing blanks (BuildKit's continuation). */
const CONTINUES = /\\[ \t]*$/;
/** Blank and comment lines do not end a continuation in Docker: it goes on to the next line with text. */
const SKIPPED = /^[ \t]*(?:#.*)?$/;

/** Whether lines leave a continuation open: their last line with text ends with the escape character. */
function leavesOpen(lines: string[]): boolean {
  for (let i = lines.length - 1; i >= 0; i--) if (!SKIPPED.test(lines[i]!)) return CONTINUES.test(lines[i]!);
  return false;
}

function refuse(file: string, line: number | undefined, why: string, fix: string): never {
  throw new UserError(
    'E_UNSAFE_VALUE',
    `--instructions ${shown(file, 80)}${line ? `, line ${line}` : ''}: ${why}`,
    fix,
  );
}

/** Whether an instruction carries a heredoc (`RUN <<EOF`), which the generated Dockerfile's syntax does not read. */
function hasHeredoc(i: Instruction): boolean {
  const h = (i as unknown as { getHeredocs?: () => unknown[] }).getHeredocs;
  return typeof h === 'function' && h.call(i).length > 0;
}

/** The file's lines (CRLF read as LF), refused when too long or when they hold a control character. */
function plainLines(text: string, file: string): { normalized: string; lines: string[] } {
  const keepShort = 'Keep it short, or edit the Dockerfile by hand.';
  if (text.length > INSTRUCTION_LIMITS.bytes)
    refuse(file, undefined, `larger than ${INSTRUCTION_LIMITS.bytes / 1024} KiB.`, keepShort);
  const normalized = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n/g, '\n');
  const lines = normalized.split('\n');
  if (lines.length > INSTRUCTION_LIMITS.lines + 1)
    refuse(file, undefined, `more than ${INSTRUCTION_LIMITS.lines} lines.`, keepShort);
  lines.forEach((l, n) => {
    if (CONTROL.test(l))
      refuse(
        file,
        n + 1,
        'a control character (a lone carriage return, an escape sequence, ...), which Docker and other readers split differently.',
        'Keep to plain text lines ending in LF (or CRLF).',
      );
    if (l.length > INSTRUCTION_LIMITS.lineLength)
      refuse(
        file,
        n + 1,
        `a line over ${INSTRUCTION_LIMITS.lineLength} characters.`,
        'Split it with line continuations.',
      );
  });
  return { normalized, lines };
}

/** One parsed instruction, refused unless it is an allowed kind that ends where it seems to; its lines as they go into the Dockerfile. */
function instructionText(i: Instruction, lines: string[], file: string): string {
  const { start, end } = i.getRange();
  const keyword = i.getKeyword();
  const at = start.line + 1;
  if (!ALLOWED.has(keyword)) {
    refuse(
      file,
      at,
      `${shown(i.getInstruction() || keyword, 20)} is not an instruction this file may add (${ALLOWED_INSTRUCTIONS.join(', ')}; the stage, user and command are the generated ones).`,
      'Keep to those instructions; choose the base image with --base-image and the program with --entry.',
    );
  }
  if (hasHeredoc(i))
    refuse(
      file,
      at,
      "a heredoc (<<), which the generated Dockerfile's syntax does not read.",
      'Use RUN with && and line continuations, or COPY a script and RUN it.',
    );
  const span = lines.slice(start.line, end.line + 1);
  while (span.length > 1 && SKIPPED.test(span[span.length - 1]!)) span.pop();
  if (leavesOpen(span))
    refuse(
      file,
      at,
      'this last instruction ends with a line continuation, which would swallow the next line of the Dockerfile.',
      'Remove the trailing backslash.',
    );
  // Blank lines inside an instruction, which Docker skips, and blanks at line ends are left out:
  // the Dockerfile holds no blank line inside an instruction and no trailing blank.
  return span
    .map((l) => l.trimEnd())
    .filter((l) => l !== '')
    .join('\n');
}

/**
 * The instructions of a file's text, each as the lines it spans (joined with LF), in order.
 * Comment lines between instructions are kept as they are; blank lines are dropped.
 */
export function parseInstructions(text: string, file: string): string[] {
  const { normalized, lines } = plainLines(text, file);
  const dockerfile = DockerfileParser.parse(normalized);
  for (const d of dockerfile.getDirectives()) {
    const name = (d.getDirective() ?? '').toString().toLowerCase();
    if (name === 'escape' && d.getValue() !== '\\') {
      refuse(
        file,
        d.getRange().start.line + 1,
        `the escape directive sets ${shown(d.getValue(), 4)}, but the lines go into a Dockerfile whose escape character is \\.`,
        'Remove the directive and continue lines with a backslash.',
      );
    }
  }
  const out: { start: number; text: string }[] = [];
  const covered = new Set<number>();
  for (const i of dockerfile.getInstructions()) {
    const { start, end } = i.getRange();
    out.push({ start: start.line, text: instructionText(i, lines, file) });
    for (let l = start.line; l <= end.line; l++) covered.add(l);
  }
  for (const c of dockerfile.getComments()) {
    const line = c.getRange().start.line;
    if (!covered.has(line)) out.push({ start: line, text: lines[line]!.trim() });
  }
  return out.sort((a, b) => a.start - b.start).map((x) => x.text);
}

/**
 * The check render makes before printing instructions into a Dockerfile: each text parses to
 * exactly one allowed instruction (or is one comment line), spanning all its lines. Whatever path
 * a text took into a plan, this is what lets it through.
 */
export function assertInstructions(texts: readonly string[]): void {
  for (const t of texts) {
    const lines = t.split('\n');
    const bad = (why: string) => {
      throw new UserError(
        'E_UNSAFE_VALUE',
        `An instruction to add is not one Dockerfile instruction (${why}): ${shown(t, 80)}.`,
        'Add instructions with --instructions <file>.',
      );
    };
    if (lines.some((l) => CONTROL.test(l))) bad('control characters');
    if (lines.length === 1 && lines[0]!.startsWith('#')) continue;
    const parsed = DockerfileParser.parse(t);
    const found = parsed.getInstructions();
    if (found.length !== 1 || !ALLOWED.has(found[0]!.getKeyword()) || hasHeredoc(found[0]!))
      bad('not exactly one allowed instruction');
    const range = found[0]!.getRange();
    if (range.start.line !== 0 || range.end.line !== lines.length - 1) bad('lines outside the instruction');
    if (leavesOpen(lines)) bad('a trailing line continuation');
    if (parsed.getDirectives().length) bad('a parser directive');
  }
}
