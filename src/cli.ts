import { statSync } from 'node:fs';
import yargs from 'yargs';
import { VERSION } from './data.js';
import { isUserError, UserError } from './errors.js';
import { forTerminal, shown } from './quote.js';
import { ANSWERS_FILE, ARG_LINE, ENV_LINE, IMAGE, isEmpty, mergeAnswers, optionsFromAnswers, readAnswers, writeAnswers, type Answers } from './answers.js';
import { explain, generate, type Asker, type Generated } from './index.js';
import { LANGS, RUNTIMES, type LangId, type RuntimeId } from './types.js';
import { inspect, writeFiles, type FileStatus } from './write.js';

/** Only this module talks to the terminal: argv, prompts, exit codes. */

interface Argv {
  dir: string;
  runtime?: RuntimeId;
  lang?: LangId;
  langVersion?: string;
  entry?: string;
  port?: number;
  static?: 'musl' | 'glibc';
  yes: boolean;
  stdout: boolean;
  dryRun: boolean;
  json: boolean;
  explain: boolean;
  force: boolean;
  syntax: boolean;
  build: boolean;
  run: boolean;
  compare: boolean;
  verify: boolean;
  tag?: string;
  jlinkModules?: string;
  verbose: boolean;
  check: boolean;
  save: boolean;
  addPackage?: string[];
  env?: string[];
  arg?: string[];
  instructions?: string;
  baseImage?: string[];
  compose: boolean;
}

