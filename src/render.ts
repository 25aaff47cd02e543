import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { ROOT } from './data.js';
import type { Plan } from './plan/index.js';
import { execForm, oneLine } from './quote.js';

/** Render only prints a plan: no decisions here, only Dockerfile syntax. */
const TEMPLATES = new URL('templates/', ROOT);
const LANG_LABELS: Record<string, string> = { go: 'Go', c: 'C', cpp: 'C++', rust: 'Rust', java: 'Java', python: 'Python', node: 'Node.js', ruby: 'Ruby' };

let env: { dockerfile: Handlebars.TemplateDelegate; dockerignore: Handlebars.TemplateDelegate } | undefined;

function setup() {
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

export function renderDockerfile(plan: Plan): string {
  env ??= setup();
  return tidy(env.dockerfile(sanitized(plan)));
}

export function renderDockerignore(plan: Plan): string {
  env ??= setup();
  return tidy(env.dockerignore(sanitized(plan)));
}
