import { statSync } from 'node:fs';
import yargs from 'yargs';
import { VERSION } from './core/data.js';
import { isUserError, UserError } from './core/errors.js';
import { forTerminal, shown } from './core/quote.js';
import { ANSWERS_FILE, isEmpty, mergeAnswers, optionsFromAnswers, readAnswers, writeAnswers } from './answers.js';
import { OPTIONS, optionsFromFlags, promptOf } from './options.js';
import { explain, generate, type Asker, type Generated, type GenerateOptions } from './index.js';
import { inspect, writeFiles, type FileStatus } from './write.js';

/** Only this module talks to the terminal: argv, prompts, exit codes. */

/** What steers a run (the answers come from OPTIONS' answer flags, through optionsFromFlags). */
interface Argv {
  dir: string;
  yes: boolean;
  stdout: boolean;
  dryRun: boolean;
  json: boolean;
  explain: boolean;
  force: boolean;
  build: boolean;
  run: boolean;
  compare: boolean;
  verify: boolean;
  tag?: string;
  verbose: boolean;
  check: boolean;
  save: boolean;
  [flag: string]: unknown;
}

function parser(args: string[]) {
  let y = yargs(args)
    .scriptName('create-slim-dockerfile')
    .usage(
      '$0 [dir]\n\nDetects a Go, Rust, Java, Python, Node.js, Ruby, C or C++ project in dir (default .) and writes a multi-stage Dockerfile and .dockerignore whose final stage is the smallest image the program really runs on.',
    )
    .command('$0 [dir]', false, (c) =>
      c.positional('dir', { type: 'string', default: '.', describe: 'project directory' }),
    );
  // Every flag from the one list of options.
  for (const o of OPTIONS) {
    y = y.option(o.flag, {
      type: o.type,
      describe: o.describe,
      ...(o.array ? { array: true } : {}),
      ...(o.alias ? { alias: o.alias } : {}),
      ...(o.choices ? { choices: o.choices } : {}),
      ...(o.default !== undefined ? { default: o.default } : o.type === 'boolean' && !o.key ? { default: false } : {}),
    });
  }
  return y
    .check((a) => {
      // A flag that takes one value, given twice, would silently lose one of them.
      for (const o of OPTIONS.filter((x) => !x.array && x.type !== 'boolean')) {
        const v = (a as Record<string, unknown>)[o.flag];
        if (Array.isArray(v))
          throw new Error(
            `--${o.flag} was given ${v.length} times (${v.map((x) => shown(String(x), 30)).join(', ')}): give it once`,
          );
      }
      if (a.stdout && a.dryRun)
        throw new Error('--stdout and --dry-run cannot be combined: each already writes nothing');
      if ((a.build || a.run || a.verify) && (a.stdout || a.dryRun))
        throw new Error(
          '--build, --run and --verify build the written Dockerfile: drop --stdout/--dry-run, or use --compare, which writes nothing',
        );
      if (a.check && (a.stdout || a.dryRun || a.build || a.run || a.verify || a.compare || a.force))
        throw new Error(
          '--check only compares: it cannot be combined with --stdout, --dry-run, --force, --build, --run, --verify or --compare',
        );
      return true;
    })
    .strict()
    .version(VERSION)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(100, process.stdout.columns || 100));
}

// Text from a project (file names, versions) reaches these: no escape sequence gets to the terminal raw.
const out = (s: string) => process.stdout.write(`${forTerminal(s)}\n`);
const err = (s: string) => process.stderr.write(`${forTerminal(s)}\n`);

