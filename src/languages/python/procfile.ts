import type { Scan } from '../../core/scan.js';
import { shown } from '../../core/quote.js';
import { procfileWeb, SHELL_SYNTAX } from '../shared.js';
import { bin, PY, type Program } from './program.js';

/** The Procfile's web command, when it is a plain command (no shell syntax, no shell script): the image runs it as it is. */
export function procfileProgram(scan: Scan, warnings: string[]): Program | undefined {
  const procfile = procfileWeb(scan);
  if (!procfile) return undefined;
  const words = procfile.replace(/\$\{?PORT\}?/g, '8000').split(/\s+/);
  const shellRun = /^(?:bash|sh|dash|zsh)$|\.sh$/.test(words[0] ?? '');
  if (
    shellRun ||
    SHELL_SYNTAX.test(procfile.replace(/\$\{?PORT\}?/g, '')) ||
    !words[0] ||
    !/^[\w.-]+$/.test(words[0])
  ) {
    warnings.push(
      `The Procfile's web command uses shell syntax (${shown(procfile, 60)}): not used as the image's command.`,
    );
    return undefined;
  }
  const port =
    Number(/(?:--bind|-b)[= ]\S*:(\d{2,5})|--port[= ](\d{2,5})/.exec(words.join(' '))?.slice(1).find(Boolean)) ||
    undefined;
  // A Procfile expects the platform to set $PORT: without it gunicorn and uvicorn bind to
  // 127.0.0.1 only, which no published port reaches. The image sets PORT and binds to all.
  const args = words.slice(1);
  if (words[0] === 'gunicorn' && !args.some((a) => /^(?:-b|--bind)(?:=|$)/.test(a)))
    args.push('--bind', '0.0.0.0:8000');
  if (words[0] === 'uvicorn' && !args.some((a) => /^--host(?:=|$)/.test(a)))
    args.push('--host', '0.0.0.0', ...(args.some((a) => /^--port(?:=|$)/.test(a)) ? [] : ['--port', '8000']));
  return {
    value: 'Procfile',
    label: `Procfile: ${procfile}`,
    source: `Procfile: web: ${shown(procfile, 80)}`,
    command: [words[0] === 'python' ? PY : bin(words[0]), ...args],
    port: port ?? 8000,
    kind: 'server',
    env: port ? [] : ['PORT=8000'],
  };
}
