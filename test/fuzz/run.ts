import { afterAll, describe, test } from '@jest/globals';
import fc from 'fast-check';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { generate, isUserError, UserError, type LangId, type Plan } from '../../src/index.js';
import { expected, keywords } from '../plan-check.js';
import { PROJECTS } from './manifests.js';
import type { Case, Files } from './pool.js';

/**
 * The fuzz step: FUZZ_RUNS generated projects per language (10,000 by default) through
 * generate(), in-process. Each case must either be refused with a typed UserError, or give a
 * Dockerfile whose instructions are exactly those of its plan made harmless (no instruction
 * from anywhere but the templates), a .dockerignore of the plan's lines, no control character
 * but LF in either, and all of it within 2 s. Any other outcome is a finding: every case runs,
 * findings are grouped by kind, each group is shrunk to a small project, and the run fails
 * listing them (or, for the ones in KNOWN_FINDINGS, says loudly that they are still there).
 *
 * generate() runs in this process, from src/. A run that never ends cannot be interrupted from
 * its own thread: a watchdog thread prints the case and stops the process after FUZZ_HANG_MS.
 * With FUZZ_ISOLATE=1, generate() runs instead in a worker thread over the built bundle
 * (npm run build first), which is stopped and replaced after FUZZ_HANG_MS, so that one run of
 * a whole fuzz step reports every finding, the hangs among them.
 *
 * Environment: FUZZ_RUNS (cases per language), FUZZ_SEED (replay a run), FUZZ_SHRINK_MS (time
 * to shrink each finding, default 30 s), FUZZ_OUT (folder for the JSON report, default the
 * system's temporary folder), FUZZ_HANG_MS (a run this long is stopped, default 10 s),
 * FUZZ_ISOLATE.
 */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
export const LIMIT_MS = 2000;
const SHRINK_MS = Number(process.env.FUZZ_SHRINK_MS ?? 30_000);
const ISOLATE = process.env.FUZZ_ISOLATE === '1';
const HANG_MS = Number(process.env.FUZZ_HANG_MS ?? 10_000);
const OUT = process.env.FUZZ_OUT ?? join(tmpdir(), 'csd-fuzz');
/** At most this many kinds of finding are shrunk per language (the others are listed as found). */
const MAX_SHRUNK = 8;

/** Any line break other than LF, and any control character other than LF (as the property test). */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * Findings known and not fixed yet, listed here only so that a run can pass while they are being
 * fixed: each one that shows is still counted and printed at the end of every run. Empty: every
 * finding fails the run.
 */
export const KNOWN_FINDINGS: { lang: LangId | '*'; signature: RegExp; note: string }[] = [];

interface Outcome {
  kind: 'generated' | 'refused' | 'finding';
  code?: string;
  why?: string;
  ms: number;
  lang?: LangId;
  signature?: string;
  detail?: string;
}
interface Finding {
  signature: string;
  count: number;
  index: number;
  detail: string;
  case: Case;
  minimal?: { case: Case; detail: string; shrinks: string };
  known?: string;
}
interface Stats {
  lang: LangId;
  runs: number;
  generated: number;
  refused: Record<string, number>;
  resolvedAs: Record<string, number>;
  /** Refusals by code and message (values left out): how deep the cases get. */
  reasons: Record<string, number>;
  slowest: { ms: number; outcome: string };
  findings: Map<string, Finding>;
  seconds: number;
  seed: number;
  /** Seconds spent running the cases, and in those of them that were findings (hangs, slow runs timed again). */
  casesSeconds: number;
  findingSeconds: number;
  /** CPU seconds of the whole language's test (this process and its threads): the measure on a busy machine. */
  cpuSeconds: number;
}

const seedFor = (lang: LangId) =>
  process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : (Date.now() ^ (lang.length * 7919)) >>> 0;

/** Writes a case's files into a fresh folder; returns the files really written (a path may clash with another's folder). */
function writeCase(dir: string, files: Files): Files {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const written: Files = {};
  for (const [rel, text] of Object.entries(files)) {
    try {
      if (rel.endsWith('/')) mkdirSync(join(dir, rel), { recursive: true });
      else {
        if (rel.includes('/')) mkdirSync(dirname(join(dir, rel)), { recursive: true });
        writeFileSync(join(dir, rel), text);
      }
      written[rel] = text;
    } catch {
      /* a file under a name that is another file, or the reverse: not part of this case */
    }
  }
  return written;
}