function parser(args: string[]) {
  return yargs(args)
    .scriptName('create-slim-dockerfile')
    .usage('$0 [dir]\n\nDetects a Go, Rust, Java, Python, Node.js, Ruby, C or C++ project in dir (default .) and writes a multi-stage Dockerfile and .dockerignore whose final stage is the smallest image the program really runs on.')
    .command('$0 [dir]', false, (y) => y.positional('dir', { type: 'string', default: '.', describe: 'project directory' }))
    .option('runtime', { type: 'string', choices: RUNTIMES, describe: 'final stage (default: the smallest that runs the program)' })
    .option('lang', { type: 'string', choices: LANGS, describe: 'language, instead of detecting it' })
    .option('lang-version', { type: 'string', describe: 'language/toolchain version (Go 1.22, Rust 1.80, Java 21, Python 3.12, gcc 12), instead of detecting it' })
    .option('entry', { type: 'string', describe: 'program to build: Go main package (cmd/api or api), C/C++ target or source file, Rust binary, Java module or main class, Python script, module or console script' })
    .option('port', { type: 'number', describe: 'port to EXPOSE' })
    .option('static', { type: 'string', choices: ['musl', 'glibc'], describe: 'Rust: how a static binary is made (default musl; glibc links with crt-static)' })
    .option('jlink-modules', { type: 'string', describe: 'Java: modules the jlink runtime adds to those jdeps finds (comma-separated, e.g. jdk.crypto.cryptoki,java.scripting)' })
    .option('yes', { alias: 'y', type: 'boolean', default: false, describe: 'accept every default, never prompt' })
    .option('stdout', { type: 'boolean', default: false, describe: 'print the Dockerfile, write nothing' })
    .option('dry-run', { type: 'boolean', default: false, describe: 'say what would be written (with diffs), write nothing' })
    .option('json', { type: 'boolean', default: false, describe: 'print the plan as JSON instead of the summary' })
    .option('explain', { type: 'boolean', default: false, describe: 'print every decision with its evidence' })
    .option('force', { type: 'boolean', default: false, describe: 'overwrite existing files that differ (a copy is kept as .bak)' })
    .option('syntax', { type: 'boolean', default: false, describe: 'add "# syntax=docker/dockerfile:1" (BuildKit then pulls that frontend from Docker Hub)' })
    .option('build', { type: 'boolean', default: false, describe: 'build the image after writing and print its size' })
    .option('run', { type: 'boolean', default: false, describe: 'build, then run the container once and show its first lines' })
    .option('tag', { type: 'string', describe: 'image tag for --build/--run (default: the program name, lowercased)' })
    .option('verify', { type: 'boolean', default: false, describe: 'build, run the image for a few seconds and check it from outside: it started (or what it died of), the ports it listens on and where, against EXPOSE, and its user; exit 4 when it fails' })
    .option('compare', { type: 'boolean', default: false, describe: 'build and run every possible final stage and print their sizes; writes nothing' })
    .option('verbose', { type: 'boolean', default: false, describe: 'stack traces and full build output' })
    .option('check', { type: 'boolean', default: false, describe: 'compare the Dockerfile and .dockerignore on disk with what the project (and its saved answers) would give now: exit 0 when they match, 3 with the diff and the reason when not; writes nothing' })
    .option('save', { type: 'boolean', default: true, describe: 'save the answers (flags, prompt choices) in .slim-dockerfile.json, read back by the next run (--no-save: do not)' })
    .option('add-package', { type: 'string', array: true, describe: 'a package the final stage installs (name or run:name), or the build stage (build:name); saved' })
    .option('env', { type: 'string', array: true, describe: 'ENV KEY=VALUE in the final stage; saved' })
    .option('arg', { type: 'string', array: true, describe: 'ARG NAME[=VALUE] at the top of the Dockerfile; saved' })
    .option('instructions', { type: 'string', describe: 'a file in the project whose Dockerfile lines (RUN, COPY, ENV, LABEL, ...) go into the final stage before USER; saved' })
    .option('compose', { type: 'boolean', default: false, describe: 'also write compose.yaml: the service, its port, the environment names of .env.example, and a database service when the project uses one; saved' })
    .option('base-image', { type: 'string', array: true, describe: 'replace a stage\'s image: build=<image> or final=<image> (an internal mirror); saved' })
    .check((a) => {
      // A flag that takes one value, given twice, would silently lose one of them.
      for (const flag of SINGLE_VALUED) {
        const v = (a as Record<string, unknown>)[flag];
        if (Array.isArray(v)) throw new Error(`--${flag} was given ${v.length} times (${v.map((x) => shown(String(x), 30)).join(', ')}): give it once`);
      }
      if (a.port !== undefined && (!Number.isInteger(a.port) || a.port < 1 || a.port > 65535)) throw new Error('--port must be a whole number from 1 to 65535');
      if (a.jlinkModules !== undefined && !String(a.jlinkModules).split(',').every((m) => /^[a-z][a-z0-9_]{0,40}(\.[a-z][a-z0-9_]{0,40}){0,8}$/.test(m.trim()))) throw new Error(`--jlink-modules "${shown(String(a.jlinkModules), 60)}" is not a comma-separated list of Java module names (like java.scripting,jdk.crypto.cryptoki)`);
      if (a.stdout && a.dryRun) throw new Error('--stdout and --dry-run cannot be combined: each already writes nothing');
      if ((a.build || a.run || a.verify) && (a.stdout || a.dryRun)) throw new Error('--build, --run and --verify build the written Dockerfile: drop --stdout/--dry-run, or use --compare, which writes nothing');
      if (a.check && (a.stdout || a.dryRun || a.build || a.run || a.verify || a.compare || a.force)) throw new Error('--check only compares: it cannot be combined with --stdout, --dry-run, --force, --build, --run, --verify or --compare');
      for (const p of (a.addPackage as string[] | undefined) ?? []) if (!/^((build|run):)?[a-z0-9][a-z0-9+.-]{0,80}$/.test(p)) throw new Error(`--add-package "${shown(p, 60)}" is not a package name (like curl, or build:git, run:libvips42)`);
      for (const e of (a.env as string[] | undefined) ?? []) if (!ENV_LINE.test(e)) throw new Error(`--env "${shown(e, 60)}" is not KEY=VALUE (a value without spaces, quotes, $ or backslashes)`);
      for (const e of (a.arg as string[] | undefined) ?? []) if (!ARG_LINE.test(e)) throw new Error(`--arg "${shown(e, 60)}" is not NAME or NAME=VALUE`);
      for (const b of (a.baseImage as string[] | undefined) ?? []) { const m = /^(build|final)=(.*)$/.exec(b); if (!m || !IMAGE.test(m[2]!)) throw new Error(`--base-image "${shown(b, 60)}" is not build=<image> or final=<image>`); }
      return true;
    })
    .strict()
    .version(VERSION)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(100, process.stdout.columns || 100));
}

/** Options that take one value; yargs turns a repeated one into an array. */
const SINGLE_VALUED = ['runtime', 'lang', 'lang-version', 'entry', 'port', 'tag', 'static', 'jlink-modules', 'instructions'];

