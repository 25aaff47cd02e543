import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { ROOT } from './core/data.js';
import { isUserError, UserError } from './core/errors.js';
import type { Scan } from './core/scan.js';
import type { Plan } from './plan/index.js';
import { assertInstructions } from './instructions.js';
import { execForm, oneLine, shown } from './core/quote.js';

/** Render only prints a plan: no decisions here, only Dockerfile syntax. */
const TEMPLATES = new URL('templates/', ROOT);
const LANG_LABELS: Record<string, string> = {
  go: 'Go',
  c: 'C',
  cpp: 'C++',
  rust: 'Rust',
  java: 'Java',
  python: 'Python',
  node: 'Node.js',
  ruby: 'Ruby',
};

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
      if (!known.has(f)) {
        warnings.push(
          `${OVERRIDES_DIR}/${dir}/${shown(f, 60)} shadows no built-in partial (see templates/partials/${dir}/): not used.`,
        );
        continue;
      }
      const text = scan.manifest(`${OVERRIDES_DIR}/${dir}/${f}`, 256 * 1024);
      if (text !== undefined) out[`${dir}/${f.slice(0, -4)}`] = text;
    }
  }
  return out;
}

/** What a template calls: static partial names, and the constructs an override may not use. */
function partialCalls(ast: hbs.AST.Program): { names: string[]; refused?: string } {
  const names: string[] = [];
  let refused: string | undefined;
  const visit = (node: unknown, depth: number): void => {
    if (refused || node === null || typeof node !== 'object') return;
    if (depth > 200) {
      refused = 'blocks nested more than 200 deep';
      return;
    }
    if (Array.isArray(node)) {
      for (const n of node) visit(n, depth + 1);
      return;
    }
    const n = node as { type?: string; name?: { type?: string; original?: unknown } };
    if (n.type === 'PartialStatement' || n.type === 'PartialBlockStatement') {
      if (n.name?.type !== 'PathExpression' || typeof n.name.original !== 'string' || n.name.original.startsWith('@'))
        refused = 'a partial whose name is computed, or @partial-block';
      else names.push(n.name.original);
    }
    if (n.type === 'Decorator' || n.type === 'DecoratorBlock') refused = 'an inline partial (a decorator)';
    for (const [k, v] of Object.entries(node)) if (k !== 'loc') visit(v, depth + 1);
  };
  visit(ast, 0);
  return refused ? { names, refused } : { names };
}

/** Partials calls may nest this deep, and a Dockerfile may render this many partials and each-iterations, and this many characters. */
const RENDER_BUDGET = { depth: 12, calls: 2_000, iterations: 50_000, chars: 2 * 1024 * 1024 };

/**
 * Refuses overrides that would never finish: a partial that calls itself through any chain
 * (built-in partials included), a computed partial name, an inline partial; and a chain deeper
 * than the budget.
 */
