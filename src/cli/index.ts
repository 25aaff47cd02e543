import { statSync } from 'node:fs';
import {
  ANSWERS_FILE,
  isEmpty,
  mergeAnswers,
  optionsFromAnswers,
  readAnswers,
  writeAnswers,
  type Answers,
} from '../answers.js';
import { isUserError, UserError } from '../core/errors.js';
import { explain, generate, type Generated, type GenerateOptions } from '../index.js';
import { optionsFromFlags } from '../options.js';
import { inspect, writeFiles, type WriteResult } from '../write.js';
import { parser, type Argv } from './parser.js';
import { confirmer, prompts } from './prompts.js';
import { driftReasons, summary } from './report.js';
import { processTerminal, safeTerminal, type Terminal } from './terminal.js';

/** Only this folder talks to the terminal: argv, prompts, exit codes. */

/** A run's state: its flags, the terminal, the answers (saved and given), and where information goes. */
interface Run {
  argv: Argv;
  term: Terminal;
  /** Human-readable lines: stderr when stdout carries the Dockerfile or JSON. */
  info: (text: string) => void;
  saved: Answers | undefined;
  answers: Answers;
  opts: GenerateOptions;
}

async function start(argv: Argv, term: Terminal): Promise<Run> {
  const interactive = term.interactive && !argv.yes && !argv.check;
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
  const fromAnswers = !isEmpty(answers) && (argv.check || (argv.save && (!argv.stdout || !!saved)));
  const opts: GenerateOptions = {
    ...optionsFromAnswers(answers, fromAnswers),
    ask: interactive ? await prompts() : undefined,
  };
  return { argv, term, info: argv.stdout || argv.json ? term.err : term.out, saved, answers, opts };
}

/** --compare: every runtime built and run, nothing written. */
async function compareStep(r: Run): Promise<number> {
  const { compare, formatCompare } = await import('../docker.js');
  const report = await compare(
    r.argv.dir,
    { ...r.opts, ask: undefined, runtime: undefined },
    { log: r.argv.json ? r.term.err : r.term.out, verbose: r.argv.verbose },
  );
  r.term.out(r.argv.json ? JSON.stringify(report, null, 2) : formatCompare(report));
  return 0;
}

/**
 * Generates; choices made at a prompt are answers too, so the file is made again with them and
 * its header and a plain re-run agree. Returns the files and the answers to save.
 */
async function generateStep(r: Run): Promise<{ g: Generated; withChosen: Answers }> {
  let g = await generate(r.argv.dir, r.opts);
  const withChosen = mergeAnswers(r.answers, { lang: g.chosen.lang, entry: g.chosen.entry, runtime: g.chosen.runtime });
  const a = r.argv;
  if (a.save && !a.check && !a.stdout && !a.dryRun && !r.opts.fromAnswers && !isEmpty(withChosen)) {
    const { lang, entry, runtime } = withChosen;
    g = await generate(a.dir, { ...r.opts, lang, entry, runtime, ask: undefined, fromAnswers: true });
  }
  for (const w of g.plan.warnings) r.term.err(`warning: ${w}`);
  return { g, withChosen };
}

/** --check: exit 0 when the files on disk are what the project gives now, 3 with the diff and why. */
async function checkStep(r: Run, g: Generated): Promise<number> {
  const stale = (await inspect(g.dir, g.files, false)).filter((s) => s.action !== 'identical');
  const saved = !!r.saved;
  if (!stale.length) {
    r.term.out(
      `up to date: Dockerfile and .dockerignore match what the project${saved ? ` and ${ANSWERS_FILE}` : ''} give${saved ? '' : 's'}`,
    );
    return 0;
  }
  for (const s of stale) {
    if (s.action === 'create') r.term.err(`${s.path} is missing.`);
    else if (s.diff) r.term.err(s.diff);
    else r.term.err(`${s.path} differs${s.blocked ? ` (${s.blocked})` : ''}.`);
  }
  const reasons = driftReasons(
    g,
    stale.map((s) => s.diff ?? ''),
  );
  const why = reasons.length ? `\nWhat the project says now:\n${reasons.map((x) => `  - ${x}`).join('\n')}` : '';
  r.term.err(
    `out of date: ${stale.map((s) => s.name).join(' and ')} no longer match${stale.length > 1 ? '' : 'es'} the project.${why}\nRegenerate with create-slim-dockerfile${saved ? '' : ' (with the flags you used)'} --force, or keep your edits and save them as answers (--add-package, --env, --instructions).`,
  );
  return 3;
}

/** --stdout and --dry-run: what would be written, nothing written. */
async function printStep(r: Run, g: Generated): Promise<number> {
  const { argv, term } = r;
  if (argv.stdout) {
    if (argv.json) term.out(JSON.stringify({ ...g.plan, files: g.files }, null, 2));
    else term.out(g.files.find((f) => f.name === 'Dockerfile')!.content.trimEnd());
    return 0;
  }
  const statuses = await inspect(g.dir, g.files, argv.force);
  if (argv.json) {
    term.out(JSON.stringify({ ...g.plan, files: statuses.map(({ name, action }) => ({ name, action })) }, null, 2));
    return 0;
  }
  r.info(summary(g));
  const verbs = {
    create: 'would create',
    identical: 'unchanged:',
    overwrite: 'would overwrite',
    conflict: 'would keep (exists and differs; --force to replace)',
  };
  for (const s of statuses) {
    r.info(`${s.blocked ? `would refuse (${s.blocked}):` : verbs[s.action]} ${s.path}`);
    if (s.diff) r.info(s.diff);
  }
  return 0;
}

