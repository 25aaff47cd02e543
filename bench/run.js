// Benchmarks that print numbers (medians of several runs); no pass/fail thresholds here.
//   npm run bench              all of them
//   npm run bench -- --no-docker   skip the layer-reuse builds
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { buildImage } from '../dist/docker.js';
import { generate } from '../dist/main.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(ROOT, 'bin', 'create-slim-dockerfile.js');
const RUNS = 7;
const args = process.argv.slice(2);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(1)} ms`;

async function time(fn, runs = RUNS) {
  const out = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return { median: median(out), min: Math.min(...out), max: Math.max(...out) };
}

/** A Go service with 100,000 files, most of them in folders the walk must skip. */
function synthetic(kind) {
  const dir = join(tmpdir(), `csd-bench-${kind}`);
  if (existsSync(join(dir, '.complete'))) return dir;
  mkdirSync(dir, { recursive: true });
  const put = (rel, text) => {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  put('go.mod', 'module example.com/big\n\ngo 1.22\n\nrequire github.com/google/uuid v1.6.0\n');
  put('go.sum', '');
  put(
    'cmd/big/main.go',
    'package main\n\nimport (\n\t"fmt"\n\t"net/http"\n)\n\nfunc main() { fmt.Println(http.StatusOK) }\n',
  );
  let n = 3;
  const fill = (prefix, count, ext, text) => {
    for (let i = 0; i < count; i++, n++) put(`${prefix}/d${i % 200}/f${i}${ext}`, text);
  };
  if (kind === '100k') {
    fill('internal', 1_000, '.go', 'package x\n\nimport "strings"\n\nvar _ = strings.ToUpper\n');
    fill('node_modules/pkg', 60_000, '.js', 'module.exports = 1;\n');
    fill('.git/objects', 15_000, '', 'x');
    fill('target/debug', 10_000, '.o', 'x');
    fill('vendor/github.com/x', 8_000, '.go', 'package x\n');
    fill('build/out', 5_997, '.txt', 'x');
  } else {
    // The worst case: 100,000 files the walk cannot skip (a huge monorepo of sources).
    fill('pkg', 100_000, '.go', 'package x\n\nimport "strings"\n\nvar _ = strings.ToUpper\n');
  }
  writeFileSync(join(dir, '.complete'), String(n));
  return dir;
}

async function pipeline() {
  console.log('\n## detect + resolve + plan + render (in process, median of %d)', RUNS);
  for (const kind of ['100k', 'worst']) {
    const t0 = performance.now();
    const dir = synthetic(kind);
    const made = performance.now() - t0;
    const first = await time(() => generate(dir), 1);
    const r = await time(() => generate(dir));
    const label =
      kind === '100k'
        ? '100,000 files (90% in node_modules, .git, target, vendor, build)'
        : '100,000 unskippable .go files (worst case)';
    console.log(
      `${label.padEnd(68)} median ${ms(r.median)} (min ${ms(r.min)}, max ${ms(r.max)}; first run ${ms(first.median)})${made > 1000 ? `  [fixture made in ${(made / 1000).toFixed(1)} s]` : ''}`,
    );
  }
  for (const name of readdirSync(join(ROOT, 'examples')).sort()) {
    const r = await time(() => generate(join(ROOT, 'examples', name)));
    console.log(`${`examples/${name}`.padEnd(68)} median ${ms(r.median)} (min ${ms(r.min)}, max ${ms(r.max)})`);
  }
}

/**
 * Crafted worst-case content, 1 MiB per file, for every pattern the readers apply: unterminated
 * comments, strings and argument lists, long runs of whitespace, repeated openings. A pattern
 * that backtracks shows here as seconds instead of milliseconds.
 */
const MiB = 1024 * 1024;
// Just under the 1 MiB a file may have, so that the readers really read it.
const fill1MiB = (unit) => unit.repeat(Math.ceil(MiB / unit.length)).slice(0, MiB - 8192);
const CRAFTED = {
  'Go: unterminated /* comments': {
    'go.mod': 'module m\ngo 1.22\n',
    'main.go': `package main\nfunc main(){}\n${fill1MiB('/* ')}`,
  },
  'Go: import ( without )': {
    'go.mod': 'module m\ngo 1.22\n',
    'main.go': 'package main\nfunc main(){}\n',
    'x.go': `package main\n${fill1MiB('import (\n')}`,
  },
  'Go: whitespace before package': {
    'go.mod': 'module m\ngo 1.22\n',
    'main.go': `${fill1MiB(' \n\t')}package main\nfunc main(){}\n`,
  },
  'Go: unterminated strings': {
    'go.mod': 'module m\ngo 1.22\n',
    'main.go': `package main\nimport "fmt"\nfunc main(){}\n${fill1MiB('"Getenv("PORT") ')}`,
  },
  'Go: go.mod of one long line': {
    'go.mod': `module m\ngo 1.22\nrequire ${fill1MiB('a')}\n`,
    'main.go': 'package main\nfunc main(){}\n',
  },
  'C: newlines and "int " runs (main detection)': {
    'main.c': `int main(void){return 0;}\n`,
    'x.c': fill1MiB('int \n\n  '),
  },
  'C: #include and getaddrinfo runs': { 'main.c': `int main(void){return 0;}\n${fill1MiB('#  include getaddrinfo ')}` },
  'Makefile: a line of spaces': {
    Makefile: `app: main.c\n\t$(CC) -o $@ main.c\n${fill1MiB(' ')}\n`,
    'main.c': 'int main(void){return 0;}\n',
  },
  'Makefile: "a:" and "a =" repeated': {
    Makefile: `${fill1MiB('a: b = c ')}\n`,
    'main.c': 'int main(void){return 0;}\n',
  },
  'Makefile: backslash continuations': {
    Makefile: `app: main.c\n\t$(CC) -o $@ main.c\nX = ${fill1MiB('-lz \\\n')}\n`,
    'main.c': 'int main(void){return 0;}\n',
  },
  'CMake: add_executable( without )': {
    'CMakeLists.txt': `project(x C)\nadd_executable(app main.c)\n${fill1MiB('add_executable( target_link_libraries(')}`,
    'main.c': 'int main(void){return 0;}\n',
  },
  'CMake: unterminated #[[ and "': {
    'CMakeLists.txt': `project(x C)\nadd_executable(app main.c)\nset(A "${fill1MiB('#[[ "')}`,
    'main.c': 'int main(void){return 0;}\n',
  },
  'Autotools: bin_PROGRAMS and newlines': {
    'configure.ac': `AC_INIT([x],[1])\n${fill1MiB('PKG_CHECK_MODULES([A], [ AC_CHECK_LIB([')}`,
    'Makefile.am': `bin_PROGRAMS = app\n${fill1MiB('\n   bin_PROGRAMS')}`,
    'main.c': 'int main(void){return 0;}\n',
  },
  "Meson: executable(' repeated": {
    'meson.build': `project('x','c')\nexecutable('app', 'main.c')\n${fill1MiB("executable(' dependency('")}`,
    'main.c': 'int main(void){return 0;}\n',
  },
};

