import type { Scan } from '../../core/scan.js';
import { rootGemspecs } from './bundle.js';
import { GEM_NAME } from './gemfile.js';
import type { Program } from './program.js';

/** Scripts of bin/ that start a framework or a tool, not the gem's own program. */
const BINSTUBS =
  /^(?:setup|console|rails|rake|bundle|rspec|rubocop|dev|ci|update|yarn|importmap|brakeman|jobs|kamal|thrust|docker-entrypoint)$/;

/** A gem's executables (spec.executables, or the files of exe/ or bin/ that are no binstubs), at most 10. */
export function gemExecutables(scan: Scan): Program[] {
  const gemspec = rootGemspecs(scan)[0];
  if (!gemspec) return [];
  const text = scan.read(gemspec, 256 * 1024) ?? '';
  const listedExe = /\.executables\s*=\s*(?:\[([^\]]{0,400})\]|%w[[(]([^\])]{0,400})[\])])/.exec(text);
  // The generated form lists the files of bin/ or exe/ (files.grep(%r{^bin/}) { basename }).
  const grepDir =
    /\.executables[ \t]*=[^\n]{0,200}grep\([ \t]*%r\{\\?[\^A]{0,2}(bin|exe)\//.exec(text)?.[1] ??
    /\.bindir\s*=\s*["'](bin|exe)["']/.exec(text)?.[1];
  const names = listedExe
    ? listedExe[1]
      ? [...listedExe[1].matchAll(/["']([\w.-]{1,60})["']/g)].map((m) => m[1]!)
      : listedExe[2]!.split(/\s+/).filter(Boolean)
    : (scan.list(grepDir ?? 'exe') ?? (grepDir ? [] : (scan.list('bin') ?? []))).filter(
        (n) => /^[\w.-]{1,60}$/.test(n) && !BINSTUBS.test(n),
      );
  return names
    .slice(0, 10)
    .filter((n) => GEM_NAME.test(n))
    .map((n): Program => ({
      value: n,
      label: `executable ${n}`,
      source: `${gemspec}: executables`,
      command: ['bundle', 'exec', n],
      kind: 'cli',
    }));
}

/**
 * Top-level scripts, the usual names first (main.rb, app.rb, server.rb, bot.rb), beside the
 * programs already `found`, up to about 20 programs in all.
 */
export function scriptPrograms(sources: string[], found: Program[], gemfileName: string | undefined): Program[] {
  const scripts: Program[] = [];
  for (const f of ['main.rb', 'app.rb', 'server.rb', 'bot.rb', ...sources.filter((s) => !s.includes('/'))]) {
    const all = [...found, ...scripts];
    if (!sources.includes(f) || all.some((p) => p.value === f) || all.length > 20) continue;
    scripts.push({
      value: f,
      label: `ruby ${f}`,
      source: f,
      command: gemfileName ? ['bundle', 'exec', 'ruby', f] : ['ruby', f],
      kind: 'cli',
    });
  }
  return scripts;
}