/** A crash's kind: the error's class, the first frame in src/, the message without its values. */
function crashSignature(e: unknown): string {
  if (!(e instanceof Error)) return `crash: thrown ${typeof e}: ${String(e).slice(0, 60)}`;
  const frame = (e.stack ?? '')
    .split('\n')
    .map((l) => /\/(src\/[\w/.-]+\.ts):(\d+)/.exec(l))
    .find((m) => m);
  // A pattern made from a value fails in more than one way (unterminated class, range out of order): one kind.
  const msg = e.message.startsWith('Invalid regular expression')
    ? 'Invalid regular expression'
    : e.message.replace(/"[^"]*"|`[^`]*`/g, '"…"').replace(/\d+/g, 'N');
  return `crash: ${e.name}: ${msg.slice(0, 100)}${frame ? ` (at ${frame[1]}:${frame[2]})` : ''}`;
}

/** A stack frame with its file's path from the project's folder on (src/, dist/, node_modules/). */
function shortFrame(frame: string): string {
  const at = frame.search(/\/(?:src|dist|node_modules)\//);
  if (at < 0) return frame;
  const open = frame.lastIndexOf('(', at);
  const name = open >= 0 ? frame.slice(0, open) : '';
  return `${name}(${frame.slice(at + 1).replace(/\)$/, '')})`;
}

/** An error's message and its first frames, written so that no reporter takes them for its own stack. */
function stackOf(e: Error): string {
  const frames = (e.stack ?? '')
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .slice(0, 6)
    .map((l) => shortFrame(l.trim().replace(/^at /, '')));
  return `${e.name}: ${e.message.slice(0, 300)}\n  in ${frames.join('\n  ← ')}`;
}

/** Shows a string with its long runs folded, so that a reproduction stays readable. */
export function showString(s: string): string {
  const parts: string[] = [];
  for (const m of s.matchAll(/((.{1,2}?)\2{19,})|((?:(?!(.{1,2}?)\4{19})[\s\S])+)/gsu)) {
    if (m[1] !== undefined) parts.push(`${JSON.stringify(m[2])}.repeat(${m[1].length / m[2]!.length})`);
    else parts.push(JSON.stringify(m[3]));
  }
  return parts.join(' + ') || '""';
}
export function showCase(c: Case): string {
  const files = Object.entries(c.files)
    .map(([k, x]) => `    ${JSON.stringify(k)}: ${showString(x)},`)
    .join('\n');
  const opts = Object.entries(c.options)
    .map(([k, x]) => `${k}: ${typeof x === 'string' ? showString(x) : JSON.stringify(x)}`)
    .join(', ');
  return `  files: {\n${files}\n  },\n  options: { ${opts} },`;
}

/** Stops the whole run when one case never ends: a busy regular expression cannot be interrupted from its own thread. */
class Watchdog {
  private readonly beat = new Int32Array(new SharedArrayBuffer(8));
  private readonly worker: Worker;
  constructor(
    private readonly caseFile: string,
    lang: LangId,
    base: string,
  ) {
    this.worker = new Worker(
      `
      const { workerData } = require('node:worker_threads');
      const fs = require('node:fs');
      const a = new Int32Array(workerData.sab);
      let last = -1, since = Date.now();
      setInterval(() => {
        const n = Atomics.load(a, 0);
        if (n !== last || Atomics.load(a, 1) === 0) { last = n; since = Date.now(); return; }
        if (Date.now() - since < workerData.hangMs) return;
        let text = '';
        try { text = fs.readFileSync(workerData.caseFile, 'utf8'); } catch {}
        const report = '\\nFUZZ FINDING (' + workerData.lang + '): a run did not end within ' + workerData.hangMs + ' ms; the fuzz step is stopped here (replay: FUZZ_ISOLATE=1 reports every finding). The case, also in ' + workerData.report + ':\\n' + text + '\\n';
        try { fs.mkdirSync(workerData.out, { recursive: true }); fs.writeFileSync(workerData.report, report); } catch {}
        try { fs.rmSync(workerData.base, { recursive: true, force: true }); } catch {}
        // Straight to the file descriptor: the main thread, which would relay a worker's stderr, is the one stuck.
        try { fs.writeSync(2, report); } catch {}
        process.kill(process.pid, 'SIGKILL');
      }, 1000);
    `,
      {
        eval: true,
        workerData: {
          sab: this.beat.buffer,
          caseFile,
          hangMs: HANG_MS,
          lang,
          base,
          out: OUT,
          report: join(OUT, `hang-${lang}.txt`),
        },
      },
    );
    this.worker.unref();
  }
  begin(c: Case): void {
    try {
      writeFileSync(this.caseFile, JSON.stringify(c));
    } catch {
      /* the report then has no case */
    }
    Atomics.add(this.beat, 0, 1);
    Atomics.store(this.beat, 1, 1);
  }
  end(): void {
    Atomics.store(this.beat, 1, 0);
  }
  stop(): Promise<number> {
    return this.worker.terminate();
  }
}

/** What one call of generate() gave: the plan and files, or what it threw (a UserError has a code), or nothing in time. */
type Result = { ms: number } & ({ g: { plan: Plan; files: { content: string }[] } } | { e: unknown } | { hung: true });
type Exec = (dir: string, c: Case) => Promise<Result>;

/**
 * The time of a run: its wall time, or its CPU time when that is less (a machine busier than
 * its cores leaves a run waiting for one; the reader is not slower for it).
 */
function startClock(): () => number {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return Math.min(performance.now() - wall, (used.user + used.system) / 1000);
  };
}