function checkPartialGraph(hb: typeof Handlebars, texts: Map<string, string>, overrides: Record<string, string>): void {
  const edges = new Map<string, string[]>();
  for (const [name, text] of texts) {
    const calls = partialCalls(hb.parse(text));
    if (calls.refused && name in overrides) {
      throw new UserError(
        'E_UNREADABLE',
        `${OVERRIDES_DIR}/${name}.hbs uses ${calls.refused}, which an override may not.`,
        `Call partials by their names (like {{> run/_tail }}), or remove the override.`,
      );
    }
    edges.set(name, calls.names);
  }
  const state = new Map<string, 'open' | 'done'>();
  const walk = (name: string, path: string[]): void => {
    if (state.get(name) === 'done' || !texts.has(name)) return;
    if (state.get(name) === 'open' || path.length > RENDER_BUDGET.depth) {
      const chain = [...path, name].join(' -> ');
      throw new UserError(
        'E_UNREADABLE',
        `The template overrides in ${OVERRIDES_DIR}/ ${state.get(name) === 'open' ? 'call each other in a circle' : `nest partials more than ${RENDER_BUDGET.depth} deep`}: ${shown(chain, 200)}.`,
        'Break the chain: an override calls the built-in partials it needs (like {{> run/_tail }}), never itself.',
      );
    }
    state.set(name, 'open');
    for (const next of edges.get(name) ?? []) walk(next, [...path, name]);
    state.set(name, 'done');
  };
  for (const name of texts.keys()) walk(name, []);
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
  const texts = new Map<string, string>();
  for (const dir of readdirSync(partials)) {
    for (const f of readdirSync(`${partials}/${dir}`))
      if (f.endsWith('.hbs')) texts.set(`${dir}/${f.slice(0, -4)}`, readFileSync(`${partials}/${dir}/${f}`, 'utf8'));
  }
  for (const [name, text] of Object.entries(overrides)) {
    try {
      hb.parse(text);
    } catch (e) {
      throw new UserError(
        'E_UNREADABLE',
        `${OVERRIDES_DIR}/${name}.hbs is not a valid template: ${shown((e as Error).message.split('\n')[0] ?? '', 100)}.`,
        `Fix it (Handlebars syntax, as in templates/partials/${name}.hbs), or remove it.`,
      );
    }
    texts.set(name, text);
  }
  const budget = { calls: 0, iterations: 0, chars: 0 };
  if (Object.keys(overrides).length) {
    checkPartialGraph(hb, texts, overrides);
    // An override is the project's code: whatever it asks for, a render ends within the budget.
    const over = (what: string) => {
      throw new UserError(
        'E_UNREADABLE',
        `The template overrides in ${OVERRIDES_DIR}/ render too much (${what}).`,
        'Simplify the overrides, or remove them.',
      );
    };
    const each = hb.helpers.each as Handlebars.HelperDelegate;
    hb.registerHelper('each', function (this: unknown, context: unknown, opts: Handlebars.HelperOptions) {
      const fn = opts.fn;
      const counted = Object.assign(Object.create(opts) as Handlebars.HelperOptions, {
        fn: (ctx: unknown, o?: Handlebars.RuntimeOptions) => {
          if (++budget.iterations > RENDER_BUDGET.iterations)
            over(`more than ${RENDER_BUDGET.iterations} each-iterations`);
          const out = fn(ctx, o);
          if ((budget.chars += out.length) > RENDER_BUDGET.chars)
            over(`more than ${RENDER_BUDGET.chars / 1024 / 1024} MiB`);
          return out;
        },
      });
      return each.call(this, context, counted) as unknown;
    });
  }
  for (const [name, text] of texts) {
    const compiled = hb.compile(text, options);
    if (!Object.keys(overrides).length) {
      hb.registerPartial(name, compiled);
      continue;
    }
    hb.registerPartial(name, ((ctx: unknown, o?: Handlebars.RuntimeOptions) => {
      if (++budget.calls > RENDER_BUDGET.calls)
        throw new UserError(
          'E_UNREADABLE',
          `The template overrides in ${OVERRIDES_DIR}/ render too much (more than ${RENDER_BUDGET.calls} partials).`,
          'Simplify the overrides, or remove them.',
        );
      const out = compiled(ctx, o);
      if ((budget.chars += out.length) > RENDER_BUDGET.chars)
        throw new UserError(
          'E_UNREADABLE',
          `The template overrides in ${OVERRIDES_DIR}/ render more than ${RENDER_BUDGET.chars / 1024 / 1024} MiB.`,
          'Simplify the overrides, or remove them.',
        );
      return out;
    }) as Handlebars.Template);
  }
  const load = (name: string) => hb.compile(readFileSync(new URL(name, TEMPLATES), 'utf8'), options);
  return { dockerfile: load('Dockerfile.hbs'), dockerignore: load('dockerignore.hbs') };
}

/** Collapses the blank lines that optional sections leave behind. */
function tidy(text: string): string {
  return `${text
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
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
    if (!Object.keys(overrides).length || isUserError(err)) throw err;
    throw new UserError(
      'E_UNREADABLE',
      `A template override in ${OVERRIDES_DIR}/ failed: ${shown((err as Error).message.split('\n')[0] ?? '', 100)}.`,
      `Fix the override (the plan's fields are those of --json), or remove it.`,
    );
  }
  return tidy(addLines(text, plan));
}

/** The user's additions that go at fixed points: build-stage packages after its FROM, instructions before the final USER. */
function addLines(text: string, plan: Plan): string {
  const lines = text.split('\n');
  const { buildPackages, buildPm } = sanitized(plan.custom);
  // Instructions keep their continuation lines: checked here to be exactly allowed instructions,
  // since the one-line sanitizing would cut their backslashes.
  const instructions = plan.custom.instructions;
  assertInstructions(instructions);
  if (buildPackages.length) {
    const at = lines.findIndex((l) => /^FROM \S+ AS build$/.test(l));
    const install =
      buildPm === 'apk'
        ? [`RUN apk add --no-cache ${buildPackages.join(' ')}`]
        : [
            'RUN apt-get update \\',
            ` && apt-get install -y --no-install-recommends ${buildPackages.join(' ')} \\`,
            ' && rm -rf /var/lib/apt/lists/*',
          ];
    if (at >= 0)
      lines.splice(
        at + 1,
        0,
        '# Packages added with --add-package build:<name> (saved in .slim-dockerfile.json).',
        ...install,
      );
  }
  if (instructions.length) {
    let at = -1;
    for (let i = lines.length - 1; i >= 0; i--)
      if (/^(?:USER|ENTRYPOINT) /.test(lines[i]!)) {
        at = i;
        if (lines[i]!.startsWith('USER')) break;
      }
    if (at >= 0)
      lines.splice(at, 0, '# Instructions from --instructions (saved in .slim-dockerfile.json).', ...instructions);
  }
  return lines.join('\n');
}

export function renderDockerignore(plan: Plan): string {
  env ??= setup();
  return tidy(env.dockerignore(sanitized(plan)));
}