// Text from a project (file names, versions) reaches these: no escape sequence gets to the terminal raw.
const out = (s: string) => process.stdout.write(`${forTerminal(s)}\n`);
const err = (s: string) => process.stderr.write(`${forTerminal(s)}\n`);

async function prompts(): Promise<Asker> {
  const { default: select } = await import('@inquirer/select');
  return {
    lang: (candidates) => select({
      message: 'Which language is this project?',
      choices: candidates.map((d) => ({ value: d.lang, name: `${d.lang}  (${shown(d.evidence.join(', '), 120)})` })),
    }),
    entry: (entries, current) => select({
      message: 'Which program should the image run?',
      default: current,
      choices: entries.map((e) => ({ value: e.value, name: shown(e.label), short: shown(e.label), description: shown(e.source ?? '', 120) })),
    }),
    runtime: (options, current) => select({
      message: 'Final image (sizes are the base images; your program adds its own size):',
      default: current,
      // Smallest first; the ones that cannot run the program last, with the reason.
      choices: [...options].sort((a, b) => (a.ok ? a.baseMB! : Infinity) - (b.ok ? b.baseMB! : Infinity)).map((o) => (o.ok
        ? { value: o.runtime, short: o.runtime, name: `${o.runtime.padEnd(14)} ${String(o.baseMB).padStart(5)} MB  ${o.image}` }
        : { value: o.runtime, short: o.runtime, name: `${o.runtime.padEnd(14)}    --     `, disabled: `(${o.short})` })),
    }),
  };
}

async function confirmer(): Promise<(f: FileStatus) => Promise<boolean>> {
  const { default: expand } = await import('@inquirer/expand');
  return async (f) => {
    for (;;) {
      const answer = await expand({
        message: `${f.name} exists and differs. Overwrite it (keeping the old one as a .bak copy)?`,
        default: 'n',
        choices: [
          { key: 'y', name: 'Overwrite', value: 'y' },
          { key: 'n', name: 'Keep the existing file', value: 'n' },
          { key: 'd', name: 'Show the difference', value: 'd' },
        ],
      });
      if (answer !== 'd') return answer === 'y';
      err(f.diff ?? '');
    }
  };
}

function summary(g: Generated): string {
  const p = g.plan;
  const refused = p.options.filter((o) => !o.ok);
  const lines = [
    `${p.name}: ${p.lang} → ${p.runtime} (${p.final.image}), ${p.linkage}`,
    ...p.options.filter((o) => o.ok).sort((a, b) => a.baseMB! - b.baseMB!).map((o) => `  ${o.runtime === p.runtime ? '●' : '○'} ${o.runtime.padEnd(14)} ${String(o.baseMB).padStart(5)} MB base`),
    ...refused.map((o) => `  ✗ ${o.runtime.padEnd(14)} ${o.reason}`),
  ];
  return lines.join('\n');
}

/** The answers the flags give (undefined where a flag is absent). */
function flagAnswers(argv: Argv): Answers {
  const pkgs = (stage: 'build' | 'run') => (argv.addPackage ?? []).filter((p) => (stage === 'run' ? !p.startsWith('build:') : p.startsWith('build:'))).map((p) => p.replace(/^(build|run):/, ''));
  const base = Object.fromEntries((argv.baseImage ?? []).map((b) => b.split('=') as [string, string]));
  return {
    lang: argv.lang, runtime: argv.runtime, langVersion: argv.langVersion, entry: argv.entry, port: argv.port, static: argv.static,
    jlinkModules: argv.jlinkModules?.split(',').map((m) => m.trim()), syntax: argv.syntax || undefined,
    addPackages: argv.addPackage?.length ? { ...(pkgs('build').length ? { build: pkgs('build') } : {}), ...(pkgs('run').length ? { run: pkgs('run') } : {}) } : undefined,
    env: argv.env?.length ? argv.env : undefined, args: argv.arg?.length ? argv.arg : undefined, instructions: argv.instructions,
    baseImages: argv.baseImage?.length ? base : undefined, compose: argv.compose || undefined,
  };
}