/** generate() in this process, watched. */
function inProcess(dog: Watchdog): Exec {
  return async (dir, c) => {
    dog.begin(c);
    const clock = startClock();
    try {
      const g = await generate(dir, { ...c.options });
      return { g, ms: clock() };
    } catch (e) {
      return { e, ms: clock() };
    } finally {
      dog.end();
    }
  };
}

/** An error as it crosses from the worker: a UserError keeps its code. */
class Remote extends Error {
  constructor(
    name: string,
    message: string,
    stack: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = name;
    this.stack = stack;
  }
}

/** generate() from the built bundle in a worker thread, replaced when a run passes HANG_MS. */
class Isolated {
  hangMs = HANG_MS;
  private worker: Worker | undefined;
  private next = 0;
  private start(): Worker {
    const bundle = new URL('../../dist/main.js', import.meta.url);
    if (!existsSync(bundle)) throw new Error('FUZZ_ISOLATE=1 runs the built bundle: run npm run build first');
    const w = new Worker(
      `
      const { parentPort } = require('node:worker_threads');
      const ready = import(${JSON.stringify(bundle.href)});
      parentPort.on('message', async ({ id, dir, options }) => {
        const { generate, isUserError } = await ready;
        const start = performance.now();
        const cpu = process.cpuUsage();
        const took = () => { const u = process.cpuUsage(cpu); return Math.min(performance.now() - start, (u.user + u.system) / 1000); };
        try {
          const g = await generate(dir, options);
          const ms = took();
          try { parentPort.postMessage({ id, ms, plan: g.plan, files: g.files.map((f) => ({ content: f.content })) }); }
          catch (e) { parentPort.postMessage({ id, ms, error: { name: 'DataCloneError', message: 'the plan cannot be copied: ' + e.message, stack: '' } }); }
        } catch (e) {
          const ms = took();
          parentPort.postMessage({ id, ms, error: { user: isUserError(e), code: e && e.code, name: e && e.name, message: String(e && e.message), stack: String(e && e.stack) } });
        }
      });
    `,
      { eval: true },
    );
    w.unref();
    return w;
  }
  readonly exec: Exec = (dir, c) => {
    const w = (this.worker ??= this.start());
    const id = this.next++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        w.off('message', on);
        void w.terminate();
        this.worker = undefined;
        resolve({ hung: true, ms: this.hangMs });
      }, this.hangMs);
      const on = (m: {
        id: number;
        ms: number;
        plan?: Plan;
        files?: { content: string }[];
        error?: { user: boolean; code?: string; name: string; message: string; stack: string };
      }) => {
        if (m.id !== id) return;
        clearTimeout(timer);
        w.off('message', on);
        if (m.error)
          resolve({
            ms: m.ms,
            e: m.error.user
              ? new UserError(m.error.code as never, m.error.message)
              : new Remote(m.error.name, m.error.message, m.error.stack),
          });
        else resolve({ ms: m.ms, g: { plan: m.plan!, files: m.files! } });
      };
      w.on('message', on);
      w.postMessage({ id, dir, options: c.options });
    });
  };
  stop(): Promise<number> | undefined {
    return this.worker?.terminate();
  }
}

