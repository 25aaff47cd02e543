import { describe, expect, test } from '@jest/globals';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, isUserError } from '../src/index.js';
import { runtimesFor } from '../src/runtimes/index.js';
import { exampleCopy, langOf, setupOf } from './example-setup.js';
import { assertShape } from './shape.js';

/**
 * Golden files: every example rendered for every runtime, compared with
 * examples/<case>/expected/<runtime>/{Dockerfile,plan.json} or refused.txt. plan.json is the
 * plan as --json prints it (without the files), so a changed decision shows in review even when
 * the Dockerfile stays the same. The .dockerignore is the same on most runtimes: the example's
 * is expected/.dockerignore (its default runtime's), and a runtime has its own only where it differs.
 * UPDATE_GOLDEN=1 (npm run golden:update) rewrites them for review in the diff.
 */
const EXAMPLES = fileURLToPath(new URL('../examples/', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const cases = readdirSync(EXAMPLES)
  .filter((d) => existsSync(join(EXAMPLES, d, 'expected', 'output.txt')))
  .sort();

function golden(path: string, actual: string): void {
  if (UPDATE) {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  expect(existsSync(path) ? readFileSync(path, 'utf8') : `(missing ${path}: run npm run golden:update)`).toBe(actual);
}

test('every example has expectations', () => {
  expect(cases.sort()).toEqual(readdirSync(EXAMPLES).sort());
  expect(cases.length).toBeGreaterThanOrEqual(8);
});

describe.each(cases)('%s', (name) => {
  const expected = join(EXAMPLES, name, 'expected');
  // Examples whose Cargo.lock is made at test time are generated from a copy with the lock's skeleton.
  const setup = setupOf(join(EXAMPLES, name));
  const dir =
    setup.cargoLock || setup.files || setup.pyLocks || setup.skeletons
      ? exampleCopy(join(EXAMPLES, name), name, 'skeleton')
      : join(EXAMPLES, name);

  test('default runtime and refusals', async () => {
    const g = await generate(dir);
    const summary = { default: g.plan.runtime, refused: g.plan.options.filter((o) => !o.ok).map((o) => o.runtime) };
    golden(join(expected, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    golden(join(expected, '.dockerignore'), g.files[1]!.content);
  });

  test.each(runtimesFor(langOf(name)).map((r) => [r]))('%s', async (runtime) => {
    const out = join(expected, runtime);
    let g;
    try {
      g = await generate(dir, { runtime });
    } catch (e) {
      if (!isUserError(e)) throw e;
      expect(e.code).toBe('E_REFUSED');
      if (UPDATE) rmSync(out, { recursive: true, force: true });
      golden(join(out, 'refused.txt'), `${e.message}\nfix: ${e.hint}\n`);
      return;
    }
    if (UPDATE) rmSync(join(out, 'refused.txt'), { force: true });
    golden(join(out, 'Dockerfile'), g.files[0]!.content);
    golden(join(out, 'plan.json'), `${JSON.stringify(g.plan, null, 2)}\n`);
    const ignore = g.files[1]!.content;
    const own = join(out, '.dockerignore');
    const shared = readFileSync(join(expected, '.dockerignore'), 'utf8');
    if (ignore !== shared) golden(own, ignore);
    else if (UPDATE) rmSync(own, { force: true });
    // A runtime's own .dockerignore exists only where it differs from the example's.
    else
      expect(existsSync(own) ? `${own} repeats expected/.dockerignore: npm run golden:update` : 'no own copy').toBe(
        'no own copy',
      );
    assertShape(g.files[0]!.content, g.plan);
  });
});

test('--syntax adds the directive, and only then', async () => {
  const g = await generate(join(EXAMPLES, 'go-hello'), { syntax: true });
  expect(g.files[0]!.content.split('\n')[0]).toBe('# syntax=docker/dockerfile:1');
  assertShape(g.files[0]!.content, g.plan);
});

test('the README shows the go-net Dockerfile exactly as generated', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const shown = /For `examples\/go-net`[\s\S]*?```dockerfile\n([\s\S]*?)\n```/.exec(readme)?.[1];
  const golden = readFileSync(join(EXAMPLES, 'go-net', 'expected', 'scratch', 'Dockerfile'), 'utf8');
  expect(shown).toBe(golden.slice(golden.indexOf('ARG ')).trimEnd());
});