/** What changed, in the project's own terms: the decisions whose choice shows in an added line of the diff. */
function driftReasons(g: Generated, diffs: string[]): string[] {
  const added = diffs.flatMap((d) => d.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++')).map((l) => l.slice(1)));
  const removed = new Set(diffs.flatMap((d) => d.split('\n').filter((l) => l.startsWith('-') && !l.startsWith('---')).map((l) => l.slice(1))));
  const out: string[] = [];
  for (const d of g.plan.decisions) {
    const words = d.choice.split(/[\s,;()]+/).filter((w) => w.length > 2);
    const shows = (line: string) => words.some((w) => line.includes(w));
    if (added.some(shows) && ![...removed].some((line) => words.every((w) => line.includes(w)))) out.push(`${d.topic}: ${d.choice} (${d.because})`);
    if (out.length >= 8) break;
  }
  return out;
}

async function run(argv: Argv): Promise<number> {
  const interactive = !!process.stdin.isTTY && !argv.yes && !argv.check;
  const ask = interactive ? await prompts() : undefined;
  const dirOk = (() => { try { return statSync(argv.dir).isDirectory(); } catch { return false; } })();
  const saved = dirOk ? readAnswers(argv.dir) : undefined;
  const answers = mergeAnswers(saved, flagAnswers(argv));
  // The header names the answers file whenever there are answers to save or saved ones to read
  // (not for --stdout of flags alone, which saves nothing).
  const fromAnswers = optionsFromAnswers(answers, !isEmpty(answers) && (argv.check || (argv.save && (!argv.stdout || !!saved))));
  const custom = fromAnswers.custom!;
  const opts = { ...fromAnswers, ask };

  if (argv.compare) {
    const { compare, formatCompare } = await import('./docker.js');
    const report = await compare(argv.dir, { ...opts, ask: undefined, runtime: undefined }, { log: argv.json ? err : out, verbose: argv.verbose });
    out(argv.json ? JSON.stringify(report, null, 2) : formatCompare(report));
    return 0;
  }

  let g = await generate(argv.dir, opts);
  // Choices made at a prompt are answers too: the file is made again with them, so that its
  // header and a plain re-run agree.
  const withChosen = mergeAnswers(answers, { lang: g.chosen.lang, entry: g.chosen.entry, runtime: g.chosen.runtime });
  if (argv.save && !argv.check && !argv.stdout && !argv.dryRun && !custom.answers && !isEmpty(withChosen)) {
    g = await generate(argv.dir, { ...opts, lang: withChosen.lang, entry: withChosen.entry, runtime: withChosen.runtime, ask: undefined, custom: { ...custom, answers: true } });
  }
  for (const w of g.plan.warnings) err(`warning: ${w}`);
  if (argv.check) {
    const statuses = await inspect(g.dir, g.files, false);
    const stale = statuses.filter((s) => s.action !== 'identical');
    if (!stale.length) { out(`up to date: Dockerfile and .dockerignore match what the project${saved ? ` and ${ANSWERS_FILE}` : ''} give${saved ? '' : 's'}`); return 0; }
    for (const s of stale) {
      if (s.action === 'create') err(`${s.path} is missing.`);
      else if (s.diff) err(s.diff);
      else err(`${s.path} differs${s.blocked ? ` (${s.blocked})` : ''}.`);
    }
    const reasons = driftReasons(g, stale.map((s) => s.diff ?? ''));
    err(`out of date: ${stale.map((s) => s.name).join(' and ')} no longer match${stale.length > 1 ? '' : 'es'} the project.${reasons.length ? `\nWhat the project says now:\n${reasons.map((r) => `  - ${r}`).join('\n')}` : ''}\nRegenerate with create-slim-dockerfile${saved ? '' : ' (with the flags you used)'} --force, or keep your edits and save them as answers (--add-package, --env, --instructions).`);
    return 3;
  }
  const info = argv.stdout || argv.json ? err : out;
  if (argv.explain) info(`Decisions for ${g.dir}:\n${explain(g.plan)}\n`);

  if (argv.stdout) {
    if (argv.json) out(JSON.stringify({ ...g.plan, files: g.files }, null, 2));
    else out(g.files.find((f) => f.name === 'Dockerfile')!.content.trimEnd());
    return 0;
  }
  if (argv.dryRun) {
    const statuses = await inspect(g.dir, g.files, argv.force);
    if (argv.json) { out(JSON.stringify({ ...g.plan, files: statuses.map(({ name, action }) => ({ name, action })) }, null, 2)); return 0; }
    info(summary(g));
    for (const s of statuses) {
      const what = s.blocked ? `would refuse (${s.blocked}):`
        : { create: 'would create', identical: 'unchanged:', overwrite: 'would overwrite', conflict: 'would keep (exists and differs; --force to replace)' }[s.action];
      info(`${what} ${s.path}`);
      if (s.diff) info(s.diff);
    }
    return 0;
  }

  const results = await writeFiles(g.dir, g.files, { force: argv.force, ...(interactive && !argv.force ? { confirm: await confirmer() } : {}) });
  const written = { ...g.plan, files: results.map(({ name, result, backup }) => ({ name, result, ...(backup ? { backup } : {}) })) };
  // With --verify, the JSON waits for the image's report.
  if (argv.json && !argv.verify) out(JSON.stringify(written, null, 2));
  else if (!argv.json) {
    info(summary(g));
    for (const r of results) info(`${r.result.padEnd(11)} ${r.path}${r.backup ? ` (previous version in ${r.backup})` : ''}`);
  }
  // The answers that made this file, for the next run: flags and prompt choices, never detected facts.
  const kept = results.find((r) => r.name === 'Dockerfile')?.result === 'kept';
  if (argv.save && !kept && !isEmpty(withChosen)) {
    const saved2 = writeAnswers(g.dir, withChosen);
    if (saved2 === 'written' && !argv.json) info(`${'saved'.padEnd(11)} ${ANSWERS_FILE} (the answers a plain re-run uses; --no-save to skip)`);
  }
  if (argv.build || argv.run || argv.verify) {
    if (results.find((r) => r.name === 'Dockerfile')?.result === 'kept') {
      throw new UserError('E_CONFLICT', 'The existing Dockerfile was kept, so --build would not build what was generated.', 'Re-run with --force, or build the existing one with docker build.');
    }
    const { buildImage, runImage, formatBuild, imageTag } = await import('./docker.js');
    const tag = argv.tag ?? imageTag(g.plan.name);
    const built = await buildImage(g.dir, { tag, log: info, verbose: argv.verbose });
    info(formatBuild(built));
    if (argv.verify) {
      const { verifyImage, formatVerification } = await import('./verify.js');
      const v = await verifyImage(tag, { expose: g.plan.final.expose, seconds: 10 });
      if (argv.json) out(JSON.stringify({ ...written, build: built, verify: v }, null, 2));
      else info(formatVerification(v));
      if (!v.ok) {
        err(`verification failed: ${v.problems.length} problem${v.problems.length > 1 ? 's' : ''} above.`);
        return 4;
      }
    }
    if (argv.run) {
      const seconds = 10;
      const ran = await runImage(tag, { seconds });
      const status = ran.exitCode === null ? `still running after ${seconds} s (a server?), stopped` : `exit ${ran.exitCode}`;
      info(`run: ${status}\n${ran.lines.map((l) => `  | ${l}`).join('\n')}`);
      if (ran.exitCode !== null && ran.exitCode !== 0) {
        throw new UserError('E_RUN_FAILED', `The container exited with code ${ran.exitCode}.`, ran.hint ?? `See its output above; run it yourself with docker run --rm ${tag}.`);
      }
    }
  }
  return 0;
}

const report = (e: UserError) => err(`error: ${e.message}${e.hint ? `\n  fix: ${e.hint}` : ''}`);

export async function main(args: string[]): Promise<number> {
  // Output piped into a reader that stops early (head): end quietly, as other tools do.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(0); throw e; });
  let argv: Argv;
  try {
    argv = (await parser(args).exitProcess(false).fail((msg, e) => { throw new UserError('E_BAD_FLAG', msg ?? e?.message ?? 'bad arguments', 'See create-slim-dockerfile --help.'); }).parseAsync()) as unknown as Argv;
  } catch (e) {
    if (isUserError(e)) { report(e); return 2; }
    throw e;
  }
  if ((argv as unknown as { help?: boolean }).help || args.includes('--version')) return 0;
  try {
    return await run(argv);
  } catch (e) {
    if (isUserError(e)) {
      report(e);
      if (argv.verbose) err(e.stack ?? '');
      return e.exitCode;
    }
    if (e instanceof Error && e.name === 'ExitPromptError') { err('cancelled; nothing was written'); return 2; }
    err(`create-slim-dockerfile: unexpected error (a bug; please report it)\n${e instanceof Error ? e.stack : String(e)}`);
    return 1;
  }
}