/** One case: its outcome, and the kind of finding when it is one. */
async function runCase(dir: string, c: Case, exec: Exec): Promise<Outcome> {
  writeCase(dir, c.files);
  const once = () => exec(dir, c);
  let r = await once();
  if ('hung' in r)
    return {
      kind: 'finding',
      ms: r.ms,
      signature: `hang: a run did not end within ${Math.round(r.ms)} ms`,
      detail: 'stopped (FUZZ_ISOLATE)',
    };
  if (r.ms > LIMIT_MS) {
    // The machine may be busy: a run over the limit is timed twice more, and the fastest counts.
    for (let i = 0; i < 2 && r.ms > LIMIT_MS; i++) {
      const again = await once();
      if (again.ms < r.ms && !('hung' in again)) r = again;
    }
    if (r.ms > LIMIT_MS)
      return {
        kind: 'finding',
        ms: r.ms,
        signature: `slow: a run took more than ${LIMIT_MS} ms`,
        detail: `${Math.round(r.ms)} ms (the fastest of three runs)`,
      };
  }
  const { ms } = r;
  if ('hung' in r)
    return {
      kind: 'finding',
      ms,
      signature: `hang: a run did not end within ${Math.round(ms)} ms`,
      detail: 'stopped (FUZZ_ISOLATE)',
    };
  if ('e' in r) {
    if (isUserError(r.e))
      return {
        kind: 'refused',
        code: r.e.code,
        why: `${r.e.code} ${r.e.message.replace(/"[^"]*"|\d+/g, '…').slice(0, 70)}`,
        ms,
      };
    const e = r.e;
    return { kind: 'finding', ms, signature: crashSignature(e), detail: e instanceof Error ? stackOf(e) : String(e) };
  }
  const g = r.g;
  const dockerfile = g.files[0]!.content;
  const ignore = g.files[1]!.content;
  for (const [name, text] of [
    ['Dockerfile', dockerfile],
    ['.dockerignore', ignore],
  ] as const) {
    const bad = UNSAFE.exec(text);
    if (bad) {
      const at = text.slice(0, bad.index).split('\n').length;
      return {
        kind: 'finding',
        ms,
        signature: `unsafe: U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')} in the ${name}`,
        detail: `line ${at}: ${JSON.stringify(text.split('\n')[at - 1])}`,
      };
    }
  }
  let want: ReturnType<typeof expected>;
  try {
    want = expected(g.plan);
  } catch (e) {
    return {
      kind: 'finding',
      ms,
      signature: `oracle: the harmless plan does not render (${crashSignature(e)})`,
      detail: String(e),
    };
  }
  const got = keywords(dockerfile);
  if (got.join(' ') !== want.keywords.join(' ')) {
    let i = 0;
    while (i < got.length && got[i] === want.keywords[i]) i++;
    return {
      kind: 'finding',
      ms,
      signature: `instructions: ${got[i] ?? '(end)'} where the templates have ${want.keywords[i] ?? '(end)'}`,
      detail: `got ${got.join(' ')}\nwant ${want.keywords.join(' ')}\n--- Dockerfile ---\n${dockerfile}`,
    };
  }
  const lines = ignore.split('\n').length;
  if (lines !== want.ignoreLines)
    return {
      kind: 'finding',
      ms,
      signature: ".dockerignore: not the plan's lines",
      detail: `${lines} lines, the plan makes ${want.ignoreLines}\n${ignore}`,
    };
  return { kind: 'generated', ms, lang: g.plan.lang };
}

/** Findings that are the same problem: too slow and never ending are one. */
const family = (signature: string) => (/^(?:slow|hang):/.test(signature) ? 'time' : signature);

