import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { ROOT } from './data.js';
import { UserError } from './errors.js';
import type { Scan } from './detect/scan.js';
import type { Plan } from './plan/index.js';
import { execForm, oneLine, shown } from './quote.js';

/** Render only prints a plan: no decisions here, only Dockerfile syntax. */
const TEMPLATES = new URL('templates/', ROOT);
const LANG_LABELS: Record<string, string> = { go: 'Go', c: 'C', cpp: 'C++', rust: 'Rust', java: 'Java', python: 'Python', node: 'Node.js', ruby: 'Ruby' };

let env: { dockerfile: Handlebars.TemplateDelegate; dockerignore: Handlebars.TemplateDelegate } | undefined;

/** The folder of a project whose partials (same names as the built-in ones) shadow them. */
export const OVERRIDES_DIR = '.slim-dockerfile';

/**
 * A project's template overrides: .slim-dockerfile/{build,run}/<name>.hbs, regular files inside
 * the project, bounded, shadowing a built-in partial of the same name (one that shadows nothing
 * is said, not used).
 */
export function templateOverrides(scan: Scan, warnings: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const builtIn = fileURLToPath(new URL('partials/', TEMPLATES));
  for (const dir of ['build', 'run']) {
    const names = scan.list(`${OVERRIDES_DIR}/${dir}`) ?? [];
    // Most projects have no overrides: the built-in partials are listed only for one that has.
    if (!names.length) continue;
    const known = new Set(readdirSync(`${builtIn}/${dir}`));
    for (const f of names.slice(0, 50)) {
      if (!/^[\w-]{1,60}\.hbs$/.test(f)) continue;
      if (!known.has(f)) { warnings.push(`${OVERRIDES_DIR}/${dir}/${shown(f, 60)} shadows no built-in partial (see templates/partials/${dir}/): not used.`); continue; }
      const text = scan.manifest(`${OVERRIDES_DIR}/${dir}/${f}`, 256 * 1024);
      if (text !== undefined) out[`${dir}/${f.slice(0, -4)}`] = text;
    }
  }
  return out;
}

function setup(overrides: Record<string, string> = {}) {
  const hb = Handlebars.create();
  const options = { noEscape: true, strict: true };
  hb.registerHelper('exec', (words: string[]) => execForm(words));
  hb.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).join(''));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('join', (items: string[], sep: string) => items.join(sep));
  hb.registerHelper('langLabel', (l: string) => LANG_LABELS[l] ?? l);
  const partials = fileURLToPath(new URL('partials/', TEMPLATES));
  for (const dir of readdirSync(partials)) {
    for (const f of readdirSync(`${partials}/${dir}`)) {
      if (f.endsWith('.hbs')) hb.registerPartial(`${dir}/${f.slice(0, -4)}`, hb.compile(readFileSync(`${partials}/${dir}/${f}`, 'utf8'), options));
    }
  }
  for (const [name, text] of Object.entries(overrides)) {
    try {
      hb.parse(text);
      hb.registerPartial(name, hb.compile(text, options));
    } catch (e) {
      throw new UserError('E_UNREADABLE', `${OVERRIDES_DIR}/${name}.hbs is not a valid template: ${shown((e as Error).message.split('\n')[0] ?? '', 100)}.`, `Fix it (Handlebars syntax, as in templates/partials/${name}.hbs), or remove it.`);
    }
  }
  const load = (name: string) => hb.compile(readFileSync(new URL(name, TEMPLATES), 'utf8'), options);
  return { dockerfile: load('Dockerfile.hbs'), dockerignore: load('dockerignore.hbs') };
}

/** Collapses the blank lines that optional sections leave behind. */
function tidy(text: string): string {
  return `${text.split('\n').map((l) => l.trimEnd()).join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

/**
 * The plan as templates see it: every string, at any depth, made one line of printable text.
 * Templates never receive the plan itself, so no value from a project, however it got into the
 * plan, can start a new line (a new instruction) in the Dockerfile or the .dockerignore.
 */
export function sanitized<T>(value: T): T {
  if (typeof value === 'string') return oneLine(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => sanitized(v)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sanitized(v)])) as T;
  }
  return value;
}

export function renderDockerfile(plan: Plan, overrides: Record<string, string> = {}): string {
  const e = Object.keys(overrides).length ? setup(overrides) : (env ??= setup());
  let text: string;
  try {
    text = e.dockerfile(sanitized(plan));
  } catch (err) {
    if (!Object.keys(overrides).length) throw err;
    throw new UserError('E_UNREADABLE', `A template override in ${OVERRIDES_DIR}/ failed: ${shown((err as Error).message.split('\n')[0] ?? '', 100)}.`, `Fix the override (the plan's fields are those of --json), or remove it.`);
  }
  return tidy(addLines(text, plan));
}

/** The user's additions that go at fixed points: build-stage packages after its FROM, instructions before the final USER. */
function addLines(text: string, plan: Plan): string {
  const lines = text.split('\n');
  const { buildPackages, buildPm, instructions } = sanitized(plan.custom);
  if (buildPackages.length) {
    const at = lines.findIndex((l) => /^FROM \S+ AS build$/.test(l));
    const install = buildPm === 'apk' ? [`RUN apk add --no-cache ${buildPackages.join(' ')}`]
      : ['RUN apt-get update \\', ` && apt-get install -y --no-install-recommends ${buildPackages.join(' ')} \\`, ' && rm -rf /var/lib/apt/lists/*'];
    if (at >= 0) lines.splice(at + 1, 0, '# Packages added with --add-package build:<name> (saved in .slim-dockerfile.json).', ...install);
  }
  if (instructions.length) {
    let at = -1;
    for (let i = lines.length - 1; i >= 0; i--) if (/^(USER|ENTRYPOINT) /.test(lines[i]!)) { at = i; if (lines[i]!.startsWith('USER')) break; }
    if (at >= 0) lines.splice(at, 0, '# Instructions from --instructions (saved in .slim-dockerfile.json).', ...instructions);
  }
  return lines.join('\n');
}

export function renderDockerignore(plan: Plan): string {
  env ??= setup();
  return tidy(env.dockerignore(sanitized(plan)));
}