async function prompts(): Promise<Asker> {
  const { default: select } = await import('@inquirer/select');
  return {
    lang: (candidates) =>
      select({
        message: promptOf('lang'),
        choices: candidates.map((d) => ({ value: d.lang, name: `${d.lang}  (${shown(d.evidence.join(', '), 120)})` })),
      }),
    entry: (entries, current) =>
      select({
        message: promptOf('entry'),
        default: current,
        choices: entries.map((e) => ({
          value: e.value,
          name: shown(e.label),
          short: shown(e.label),
          description: shown(e.source ?? '', 120),
        })),
      }),
    runtime: (options, current) =>
      select({
        message: promptOf('runtime'),
        default: current,
        // Smallest first; the ones that cannot run the program last, with the reason.
        choices: [...options]
          .sort((a, b) => (a.ok ? a.baseMB! : Infinity) - (b.ok ? b.baseMB! : Infinity))
          .map((o) =>
            o.ok
              ? {
                  value: o.runtime,
                  short: o.runtime,
                  name: `${o.runtime.padEnd(14)} ${String(o.baseMB).padStart(5)} MB  ${o.image}`,
                }
              : {
                  value: o.runtime,
                  short: o.runtime,
                  name: `${o.runtime.padEnd(14)}    --     `,
                  disabled: `(${o.short})`,
                },
          ),
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
    ...p.options
      .filter((o) => o.ok)
      .sort((a, b) => a.baseMB! - b.baseMB!)
      .map(
        (o) =>
          `  ${o.runtime === p.runtime ? '●' : '○'} ${o.runtime.padEnd(14)} ${String(o.baseMB).padStart(5)} MB base`,
      ),
    ...refused.map((o) => `  ✗ ${o.runtime.padEnd(14)} ${o.reason}`),
  ];
  return lines.join('\n');
}

/** What changed, in the project's own terms: the decisions whose choice shows in an added line of the diff. */
function driftReasons(g: Generated, diffs: string[]): string[] {
  const added = diffs.flatMap((d) =>
    d
      .split('\n')
      .filter((l) => l.startsWith('+') && !l.startsWith('+++'))
      .map((l) => l.slice(1)),
  );
  const removed = new Set(
    diffs.flatMap((d) =>
      d
        .split('\n')
        .filter((l) => l.startsWith('-') && !l.startsWith('---'))
        .map((l) => l.slice(1)),
    ),
  );
  const out: string[] = [];
  for (const d of g.plan.decisions) {
    const words = d.choice.split(/[\s,;()]+/).filter((w) => w.length > 2);
    const shows = (line: string) => words.some((w) => line.includes(w));
    if (added.some(shows) && ![...removed].some((line) => words.every((w) => line.includes(w))))
      out.push(`${d.topic}: ${d.choice} (${d.because})`);
    if (out.length >= 8) break;
  }
  return out;
}

async function run(argv: Argv): Promise<number> {
  const interactive = !!process.stdin.isTTY && !argv.yes && !argv.check;
  const ask = interactive ? await prompts() : undefined;
  const dirOk = (() => {
    try {
      return statSync(argv.dir).isDirectory();
    } catch {
      return false;
    }
  })();
  const saved = dirOk ? readAnswers(argv.dir) : undefined;
  const answers = mergeAnswers(saved, optionsFromFlags(argv));
  // The header names the answers file whenever there are answers to save or saved ones to read
  // (not for --stdout of flags alone, which saves nothing).
  const opts: GenerateOptions = {
    ...optionsFromAnswers(answers, !isEmpty(answers) && (argv.check || (argv.save && (!argv.stdout || !!saved)))),
    ask,
  };

  if (argv.compare) {
    const { compare, formatCompare } = await import('./docker.js');
    const report = await compare(
      argv.dir,
      { ...opts, ask: undefined, runtime: undefined },
      { log: argv.json ? err : out, verbose: argv.verbose },
    );
    out(argv.json ? JSON.stringify(report, null, 2) : formatCompare(report));
    return 0;
  }

  let g = await generate(argv.dir, opts);
  // Choices made at a prompt are answers too: the file is made again with them, so that its
  // header and a plain re-run agree.
  const withChosen = mergeAnswers(answers, { lang: g.chosen.lang, entry: g.chosen.entry, runtime: g.chosen.runtime });
  if (argv.save && !argv.check && !argv.stdout && !argv.dryRun && !opts.fromAnswers && !isEmpty(withChosen)) {
    g = await generate(argv.dir, {
      ...opts,
      lang: withChosen.lang,
      entry: withChosen.entry,
      runtime: withChosen.runtime,
      ask: undefined,
      fromAnswers: true,
    });
  }
  for (const w of g.plan.warnings) err(`warning: ${w}`);
  if (argv.check) {
    const statuses = await inspect(g.dir, g.files, false);
    const stale = statuses.filter((s) => s.action !== 'identical');
    if (!stale.length) {
      out(
        `up to date: Dockerfile and .dockerignore match what the project${saved ? ` and ${ANSWERS_FILE}` : ''} give${saved ? '' : 's'}`,
      );
      return 0;
    }
    for (const s of stale) {
      if (s.action === 'create') err(`${s.path} is missing.`);
      else if (s.diff) err(s.diff);
      else err(`${s.path} differs${s.blocked ? ` (${s.blocked})` : ''}.`);
    }
    const reasons = driftReasons(
      g,
      stale.map((s) => s.diff ?? ''),
    );
    err(
      `out of date: ${stale.map((s) => s.name).join(' and ')} no longer match${stale.length > 1 ? '' : 'es'} the project.${reasons.length ? `\nWhat the project says now:\n${reasons.map((r) => `  - ${r}`).join('\n')}` : ''}\nRegenerate with create-slim-dockerfile${saved ? '' : ' (with the flags you used)'} --force, or keep your edits and save them as answers (--add-package, --env, --instructions).`,
    );
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
    if (argv.json) {
      out(JSON.stringify({ ...g.plan, files: statuses.map(({ name, action }) => ({ name, action })) }, null, 2));
      return 0;
    }
    info(summary(g));
    for (const s of statuses) {
      const what = s.blocked
        ? `would refuse (${s.blocked}):`
        : {
            create: 'would create',
            identical: 'unchanged:',
            overwrite: 'would overwrite',
            conflict: 'would keep (exists and differs; --force to replace)',
          }[s.action];
      info(`${what} ${s.path}`);
      if (s.diff) info(s.diff);
    }
    return 0;
  }

  const results = await writeFiles(g.dir, g.files, {
    force: argv.force,
    ...(interactive && !argv.force ? { confirm: await confirmer() } : {}),
  });
  const written = {
    ...g.plan,
    files: results.map(({ name, result, backup }) => ({ name, result, ...(backup ? { backup } : {}) })),
  };
  // With --verify, the JSON waits for the image's report.
  if (argv.json && !argv.verify) out(JSON.stringify(written, null, 2));
  else if (!argv.json) {
    info(summary(g));
    for (const r of results)
      info(`${r.result.padEnd(11)} ${r.path}${r.backup ? ` (previous version in ${r.backup})` : ''}`);
  }
  // The answers that made this file, for the next run: flags and prompt choices, never detected facts.
  const kept = results.find((r) => r.name === 'Dockerfile')?.result === 'kept';
  if (argv.save && !kept && !isEmpty(withChosen)) {
    const saved2 = writeAnswers(g.dir, withChosen);
    if (saved2 === 'written' && !argv.json)
      info(`${'saved'.padEnd(11)} ${ANSWERS_FILE} (the answers a plain re-run uses; --no-save to skip)`);
  }
  if (argv.build || argv.run || argv.verify) {
    if (results.find((r) => r.name === 'Dockerfile')?.result === 'kept') {
      throw new UserError(
        'E_CONFLICT',
        'The existing Dockerfile was kept, so --build would not build what was generated.',
        'Re-run with --force, or build the existing one with docker build.',
      );
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
      const status =
        ran.exitCode === null ? `still running after ${seconds} s (a server?), stopped` : `exit ${ran.exitCode}`;
      info(`run: ${status}\n${ran.lines.map((l) => `  | ${l}`).join('\n')}`);
      if (ran.exitCode !== null && ran.exitCode !== 0) {
        throw new UserError(
          'E_RUN_FAILED',
          `The container exited with code ${ran.exitCode}.`,
          ran.hint ?? `See its output above; run it yourself with docker run --rm ${tag}.`,
        );
      }
    }
  }
  return 0;
}

const report = (e: UserError) => err(`error: ${e.message}${e.hint ? `\n  fix: ${e.hint}` : ''}`);

export async function main(args: string[]): Promise<number> {
  // Output piped into a reader that stops early (head): end quietly, as other tools do.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  let argv: Argv;
  try {
    argv = (await parser(args)
      .exitProcess(false)
      .fail((msg, e) => {
        throw new UserError('E_BAD_FLAG', msg ?? e?.message ?? 'bad arguments', 'See create-slim-dockerfile --help.');
      })
      .parseAsync()) as unknown as Argv;
  } catch (e) {
    if (isUserError(e)) {
      report(e);
      return 2;
    }
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
    if (e instanceof Error && e.name === 'ExitPromptError') {
      err('cancelled; nothing was written');
      return 2;
    }
    err(
      `create-slim-dockerfile: unexpected error (a bug; please report it)\n${e instanceof Error ? e.stack : String(e)}`,
    );
    return 1;
  }
}