/** A smaller case that still shows the finding: fewer files, options, lines, and shorter runs. */
async function reduce(c: Case, still: (c: Case) => Promise<boolean>, deadline: number): Promise<Case> {
  const time = () => performance.now() < deadline;
  let best = c;
  const attempt = async (x: Case) => {
    if (time() && (await still(x))) {
      best = x;
      return true;
    }
    return false;
  };
  for (const k of Object.keys(best.files)) {
    const files = { ...best.files };
    delete files[k];
    await attempt({ ...best, files });
  }
  for (const k of Object.keys(best.options)) {
    const options: Record<string, unknown> = { ...best.options };
    delete options[k];
    await attempt({ ...best, options });
  }
  for (const k of Object.keys(best.files)) {
    // Chunks of lines, halving: ddmin's first passes.
    for (
      let size = Math.ceil(best.files[k]!.split('\n').length / 2);
      size >= 1 && time();
      size = size === 1 ? 0 : Math.ceil(size / 2)
    ) {
      for (let at = 0; time();) {
        const ls = best.files[k]!.split('\n');
        if (at >= ls.length) break;
        if (
          !(await attempt({
            ...best,
            files: { ...best.files, [k]: [...ls.slice(0, at), ...ls.slice(at + size)].join('\n') },
          }))
        )
          at += size;
      }
    }
    // Runs of one unit: as short as they can be.
    for (let again = true; again && time();) {
      again = false;
      for (const m of best.files[k]!.matchAll(/(.{1,2}?)\1{7,}/gs)) {
        const text = best.files[k]!;
        if (!text.includes(m[0])) continue;
        const half = m[1]!.repeat(Math.ceil(m[0].length / m[1]!.length / 2));
        if (await attempt({ ...best, files: { ...best.files, [k]: text.replace(m[0], half) } })) {
          again = true;
          break;
        }
      }
    }
  }
  return best;
}

const known = (lang: LangId, signature: string) =>
  KNOWN_FINDINGS.find((k) => (k.lang === '*' || k.lang === lang) && k.signature.test(signature));

/** The fuzz tests of some languages (one file each on its own core). */
export function fuzzLanguages(langs: LangId[]): void {
  const base = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'csd-fuzz-'));
  const all: Stats[] = [];

  describe(`fuzz: ${RUNS} generated projects per language`, () => {
    afterAll(() => {
      process.stdout.write(report(all));
      try {
        mkdirSync(OUT, { recursive: true });
        for (const s of all)
          writeFileSync(
            join(OUT, `fuzz-${s.lang}.json`),
            JSON.stringify({ ...s, findings: [...s.findings.values()] }, null, 2),
          );
      } catch {
        /* the printed report is the record */
      }
      rmSync(base, { recursive: true, force: true });
    });

    test.each(langs)(
      '%s',
      async (lang) => {
        const dir = join(base, lang, 'project');
        const dog = new Watchdog(join(base, `${lang}.case.json`), lang, base);
        const isolated = ISOLATE ? new Isolated() : undefined;
        const exec = isolated?.exec ?? inProcess(dog);
        const arb = PROJECTS[lang];
        const seed = seedFor(lang);
        const stats: Stats = {
          lang,
          runs: 0,
          generated: 0,
          refused: {},
          resolvedAs: {},
          reasons: {},
          casesSeconds: 0,
          findingSeconds: 0,
          cpuSeconds: 0,
          slowest: { ms: 0, outcome: '' },
          findings: new Map(),
          seconds: 0,
          seed,
        };
        all.push(stats);
        const started = performance.now();
        const cpuStart = process.cpuUsage();
        try {
          await fc.assert(
            fc.asyncProperty(arb, async (c) => {
              const index = stats.runs++;
              const t0 = performance.now();
              const o = await runCase(dir, c, exec);
              if (o.kind === 'finding') stats.findingSeconds += (performance.now() - t0) / 1000;
              if (o.ms > stats.slowest.ms)
                stats.slowest = {
                  ms: o.ms,
                  outcome:
                    o.kind === 'refused'
                      ? `refused (${o.code})`
                      : o.kind === 'generated'
                        ? `generated (${o.lang})`
                        : o.signature!,
                };
              if (o.kind === 'generated') {
                stats.generated++;
                stats.resolvedAs[o.lang!] = (stats.resolvedAs[o.lang!] ?? 0) + 1;
              } else if (o.kind === 'refused') {
                stats.refused[o.code!] = (stats.refused[o.code!] ?? 0) + 1;
                stats.reasons[o.why!] = (stats.reasons[o.why!] ?? 0) + 1;
              } else {
                const f = stats.findings.get(o.signature!);
                if (f) f.count++;
                else
                  stats.findings.set(o.signature!, {
                    signature: o.signature!,
                    count: 1,
                    index,
                    detail: o.detail!,
                    case: c,
                    known: known(lang, o.signature!)?.note,
                  });
              }
              return true;
            }),
            { numRuns: RUNS, seed },
          );
          stats.casesSeconds = (performance.now() - started) / 1000;
          // Each kind of finding, shrunk from the first case that showed it to a small project: by
          // fast-check within the generators, then file by file, line by line and run by run.
          if (isolated) isolated.hangMs = Math.max(2 * LIMIT_MS, 4000);
          for (const f of [...stats.findings.values()].slice(0, MAX_SHRUNK)) {
            const deadline = performance.now() + SHRINK_MS;
            const same = async (c: Case) => {
              const o = await runCase(dir, c, exec);
              return o.signature !== undefined && family(o.signature) === family(f.signature) ? o : undefined;
            };
            const details = await fc.check(
              fc.asyncProperty(arb, async (c) => !(await same(c))),
              { seed, path: String(f.index), numRuns: RUNS, plugins: [fc.interruptAfterTimeLimit(SHRINK_MS / 2)] },
            );
            const start = (details.counterexample as [Case] | null)?.[0] ?? f.case;
            const c = await reduce(start, async (x) => !!(await same(x)), deadline);
            const o = await same(c);
            if (o)
              f.minimal = {
                case: c,
                detail: `${o.signature}: ${o.detail}`,
                shrinks: `${details.numShrinks} shrinks, then reduced${performance.now() > deadline ? ' (stopped after the time limit)' : ''}`,
              };
          }
        } finally {
          stats.seconds = (performance.now() - started) / 1000;
          const cpu = process.cpuUsage(cpuStart);
          stats.cpuSeconds = (cpu.user + cpu.system) / 1e6;
          await dog.stop();
          await isolated?.stop();
        }
        const open = [...stats.findings.values()].filter((f) => !f.known);
        if (open.length)
          throw new Error(
            `${lang}: ${open.length} kind${open.length > 1 ? 's' : ''} of finding in ${stats.runs} cases (seed ${seed}):\n${open.map((f) => describeFinding(f)).join('\n')}`,
          );
      },
      60 * 60 * 1000,
    );
  });
}

