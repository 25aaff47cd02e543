import { shown } from '../../core/quote.js';
import type { Scan } from '../../core/scan.js';
import { SHELL_SYNTAX } from '../shared.js';
import { commandVars } from '../shell.js';
import type { Bundle } from './bundle.js';
import type { Program } from './program.js';
import type { PumaConfig } from './puma.js';

/** A Rails app: config/application.rb, and rails (or railties) among the gems. */
export function isRails(scan: Scan, bundle: Bundle): boolean {
  return scan.has('config/application.rb') && (bundle.gems.has('rails') || bundle.gems.has('railties'));
}

/** The Procfile's web command, unless an exec-form ENTRYPOINT cannot run it (shell syntax, a variable other than $PORT). */
export function procfileProgram(
  procfile: string,
  bundle: Bundle,
  rails: boolean,
  puma: PumaConfig,
  warnings: string[],
): Program | undefined {
  const { words, bare, portVar, portDefault, unresolved } = commandVars(procfile);
  if (SHELL_SYNTAX.test(bare) || unresolved || !/^[\w./-]+$/.test(words[0] ?? '')) {
    warnings.push(
      `The Procfile's web command ${unresolved ? `reads the shell variable ${shown(unresolved, 40)}, which an exec-form ENTRYPOINT does not expand` : 'uses shell syntax'} (${shown(procfile, 60)}): not used as the image's command.`,
    );
    return undefined;
  }
  const command =
    words[0] === 'bundle'
      ? words
      : words[0]!.startsWith('bin/') || words[0] === 'ruby'
        ? words
        : ['bundle', 'exec', ...words];
  const pumaWithConfig = words.includes('puma') && words.some((w) => /^(?:-C|--config)$/.test(w));
  // $PORT: the port the image listens on is written there (Heroku's convention, 3000, unless a default or --port says).
  const port =
    Number(/(?:-p|--port)[= ](\d{2,5})|tcp:\/\/[\d.]*:(\d{2,5})/.exec(words.join(' '))?.slice(1).find(Boolean)) ||
    (portVar ? (portDefault ?? 3000) : undefined) ||
    (pumaWithConfig ? (puma.port ?? (bundle.gems.has('hanami') ? 2300 : 9292)) : undefined) ||
    (rails ? 3000 : undefined);
  return {
    value: 'Procfile',
    label: `Procfile: ${procfile}`,
    source: `Procfile: web: ${shown(procfile, 80)}`,
    command,
    port,
    kind: 'server',
    portVar,
  };
}

/** Rails, or else a Rack app (config.ru) on puma or rackup. */
export function frameworkProgram(scan: Scan, bundle: Bundle, rails: boolean, puma: PumaConfig): Program | undefined {
  const { gemfileName, gems } = bundle;
  if (rails) {
    // bin/rails server: Rails' own way (what its generated Dockerfile runs): it reads config/puma.rb,
    // makes tmp/pids, and listens on 3000 unless the config names a port.
    const command =
      scan.has('bin/rails') || scan.read('bin/rails', 64 * 1024) !== undefined
        ? ['bin/rails', 'server', '-b', '0.0.0.0']
        : ['bundle', 'exec', 'rails', 'server', '-b', '0.0.0.0'];
    return {
      value: 'rails',
      label: `Rails (${command.join(' ')})`,
      source: `config/application.rb, rails in ${gemfileName}${puma.present ? ', config/puma.rb' : ''}`,
      command,
      port: puma.port ?? 3000,
      kind: 'server',
    };
  }
  if (!scan.has('config.ru')) return undefined;
  if (gems.has('puma'))
    return {
      value: 'config.ru',
      label: 'Rack app on puma',
      source: `config.ru, puma in ${gemfileName}`,
      command: [
        'bundle',
        'exec',
        'puma',
        ...(puma.present ? ['-C', 'config/puma.rb'] : ['--bind', 'tcp://0.0.0.0:9292']),
        'config.ru',
      ],
      port: puma.port ?? 9292,
      kind: 'server',
    };
  if (gems.has('rackup') || gems.has('rack'))
    return {
      value: 'config.ru',
      label: 'Rack app on rackup',
      source: `config.ru, rack in ${gemfileName}`,
      command: ['bundle', 'exec', 'rackup', '--host', '0.0.0.0', '--port', '9292', 'config.ru'],
      port: 9292,
      kind: 'server',
    };
  return undefined;
}

/** Top-level scripts that require sinatra, when no config.ru runs the app (at most 30 read). */
export function sinatraPrograms(scan: Scan, bundle: Bundle, sources: string[]): Program[] {
  if (!bundle.gems.has('sinatra') || scan.has('config.ru')) return [];
  const programs: Program[] = [];
  for (const f of sources.filter((x) => !x.includes('/')).slice(0, 30)) {
    const src = scan.read(f) ?? '';
    if (!/require\s+["']sinatra["']/.test(src)) continue;
    const port = Number(/set\s+:port\s*,\s*(?:ENV\.fetch\(\s*["']PORT["']\s*,\s*)?(\d{2,5})/.exec(src)?.[1]) || 4567;
    programs.push({
      value: f,
      label: `Sinatra app ${f}`,
      source: `${f}: require 'sinatra'`,
      command: ['bundle', 'exec', 'ruby', f, '-o', '0.0.0.0', '-p', String(port)],
      port,
      kind: 'server',
    });
  }
  return programs;
}