/** Writes the files (asking per conflict on a terminal) and the answers that made them. */
async function writeStep(r: Run, g: Generated, withChosen: Answers): Promise<WriteResult[]> {
  const { argv } = r;
  const ask = r.opts.ask && !argv.force ? { confirm: await confirmer(r.term.err) } : {};
  const results = await writeFiles(g.dir, g.files, { force: argv.force, ...ask });
  // With --verify, the JSON waits for the image's report.
  if (argv.json && !argv.verify) r.term.out(JSON.stringify(written(g, results), null, 2));
  else if (!argv.json) {
    r.info(summary(g));
    for (const x of results)
      r.info(`${x.result.padEnd(11)} ${x.path}${x.backup ? ` (previous version in ${x.backup})` : ''}`);
  }
  // The answers that made this file, for the next run: flags and prompt choices, never detected facts.
  const kept = results.find((x) => x.name === 'Dockerfile')?.result === 'kept';
  if (argv.save && !kept && !isEmpty(withChosen) && writeAnswers(g.dir, withChosen) === 'written' && !argv.json) {
    r.info(`${'saved'.padEnd(11)} ${ANSWERS_FILE} (the answers a plain re-run uses; --no-save to skip)`);
  }
  return results;
}

const written = (g: Generated, results: WriteResult[]) => ({
  ...g.plan,
  files: results.map(({ name, result, backup }) => ({ name, result, ...(backup ? { backup } : {}) })),
});

/** --build, --verify, --run: the written Dockerfile built, then looked at or run once. */
async function imageStep(r: Run, g: Generated, results: WriteResult[]): Promise<number> {
  const { argv, term } = r;
  if (results.find((x) => x.name === 'Dockerfile')?.result === 'kept') {
    throw new UserError(
      'E_CONFLICT',
      'The existing Dockerfile was kept, so --build would not build what was generated.',
      'Re-run with --force, or build the existing one with docker build.',
    );
  }
  const { buildImage, runImage, formatBuild, imageTag } = await import('../docker.js');
  const tag = argv.tag ?? imageTag(g.plan.name);
  const built = await buildImage(g.dir, { tag, log: r.info, verbose: argv.verbose });
  r.info(formatBuild(built));
  if (argv.verify) {
    const { verifyImage, formatVerification } = await import('../verify.js');
    const v = await verifyImage(tag, { expose: g.plan.final.expose, seconds: 10 });
    if (argv.json) term.out(JSON.stringify({ ...written(g, results), build: built, verify: v }, null, 2));
    else r.info(formatVerification(v));
    if (!v.ok) {
      term.err(`verification failed: ${v.problems.length} problem${v.problems.length > 1 ? 's' : ''} above.`);
      return 4;
    }
  }
  if (argv.run) {
    const seconds = 10;
    const ran = await runImage(tag, { seconds });
    const status =
      ran.exitCode === null ? `still running after ${seconds} s (a server?), stopped` : `exit ${ran.exitCode}`;
    r.info(`run: ${status}\n${ran.lines.map((l) => `  | ${l}`).join('\n')}`);
    if (ran.exitCode !== null && ran.exitCode !== 0) {
      throw new UserError(
        'E_RUN_FAILED',
        `The container exited with code ${ran.exitCode}.`,
        ran.hint ?? `See its output above; run it yourself with docker run --rm ${tag}.`,
      );
    }
  }
  return 0;
}

async function run(argv: Argv, term: Terminal): Promise<number> {
  const r = await start(argv, term);
  if (argv.compare) return compareStep(r);
  const { g, withChosen } = await generateStep(r);
  if (argv.check) return checkStep(r, g);
  if (argv.explain) r.info(`Decisions for ${g.dir}:\n${explain(g.plan)}\n`);
  if (argv.stdout || argv.dryRun) return printStep(r, g);
  const results = await writeStep(r, g, withChosen);
  return argv.build || argv.run || argv.verify ? imageStep(r, g, results) : 0;
}

/** The command line: exit 0 done, 2 a problem the user can fix, 3 --check found drift, 4 --verify failed, 1 a bug. */
export async function main(args: string[], terminal: Terminal = processTerminal()): Promise<number> {
  const term = safeTerminal(terminal);
  const report = (e: UserError) => term.err(`error: ${e.message}${e.hint ? `\n  fix: ${e.hint}` : ''}`);
  let argv: Argv;
  try {
    argv = (await parser(args)
      .exitProcess(false)
      .fail((msg, e) => {
        throw new UserError('E_BAD_FLAG', msg ?? e?.message ?? 'bad arguments', 'See create-slim-dockerfile --help.');
      })
      .parseAsync()) as unknown as Argv;
  } catch (e) {
    if (!isUserError(e)) throw e;
    report(e);
    return 2;
  }
  if ((argv as unknown as { help?: boolean }).help || args.includes('--version')) return 0;
  try {
    return await run(argv, term);
  } catch (e) {
    if (isUserError(e)) {
      report(e);
      if (argv.verbose) term.err(e.stack ?? '');
      return e.exitCode;
    }
    if (e instanceof Error && e.name === 'ExitPromptError') {
      term.err('cancelled; nothing was written');
      return 2;
    }
    term.err(
      `create-slim-dockerfile: unexpected error (a bug; please report it)\n${e instanceof Error ? e.stack : String(e)}`,
    );
    return 1;
  }
}