function describeFinding(f: Finding): string {
  const c = f.minimal?.case ?? f.case;
  return `- ${f.signature} (${f.count} case${f.count > 1 ? 's' : ''}${f.known ? `; KNOWN: ${f.known}` : ''})\n  ${(f.minimal?.detail ?? f.detail).split('\n').slice(0, 6).join('\n  ')}\n  ${f.minimal ? `smallest case found (${f.minimal.shrinks})` : 'first case'}:\n${showCase(c)}\n`;
}

function report(all: Stats[]): string {
  const rows = all.map((s) => {
    const refused =
      Object.entries(s.refused)
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${k} ${n}`)
        .join(', ') || 'none';
    const other = Object.entries(s.resolvedAs)
      .filter(([l]) => l !== s.lang)
      .map(([l, n]) => `${l} ${n}`)
      .join(', ');
    const findings = [...s.findings.values()].reduce((n, f) => n + f.count, 0);
    const time = `${s.seconds.toFixed(0)} s, CPU ${s.cpuSeconds.toFixed(0)} s (cases ${s.casesSeconds.toFixed(0)} s${s.findingSeconds >= 1 ? `, of which ${s.findingSeconds.toFixed(0)} s in findings` : ''}${s.seconds - s.casesSeconds >= 1 ? `; shrinking ${(s.seconds - s.casesSeconds).toFixed(0)} s` : ''})`;
    return `  ${s.lang.padEnd(6)} ${String(s.runs).padStart(6)} cases in ${time}, seed ${s.seed}: ${s.generated} generated${other ? ` (read as ${other})` : ''}, ${s.runs - s.generated - findings} refused (${refused}), ${findings} finding${findings === 1 ? '' : 's'}; slowest run ${Math.round(s.slowest.ms)} ms (${s.slowest.outcome})\n${Object.entries(
      s.reasons,
    )
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([w, n]) => `           ${String(n).padStart(6)}  ${w}`)
      .join('\n')}`;
  });
  const knownLines = KNOWN_FINDINGS.length
    ? KNOWN_FINDINGS.map(
        (k) =>
          `  KNOWN FINDING (${k.lang}) ${k.signature}: ${k.note}; seen ${all
            .flatMap((s) => [...s.findings.values()])
            .filter((f) => k.signature.test(f.signature))
            .reduce((n, f) => n + f.count, 0)} times in this run`,
      )
    : ['  KNOWN_FINDINGS: none listed: every finding fails the run'];
  const findings = all.flatMap((s) => [...s.findings.values()].map((f) => `[${s.lang}] ${describeFinding(f)}`));
  return `\nfuzz report (${LIMIT_MS} ms limit per run)\n${rows.join('\n')}\n${knownLines.join('\n')}\n${findings.length ? `\nfindings:\n${findings.join('\n')}` : ''}\n`;
}