async function crafted() {
  console.log('\n## Crafted worst-case content, 1 MiB per file (generate, median of 3)');
  for (const [label, files] of Object.entries(CRAFTED)) {
    const dir = mkdtempSync(join(tmpdir(), 'csd-bench-crafted-'));
    for (const [rel, text] of Object.entries(files)) writeFileSync(join(dir, rel), text);
    let outcome = 'generated';
    const r = await time(
      () =>
        generate(dir).catch((e) => {
          outcome = `refused (${e.code ?? e.message})`;
        }),
      3,
    );
    console.log(`${label.padEnd(48)} median ${ms(r.median)} (max ${ms(r.max)}); ${outcome}`);
  }
}

function coldStart() {
  console.log('\n## CLI cold start (a new node process each run, median of %d)', RUNS);
  const dir = join(ROOT, 'examples', 'go-net');
  for (const [label, argv] of [
    ['--help', ['--help']],
    ['--stdout on examples/go-net', [dir, '--stdout']],
  ]) {
    const xs = [];
    for (let i = 0; i < RUNS + 1; i++) {
      const t = performance.now();
      const r = spawnSync(process.execPath, [BIN, ...argv], { stdio: 'pipe' });
      if (r.status !== 0) throw new Error(`${label} failed: ${r.stderr}`);
      if (i > 0) xs.push(performance.now() - t);
    }
    console.log(
      `${label.padEnd(68)} median ${ms(median(xs))} (min ${ms(Math.min(...xs))}, max ${ms(Math.max(...xs))})`,
    );
  }
}

/** After a one-line source change, is the dependency step a cache hit? */
async function layerReuse() {
  console.log('\n## Layer reuse after a one-line source change');
  if (args.includes('--no-docker')) {
    console.log('skipped (--no-docker)');
    return;
  }
  const docker = process.env.DOCKER || 'docker';
  if (spawnSync(docker, ['info'], { stdio: 'ignore' }).status !== 0) {
    console.log(`!! SKIPPED: no Docker engine answers to "${docker} info" (set $DOCKER, or start one)`);
    return;
  }
  const cases = [
    ['Go', 'go-net', 'main.go', /go mod download/],
    ['C (make)', 'c-make', 'greet.c', /apt-get install/],
    ['C++ (CMake)', 'cpp-cmake', 'main.cpp', /apt-get install/],
  ];
  for (const [lang, example, file, depStep] of cases) {
    const dir = mkdtempSync(join(tmpdir(), `csd-bench-${example}-`));
    cpSync(join(ROOT, 'examples', example), dir, { recursive: true, filter: (s) => !s.includes('/expected') });
    const g = await generate(dir);
    writeFileSync(join(dir, 'Dockerfile'), g.files[0].content);
    writeFileSync(join(dir, '.dockerignore'), g.files[1].content);
    const tag = `csd-bench-${example}`;
    const first = await buildImage(dir, { tag });
    // The one-line change: a comment, so the program stays the same.
    writeFileSync(join(dir, file), `${readFileSync(join(dir, file), 'utf8')}/* changed ${Date.now()} */\n`);
    const second = await buildImage(dir, { tag });
    const hit = second.cachedSteps.some((s) => depStep.test(s));
    console.log(
      `${lang.padEnd(12)} dependency step ${hit ? 'CACHED' : 'REBUILT'}; ${second.cached}/${second.steps} steps cached; rebuild ${second.seconds.toFixed(1)} s (first build ${first.seconds.toFixed(1)} s)`,
    );
  }
}

console.log(`create-slim-dockerfile benchmarks, node ${process.version}, ${new Date().toISOString()}`);
await pipeline();
await crafted();
coldStart();
await layerReuse();
