import { shown } from '../../core/quote.js';
import type { Scan } from '../../core/scan.js';
import type { Bundle } from './bundle.js';
import { rootGemspecs } from './bundle.js';

/**
 * What a project asks of the Ruby it runs on besides a version line: the Bundler it works with
 * (`gem "bundler", "~> 2.1"`, a gemspec's `add_development_dependency "bundler"`) and the
 * gemspec's `required_ruby_version`. Each Ruby release brings its own Bundler, so a Bundler
 * requirement rules out the Rubies whose Bundler does not meet it.
 */

/** The Bundler each Ruby release ships with (its default gem). */
export const BUNDLED_BUNDLER: Record<string, string> = {
  '3.1': '2.3',
  '3.2': '2.4',
  '3.3': '2.5',
  '3.4': '2.6',
  '4.0': '4.0',
};

export interface Constraint {
  /** Gem requirements, each like "~> 2.1" or ">= 3.0". */
  requirements: string[];
  source: string;
}

const REQ = /^(=|!=|>=|<=|[><]|~>)?\s*(\d{1,4}(?:\.\d{1,4}){0,3})$/;

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return Math.sign(d);
  }
  return 0;
}

/** Whether a version meets a RubyGems requirement ("~> 2.1" is >= 2.1 and < 3). Unreadable requirements are met. */
export function meets(version: string, requirement: string): boolean {
  const m = REQ.exec(requirement.trim());
  if (!m) return true;
  const v = version.split('.').map(Number);
  const r = m[2]!.split('.').map(Number);
  const c = compare(v, r);
  switch (m[1] ?? '=') {
    case '=':
      return compare(v.slice(0, r.length), r) === 0;
    case '!=':
      return c !== 0;
    case '>=':
      return c >= 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '<':
      return c < 0;
    default: {
      // ~> 2.1: at least 2.1, below 3; ~> 2.1.0: below 2.2; ~> 2: at least 2.
      if (c < 0) return false;
      if (r.length === 1) return true;
      const upper = [...r.slice(0, -2), r[r.length - 2]! + 1];
      return compare(v, upper) < 0;
    }
  }
}

/** The quoted requirement strings after a gem's name: `"bundler", ">= 1.17", "< 3"`. */
function requirementsAfter(text: string, pattern: RegExp): string[] {
  const m = pattern.exec(text);
  if (!m) return [];
  return [...m[1]!.matchAll(/["']([^"'\n]{1,40})["']/g)].map((x) => x[1]!).filter((r) => REQ.test(r.trim()));
}

/** The project's requirements on Bundler (Gemfile, gemspec, the lock's DEPENDENCIES) and on Ruby (the gemspec). */
export function rubyConstraints(scan: Scan, bundle: Bundle): { bundler?: Constraint; ruby?: Constraint } {
  const out: { bundler?: Constraint; ruby?: Constraint } = {};
  const gemfileText = bundle.gemfileName ? (scan.manifest(bundle.gemfileName, 512 * 1024) ?? '') : '';
  const fromGemfile = requirementsAfter(
    gemfileText,
    /^[ \t]*gem[ \t(]+["']bundler["']((?:[ \t]*,[ \t]*["'][^"'\n]{1,40}["']){1,3})/m,
  );
  if (fromGemfile.length)
    out.bundler = {
      requirements: fromGemfile,
      source: `${bundle.gemfileName}: gem "bundler", ${fromGemfile.join(', ')}`,
    };
  for (const spec of rootGemspecs(scan).slice(0, 3)) {
    const text = scan.read(spec, 256 * 1024) ?? '';
    const b = requirementsAfter(
      text,
      /\.add_(?:development_|runtime_)?dependency[ \t(]+["']bundler["']((?:[ \t]*,[ \t]*["'][^"'\n]{1,40}["']){1,3})/,
    );
    if (b.length && !out.bundler)
      out.bundler = { requirements: b, source: `${shown(spec, 60)}: bundler ${b.join(', ')}` };
    const r = requirementsAfter(
      text,
      /\.required_ruby_version[ \t]*=[ \t]*(?:\[[ \t]*)?(["'][^"'\n]{1,40}["'](?:[ \t]*,[ \t]*["'][^"'\n]{1,40}["']){0,2})/,
    );
    if (r.length && !out.ruby)
      out.ruby = { requirements: r, source: `${shown(spec, 60)}: required_ruby_version ${r.join(', ')}` };
  }
  return out;
}

/** The newest of the releases that meets every constraint: its Bundler, and its own version. */
export function newestAllowed(
  known: string[],
  constraints: { bundler?: Constraint; ruby?: Constraint },
): string | undefined {
  return [...known]
    .reverse()
    .find(
      (minor) =>
        (!constraints.bundler ||
          constraints.bundler.requirements.every((r) => meets(BUNDLED_BUNDLER[minor] ?? '0', r))) &&
        (!constraints.ruby ||
          constraints.ruby.requirements.every((r) => meets(`${minor}.99`, r) || meets(`${minor}.0`, r))),
    );
}
