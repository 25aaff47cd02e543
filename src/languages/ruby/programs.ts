import { UserError } from '../../core/errors.js';
import { shown } from '../../core/quote.js';
import { isBuilt, type Scan } from '../../core/scan.js';
import type { Choice, Fact } from '../../core/types.js';
import { chooseFound, procfileWeb } from '../shared.js';
import type { ResolveOptions } from '../types.js';
import type { Bundle } from './bundle.js';
import { gemExecutables, scriptPrograms } from './executables.js';
import type { Program } from './program.js';
import { readPumaConfig } from './puma.js';
import { frameworkProgram, isRails, procfileProgram, sinatraPrograms } from './servers.js';

/** Programs: Rails, Procfile web, Rack (config.ru), Sinatra, a gem's executables, a script; and whether it is a Rails app. */
export function findPrograms(scan: Scan, bundle: Bundle, warnings: string[]): { programs: Program[]; rails: boolean } {
  const programs: Program[] = [];
  const procfile = procfileWeb(scan);
  const rails = isRails(scan, bundle);
  const puma = readPumaConfig(scan);
  const web = procfile ? procfileProgram(procfile, bundle, rails, puma, warnings) : undefined;
  if (web) programs.push(web);
  const framework = frameworkProgram(scan, bundle, rails, puma);
  if (framework) programs.push(framework);
  const sources = scan
    .withExt('.rb')
    .filter((f) => isBuilt(f) && !/(?:^|\/)(?:spec|test|features|db\/migrate)\//.test(f));
  programs.push(...sinatraPrograms(scan, bundle, sources), ...gemExecutables(scan));
  programs.push(...scriptPrograms(sources, programs, bundle.gemfileName));
  if (!programs.length)
    throw new UserError(
      'E_NO_ENTRY',
      'No program found: no Rails app, config.ru, Procfile web command, Sinatra app, gem executable or top-level script.',
      'Pass --entry with a script (main.rb) or an executable name.',
    );
  return { programs, rails };
}

/** The program the image runs: --entry's, else the first found (naming the others); its command must fit a Dockerfile. */
export function chooseProgram(
  programs: Program[],
  opts: ResolveOptions,
  warnings: string[],
): { entries: Choice[]; entry: Fact<string>; program: Program } {
  const { entries, entry, program } = chooseFound(programs, opts.entry, warnings, opts.entrySource);
  for (const w of program.command)
    if (w.length > 300 || /[\n\r]/.test(w))
      throw new UserError('E_UNSAFE_VALUE', `The command word ${shown(w)} cannot go in a Dockerfile.`, 'Pass --entry.');
  return { entries, entry, program };
}
