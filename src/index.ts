import { statSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { detect, languageFor } from './languages/index.js';
import { scanProject, type Scan } from './core/scan.js';
import { INSTRUCTION_LIMITS, parseInstructions } from './instructions.js';
import { shown } from './core/quote.js';
import type { Options } from './options.js';
import { UserError } from './core/errors.js';
import type { Detection, ResolveOptions } from './languages/types.js';
import { makePlan, placementsFor, preferred, runtimeOptions, type Plan, type RuntimeOption } from './plan/index.js';
import { composeFile } from './compose.js';
import { procfileCompanions, requiredSettings } from './languages/processes.js';
import { familyOf } from './runtimes/index.js';
import { renderDockerfile, renderDockerignore, templateOverrides } from './render.js';
import type { Choice, LangId, RuntimeId } from './core/types.js';

export type { Plan, RuntimeOption } from './plan/index.js';
export { UserError, isUserError } from './core/errors.js';
export { LANGS, RUNTIMES } from './core/types.js';
export type { LangId, RuntimeId } from './core/types.js';
export type { Options } from './options.js';

/**
 * Questions the pipeline may ask when it cannot work something out. The CLI answers them with
 * prompts on a TTY; without an asker every question takes its default.
 */
export interface Asker {
  lang?(candidates: Detection[]): Promise<LangId>;
  entry?(entries: Choice[], current: string): Promise<string>;
  runtime?(options: RuntimeOption[], current: RuntimeId): Promise<RuntimeId>;
}

/** generate()'s options: the answers (src/options.ts), and what only a program that calls it gives. */
export interface GenerateOptions extends Options {
  ask?: Asker | undefined;
  /** The Dockerfile is made from saved answers: its header says so. */
  fromAnswers?: boolean | undefined;
}

/** The names Compose looks for, in its order: an existing one is the file to update, never a second one beside it. */
export const COMPOSE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'] as const;
export type ComposeName = (typeof COMPOSE_NAMES)[number];

export interface GeneratedFile {
  name: 'Dockerfile' | '.dockerignore' | ComposeName;
  content: string;
}

export interface Generated {
  dir: string;
  plan: Plan;
  files: GeneratedFile[];
  /** What was chosen at a prompt (to be saved with the answers). */
  chosen: { lang?: LangId; entry?: string; runtime?: RuntimeId };
}

/** The --instructions file, read through the scan (inside the project, regular, bounded) and parsed as Docker does. */
function readInstructions(scan: Scan, rel: string): string[] {
  if (rel.startsWith('/') || rel.split('/').includes('..') || !/^[\w./-]{1,200}$/.test(rel)) {
    throw new UserError(
      'E_UNSAFE_PATH',
      `--instructions ${shown(rel, 60)} is not a plain path inside the project.`,
      'Name a file in the project, like docker/extra.dockerfile.',
    );
  }
  const text = scan.rawManifest(rel, INSTRUCTION_LIMITS.bytes);
  if (text === undefined)
    throw new UserError(
      'E_MISSING',
      `--instructions ${shown(rel, 60)} does not exist in the project.`,
      'Name a file in the project, like docker/extra.dockerfile.',
    );
  return parseInstructions(text, rel);
}

/** Lays the user's additions over a plan; refuses what the final image cannot take (a package on distroless). */
function customize(plan: Plan, c: GenerateOptions, scan: Scan): void {
  plan.custom.answers = !!c.fromAnswers;
  if (c.baseImages?.build) plan.build.image = c.baseImages.build;
  if (c.baseImages?.final) plan.final.image = c.baseImages.final;
  plan.custom.buildPackages = [...(c.addPackages?.build ?? [])];
  plan.custom.buildPm = /alpine/.test(plan.build.image) ? 'apk' : 'apt';
  const run = c.addPackages?.run ?? [];
  if (run.length) {
    const packages = familyOf(plan.runtime).packages;
    if (packages === 'apt') plan.final.install = [...new Set([...plan.final.install, ...run])];
    else if (packages === 'apk') plan.custom.apk = [...run];
    else
      throw new UserError(
        'E_REFUSED',
        `--add-package ${run.join(', ')}: the ${plan.runtime} final image has no package manager to install it with.`,
        'Add it to the build stage (--add-package build:<name>) and copy what you need with --instructions, or choose slim or alpine (--runtime).',
      );
  }
  for (const e of c.env ?? []) plan.final.env.push(e);
  for (const a of c.args ?? []) {
    const [name, ...value] = a.split('=');
    plan.build.args.push({ name: name!, value: value.join('=') });
  }
  plan.custom.instructions = c.instructions ? readInstructions(scan, c.instructions) : [];
  if (c.fromAnswers)
    plan.decisions.push({
      topic: 'Answers',
      choice: '.slim-dockerfile.json',
      because: 'saved by an earlier run; flags update it',
    });
}

function checkDir(dir: string): string {
  const abs = resolvePath(dir);
  let isDir = false;
  try {
    isDir = statSync(abs).isDirectory();
  } catch {
    /* reported below */
  }
  if (!isDir)
    throw new UserError(
      'E_NO_DIR',
      `${dir} is not a directory.`,
      'Pass the directory of the project: create-slim-dockerfile path/to/project',
    );
  return abs;
}

/** What a language's resolver reads of the options. */
function resolveOptions(o: GenerateOptions): ResolveOptions {
  return {
    langVersion: o.langVersion,
    entry: o.entry,
    port: o.port,
    static: o.static,
    jlinkModules: o.jlinkModules,
  };
}

async function chooseDetection(ranked: Detection[], ties: Detection[], opts: GenerateOptions): Promise<Detection> {
  if (opts.lang) {
    const lang = opts.lang;
    const seen = ranked.find((d) => languageFor(d.lang) === languageFor(lang));
    return seen ? { ...seen, lang, evidence: [...seen.evidence, '--lang'] } : { lang, score: 0, evidence: ['--lang'] };
  }
  const top = ranked[0];
  if (!top) {
    throw new UserError(
      'E_NO_PROJECT',
      'No Go, Rust, Java, Python, Node.js, Ruby, C or C++ project found here (no go.mod, *.go, Cargo.toml, pom.xml, build.gradle, pyproject.toml, requirements.txt, package.json, Gemfile, CMakeLists.txt, Makefile, meson.build or C/C++ sources).',
      'Run it in the project directory, or name the language with --lang go|rust|java|python|node|ruby|c|cpp.',
    );
  }
  if (!ties.length) return top;
  const close = [top, ...ties];
  if (opts.ask?.lang) {
    const lang = await opts.ask.lang(close);
    return close.find((d) => d.lang === lang)!;
  }
  throw new UserError(
    'E_AMBIGUOUS',
    `This project looks like ${close.map((d) => `${d.lang} (${d.evidence.join(', ')})`).join(' and ')}.`,
    `Choose with --lang ${close.map((d) => d.lang).join('|')}.`,
  );
}

/** detect -> resolve -> plan -> render. Reads the project, writes nothing. */
export async function generate(dir: string, opts: GenerateOptions = {}): Promise<Generated> {
  const root = checkDir(dir);
  const scan = scanProject(root);
  const { ranked, ties } = detect(scan);
  const detection = await chooseDetection(ranked, ties, opts);
  const language = languageFor(detection.lang);
  const lang = detection.lang;
  let resolved = language.resolve(scan, lang, resolveOptions(opts));
  if (resolved.entries.length > 1 && opts.entry === undefined && opts.ask?.entry) {
    const entry = await opts.ask.entry(resolved.entries, resolved.entry.value);
    resolved = language.resolve(scan, lang, { ...resolveOptions(opts), entry, entrySource: 'chosen at the prompt' });
  }
  let runtime = opts.runtime;
  let runtimeSource = '--runtime';
  if (!runtime && opts.ask?.runtime) {
    const options = runtimeOptions(placementsFor(resolved));
    const best = preferred(options, resolved.lang);
    if (best) {
      runtime = await opts.ask.runtime(options, best.runtime);
      runtimeSource = 'chosen at the prompt';
    }
  }
  // What the scan left out (links leaving the project, special or oversized files, an early stop).
  resolved.warnings.push(...scan.notes);
  // The app's other processes and required settings: the language's own, else what any project says.
  resolved.companions ??= procfileCompanions(scan, resolved.warnings);
  const settings = [...(resolved.settings ?? [])];
  for (const s of requiredSettings(scan, lang)) if (!settings.some((x) => x.name === s.name)) settings.push(s);
  resolved.settings = settings;
  const plan = makePlan(language, detection, resolved, { runtime, runtimeSource, syntax: opts.syntax });
  customize(plan, opts, scan);
  const overrides = templateOverrides(scan, plan.warnings);
  plan.custom.overrides = Object.keys(overrides).sort();
  if (plan.custom.overrides.length) {
    plan.warnings.push(
      `Template overrides in .slim-dockerfile/ (${plan.custom.overrides.join(', ')}) replace built-in parts of the Dockerfile: they are the project's own code and write what they hold, FROM lines included; review them like the Dockerfile.`,
    );
  }
  const chosen: Generated['chosen'] = {};
  if (!opts.lang && ties.length > 0 && opts.ask?.lang) chosen.lang = detection.lang;
  if (opts.entry === undefined && resolved.entry.source === 'chosen at the prompt') chosen.entry = resolved.entry.value;
  if (!opts.runtime && runtimeSource === 'chosen at the prompt') chosen.runtime = plan.runtime;
  const files: GeneratedFile[] = [
    { name: 'Dockerfile', content: renderDockerfile(plan, overrides) },
    { name: '.dockerignore', content: renderDockerignore(plan) },
  ];
  if (opts.compose) {
    const compose = composeFile(plan, scan);
    const existing = COMPOSE_NAMES.filter((n) => scan.has(n) || scan.list(n) !== undefined);
    const name = existing[0] ?? 'compose.yaml';
    if (existing.length > 1)
      plan.warnings.push(
        `The project has ${existing.join(' and ')}; Compose reads ${existing[0]} first, so that is the file --compose updates.`,
      );
    files.push({ name, content: compose.content });
    plan.decisions.push({
      topic: 'Compose',
      choice: `${name}${compose.decisions.length ? ` with ${compose.decisions.join('; ')}` : ''}`,
      because: existing.length
        ? `--compose; the project's own ${name} is the file to update (a difference is shown, and kept unless --force)`
        : '--compose',
    });
  }
  return { dir: root, plan, files, chosen };
}

/** The decisions of a plan as aligned text lines, for --explain. */
export function explain(plan: Plan): string {
  const width = Math.max(...plan.decisions.map((d) => d.topic.length));
  return plan.decisions
    .map((d) => `  ${d.topic.padEnd(width)}  ${d.choice}\n  ${' '.repeat(width)}  └ ${d.because}`)
    .join('\n');
}
