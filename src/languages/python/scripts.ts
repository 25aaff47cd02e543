import { dirname } from 'node:path';
import { obj } from '../../core/parse.js';
import { shown } from '../../core/quote.js';
import type { Scan } from '../../core/scan.js';
import { normalizeRel as normalize } from '../shared.js';
import type { ResolveOptions } from '../types.js';
import { moduleOf } from './apps.js';
import type { Manifests } from './manifests.js';
import { bin, PY, type Program } from './program.js';
import { setupCfgScripts } from './setup-cfg.js';

/**
 * setup.py's console scripts: the quoted entry points of `entry_points={"console_scripts":
 * ["name = module:function"]}` (strings of that form), and the files of `scripts=[...]`, which
 * pip installs into the venv's bin under their own names.
 */
export function setupPyScripts(text: string): { entryPoints: Record<string, string>; files: string[] } {
  const entryPoints: Record<string, string> = {};
  if (/console_scripts/.test(text))
    for (const m of text.matchAll(
      /["']\s{0,8}([a-z\d][\w.-]{0,80})\s{0,8}=\s{0,8}([\w.]{1,200}:[\w.]{1,100})\s{0,8}["']/gi,
    ))
      if (Object.keys(entryPoints).length < 50) entryPoints[m[1]!] = m[2]!;
  // The list after the first `scripts=[`, up to its `]` (found by position: no pattern to retry).
  const open = /\bscripts\s{0,8}=\s{0,8}\[/.exec(text);
  const start = open ? open.index + open[0].length : -1;
  const end = start >= 0 ? text.indexOf(']', start) : -1;
  const list = end > start && end - start <= 2000 ? text.slice(start, end) : '';
  const files = [...list.matchAll(/["']([\w./-]{1,200})["']/g)].map((m) => m[1]!).slice(0, 20);
  return { entryPoints, files };
}

/** Console scripts the project declares (name -> module:function): setup.py's, setup.cfg's, [project.scripts], [tool.poetry.scripts], a later one winning. */
export function consoleScripts(scan: Scan, m: Manifests): Record<string, unknown> {
  const cfgScripts = setupCfgScripts(scan.read('setup.cfg', 256 * 1024) ?? '');
  const py = setupPyScripts(scan.read('setup.py', 256 * 1024) ?? '');
  // A scripts= file runs by its own name from the venv: its name stands for itself.
  const files = Object.fromEntries(
    py.files
      .map((f) => normalize(f))
      // bin/ is read by name: the scan's file list leaves such folders out.
      .filter((f): f is string => !!f && f !== '.' && (scan.has(f) || scan.read(f, 64 * 1024) !== undefined))
      .map((f) => [f.slice(f.lastIndexOf('/') + 1), `file:${f}`]),
  );
  return {
    ...files,
    ...py.entryPoints,
    ...cfgScripts,
    ...(obj(m.project?.scripts) ?? {}),
    ...(obj(m.poetry?.scripts) ?? {}),
  };
}

/** Each console script with a plain name, run as the venv installs it. */
export function consoleScriptPrograms(scripts: Record<string, unknown>, m: Manifests): Program[] {
  const scriptSource = (n: string) =>
    obj(m.project?.scripts)?.[n] !== undefined
      ? 'pyproject.toml [project.scripts]'
      : obj(m.poetry?.scripts)?.[n] !== undefined
        ? 'pyproject.toml [tool.poetry.scripts]'
        : String(scripts[n]).startsWith('file:')
          ? 'setup.py scripts'
          : 'setup.py or setup.cfg console_scripts';
  return Object.entries(scripts)
    .filter((e): e is [string, string] => typeof e[1] === 'string' && /^[a-z\d][\w.-]{0,80}$/i.test(e[0]))
    .map(([name, target]) => ({
      value: name,
      label: `console script ${name}`,
      source: `${scriptSource(name)}: ${name} = ${shown(target, 60)}`,
      command: [bin(name)],
      kind: 'cli',
      ownScript: true,
      // A scripts= file is installed from the build context: no .dockerignore line may drop it.
      ...(target.startsWith('file:') ? { files: [target.slice(5)] } : {}),
    }));
}

/** Packages near the top with a __main__.py, run as `python -m pkg`. */
export function mainModules(sources: string[]): Program[] {
  return sources
    .filter((x) => x.endsWith('/__main__.py') && x.split('/').length <= 3)
    .map((f) => {
      const pkg = moduleOf(dirname(f) + '.py');
      return { value: pkg, label: `python -m ${pkg}`, source: f, command: [PY, '-m', pkg], kind: 'cli', files: [f] };
    });
}

/** Scripts at the top of the project (the usual names first), added to `programs` until there are more than 20. */
export function addTopLevelScripts(scan: Scan, sources: string[], programs: Program[]): void {
  for (const f of [
    'main.py',
    'app.py',
    'run.py',
    'server.py',
    'bot.py',
    '__main__.py',
    ...sources.filter((s) => !s.includes('/')),
  ]) {
    // A file that holds a web app is that app, not a script of its own.
    if (
      !sources.includes(f) ||
      f === 'manage.py' ||
      programs.some((p) => p.value === f || p.value.startsWith(`${moduleOf(f)}:`))
    )
      continue;
    programs.push({
      value: f,
      label: `python ${f}`,
      source: `${f}${/if __name__ == ['"]__main__['"]/.test(scan.read(f) ?? '') ? ' (runs as __main__)' : ''}`,
      command: [PY, f],
      kind: 'cli',
      files: [f],
    });
    if (programs.length > 20) break;
  }
}

/**
 * --entry may also name what the search does not offer: any script of the project
 * (scripts/tool.py), or a package with a __main__.py (pkg.cli, or its folder).
 */
export function askedProgram(scan: Scan, opts: ResolveOptions, programs: Program[]): Program | undefined {
  const asked = opts.entry?.replace(/^\.\//, '').replace(/\/$/, '');
  if (!asked || programs.some((p) => p.value === asked)) return undefined;
  const script = asked.endsWith('.py') && normalize(asked) === asked && scan.has(asked) ? asked : undefined;
  const pkg = /^[a-z_][\w./]{0,200}$/i.test(asked) && !asked.endsWith('.py') ? asked.replace(/\//g, '.') : undefined;
  const main = pkg
    ? [`${pkg.replace(/\./g, '/')}/__main__.py`, `src/${pkg.replace(/\./g, '/')}/__main__.py`].find((f) => scan.has(f))
    : undefined;
  if (script)
    return {
      value: asked,
      label: `python ${script}`,
      source: `${opts.entrySource ?? '--entry'}: ${shown(script, 80)}`,
      command: [PY, script],
      kind: 'cli',
      files: [script],
    };
  if (pkg && main)
    return {
      value: asked,
      label: `python -m ${pkg}`,
      source: `${opts.entrySource ?? '--entry'}: ${shown(main, 80)}`,
      command: [PY, '-m', pkg],
      kind: 'cli',
      files: [main],
    };
  return undefined;
}
