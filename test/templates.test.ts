import { describe, expect, test } from '@jest/globals';
import Handlebars from 'handlebars';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, isUserError, type Plan } from '../src/index.js';
import { runtimesFor } from '../src/runtimes/index.js';
import { exampleCopy, langOf, setupOf } from './example-setup.js';

/**
 * Every variable a template reads exists in the plans it is rendered with. Handlebars' strict mode
 * does not look into helper arguments, so `{{#if build.vars.cgo}}` with a misspelt key would drop a
 * block without a word: here each template's paths are read from its syntax tree and held against
 * the plan of every example and runtime that renders it. A language's stage variables are an
 * interface whose keys are all required, so a plan always carries every key, false or empty when
 * it does not apply.
 */
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TEMPLATES = join(ROOT, 'templates');
const EXAMPLES = join(ROOT, 'examples');

/** The paths a template reads from its root context (not those inside #each, which are relative to an item). */
function rootPaths(text: string): string[] {
  const out = new Set<string>();
  const visit = (node: unknown, inEach: boolean): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const n of node) visit(n, inEach);
      return;
    }
    const n = node as {
      type?: string;
      original?: unknown;
      data?: boolean;
      depth?: number;
      path?: { original?: string };
    };
    if (n.type === 'PathExpression' && typeof n.original === 'string' && !n.data && n.depth === 0 && !inEach) {
      if (n.original.includes('.') || !['this', 'name'].includes(n.original)) out.add(n.original);
    }
    const each = n.type === 'BlockStatement' && n.path?.original === 'each';
    for (const [k, v] of Object.entries(node)) {
      // A partial's name is no path of the plan.
      if (k === 'loc' || (k === 'name' && (n.type === 'PartialStatement' || n.type === 'PartialBlockStatement')))
        continue;
      // The block's own argument is in the outer context; its body is per item.
      visit(v, inEach || (each && k === 'program'));
    }
  };
  visit(Handlebars.parse(text), false);
  return [...out].filter(
    (p) => !['exec', 'concat', 'eq', 'join', 'langLabel', 'if', 'unless', 'each', 'with'].includes(p),
  );
}

function has(plan: unknown, path: string): boolean {
  let v: unknown = plan;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, part)) return false;
    v = (v as Record<string, unknown>)[part];
  }
  return true;
}

const plans: Plan[] = [];
const cases = readdirSync(EXAMPLES)
  .filter((d) => existsSync(join(EXAMPLES, d, 'expected', 'output.txt')))
  .sort();

describe('templates read only what the plan has', () => {
  test('plans of every example on every runtime', async () => {
    for (const name of cases) {
      const setup = setupOf(join(EXAMPLES, name));
      const dir =
        setup.cargoLock || setup.files || setup.pyLocks || setup.skeletons
          ? exampleCopy(join(EXAMPLES, name), name, 'skeleton')
          : join(EXAMPLES, name);
      for (const runtime of runtimesFor(langOf(name))) {
        try {
          plans.push((await generate(dir, { runtime })).plan);
        } catch (e) {
          if (!isUserError(e)) throw e;
        }
      }
    }
    expect(plans.length).toBeGreaterThan(100);
  });

  const partials = ['build', 'run', 'shared'].flatMap((dir) =>
    readdirSync(join(TEMPLATES, 'partials', dir)).map((f) => ({
      name: `${dir}/${f.slice(0, -4)}`,
      file: join(TEMPLATES, 'partials', dir, f),
    })),
  );
  const roots = ['Dockerfile.hbs', 'dockerignore.hbs'].map((f) => ({ name: f, file: join(TEMPLATES, f) }));
  test.each([...roots, ...partials].map((t) => [t.name, t.file]))('%s', (name, file) => {
    const paths = rootPaths(readFileSync(file, 'utf8'));
    // A build partial renders for the plans of its language; the others for every plan.
    const own =
      name.startsWith('build/') && !name.startsWith('build/_')
        ? plans.filter((p) => p.build.partial === name.slice(6))
        : plans;
    expect(own.length).toBeGreaterThan(0);
    const missing = new Set<string>();
    for (const plan of own)
      for (const p of paths) if (!has(plan, p)) missing.add(`${p} (${plan.lang}, ${plan.runtime})`);
    expect([...missing].slice(0, 10)).toEqual([]);
  });
});
