import yargs from 'yargs';
import { VERSION } from '../core/data.js';
import { shown } from '../core/quote.js';
import { OPTIONS } from '../options.js';

/** What steers a run (the answers come from OPTIONS' answer flags, through optionsFromFlags). */
export interface Argv {
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

/** The command line, made from the one list of options. */
export function parser(args: string[]) {
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
