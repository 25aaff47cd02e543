import { UserError } from '../../core/errors.js';
import { shown } from '../../core/quote.js';
import type { Choice, Fact } from '../../core/types.js';
import { chooseFound, listed } from '../shared.js';
import type { ResolveOptions } from '../types.js';
import { djangoProgram } from './django.js';
import type { Said } from './info.js';
import type { Manifests } from './manifests.js';
import { procfileProgram } from './procfile.js';
import type { Program, ProgramSearch } from './program.js';
import { addTopLevelScripts, askedProgram, consoleScriptPrograms, consoleScripts, mainModules } from './scripts.js';
import { webAppPrograms } from './web-apps.js';

/** The programs found, and what else the search learnt: STATIC_ROOT in Django's settings, the console scripts. */
export interface Programs {
  programs: Program[];
  djangoStatic: boolean;
  scripts: Record<string, unknown>;
}

/** Programs, most specific first: Procfile, Django, ASGI/WSGI apps, console scripts, __main__, a script. */
export function findPrograms(search: ProgramSearch, m: Manifests, opts: ResolveOptions): Programs {
  const { scan, sources } = search;
  const programs: Program[] = [];
  const procfile = procfileProgram(scan, search.said.warnings);
  if (procfile) programs.push(procfile);
  const django = djangoProgram(search);
  if (django.program) programs.push(django.program);
  programs.push(...webAppPrograms(search));
  const scripts = consoleScripts(scan, m);
  programs.push(...consoleScriptPrograms(scripts, m), ...mainModules(sources));
  addTopLevelScripts(scan, sources, programs);
  const asked = askedProgram(scan, opts, programs);
  if (asked) programs.push(asked);
  if (!programs.length) {
    throw new UserError(
      'E_NO_ENTRY',
      'No program found: no Procfile, Django project, Flask or FastAPI app, console script, __main__.py or top-level script.',
      'Pass --entry with the script to run (--entry scripts/tool.py), or a package that has a __main__.py (--entry pkg).',
    );
  }
  return { programs, djangoStatic: django.staticRoot, scripts };
}

/** The program to run: the one --entry names, else the first found (the others named in its source); its command must fit a Dockerfile. */
export function chooseProgram(
  programs: Program[],
  opts: ResolveOptions,
  said: Said,
): { entries: Choice[]; entry: Fact<string>; program: Program } {
  const { entries, entry, program } = chooseFound(programs, opts.entry, said.warnings, opts.entrySource);
  for (const w of program.command) {
    if (w.length > 300 || /[\n\r]/.test(w)) {
      throw new UserError(
        'E_UNSAFE_VALUE',
        `The command word ${shown(w)} (from ${shown(program.source, 80)}) cannot go in a Dockerfile: longer than 300 characters or more than one line.`,
        programs.length > 1
          ? `Choose another program with --entry (${listed(
              programs.filter((p) => p !== program).map((p) => p.value),
              5,
            )}), or shorten it where it is written.`
          : 'Shorten it where it is written.',
      );
    }
  }
  said.decisions.push({ topic: 'Program', choice: program.label, because: entry.source });
  return { entries, entry, program };
}
