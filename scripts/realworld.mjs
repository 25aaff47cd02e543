#!/usr/bin/env node
// Runs the tool on real repositories (realworld/<lang>.json), builds and checks each image,
// and writes docs/realworld.md and docs/realworld.json. See docs/realworld.md for how to use it.
//
//   node scripts/realworld.mjs                 every language, every repository
//   node scripts/realworld.mjs go              one language (go, c, rust, java, python, node, ruby)
//   node scripts/realworld.mjs --only jq,redis repositories whose owner/name contains a word
//   node scripts/realworld.mjs --plan-only     generate only (no Docker): what the tool decides
//
// Environment: REALWORLD_DIR (checkouts, default /work/realworld-src, one folder per
// repository named <owner>+<name>), CSD_CLI (the built CLI, default bin/create-slim-dockerfile.js),
// DOCKER (default /usr/bin/docker), REALWORLD_LOGS (build logs, default <tmp>/realworld-logs),
// REALWORLD_TIMEOUT_MIN (build timeout, default 15), REALWORLD_FLAGS_<LANG> (flags for every
// repository of a language, e.g. REALWORLD_FLAGS_RUST="--static glibc" on a machine whose rust
// image has no musl target).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The tool's own look at a built image (--verify): ports from its network namespace, its user, how it ended. */
const { verifyImage } = await import(new URL('../dist/docker.js', import.meta.url).href);

/**
 * Flags for every repository of a language on this machine, e.g. REALWORLD_FLAGS_RUST="--static glibc"
 * where the local rust image has no musl target (the default static build needs one).
 */
const langFlags = (lang) => (process.env[`REALWORLD_FLAGS_${lang.toUpperCase()}`] || '').split(/\s+/).filter(Boolean);

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LANGS = ['go', 'c', 'rust', 'java', 'python', 'node', 'ruby'];
const TITLES = {
  go: 'Go',
  c: 'C and C++',
  rust: 'Rust',
  java: 'Java',
  python: 'Python',
  node: 'Node.js',
  ruby: 'Ruby',
};
const SRC_DIR = process.env.REALWORLD_DIR || '/work/realworld-src';
const CLI = path.resolve(process.env.CSD_CLI || path.join(ROOT, 'bin/create-slim-dockerfile.js'));
const DOCKER = process.env.DOCKER || '/usr/bin/docker';
const LOG_DIR = process.env.REALWORLD_LOGS || path.join(os.tmpdir(), 'realworld-logs');
const BUILD_TIMEOUT_MS = Number(process.env.REALWORLD_TIMEOUT_MIN || 15) * 60_000;
const RUN_TIMEOUT_MS = 60_000;
const PORT_WAIT_MS = 20_000;
const OUT_MD = path.join(ROOT, 'docs/realworld.md');
const OUT_JSON = path.join(ROOT, 'docs/realworld.json');

// ---------- arguments ----------
function parseArgs(argv) {
  const opts = { langs: [], only: [], planOnly: false, set: null, record: null, render: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') continue;
    if (a === '--only')
      opts.only.push(
        ...String(argv[++i] ?? '')
          .split(',')
          .filter(Boolean),
      );
    else if (a.startsWith('--only=')) opts.only.push(...a.slice(7).split(',').filter(Boolean));
    else if (a === '--plan-only') opts.planOnly = true;
    else if (a === '--set') opts.set = String(argv[++i] ?? '');
    else if (a === '--record') opts.record = String(argv[++i] ?? '');
    else if (a === '--render') opts.render = true;
    else if (a === '-h' || a === '--help') {
      console.log(
        "usage: node scripts/realworld.mjs [go|c ...] [--only word[,word]] [--set name] [--plan-only] [--record label]\n  --set name      only the entries of that set (e.g. first-sight-2026-12)\n  --record label  keep this run's first-sight table in docs/realworld.json under the label (e.g. before, after)",
      );
      process.exit(0);
    } else if (LANGS.includes(a)) opts.langs.push(a);
    else if (a === 'cpp') opts.langs.push('c');
    else {
      console.error(`realworld: unknown argument "${a}" (expected ${LANGS.join(', ')}, --only <word>, --plan-only)`);
      process.exit(2);
    }
  }
  if (opts.langs.length === 0) opts.langs = [...LANGS];
  return opts;
}

// ---------- processes ----------
function run(cmd, args, { cwd, env, timeoutMs = RUN_TIMEOUT_MS, logFile } = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const log = logFile ? fs.createWriteStream(logFile) : null;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    }, timeoutMs);
    const keep = (s, add) => (s.length > 4_000_000 ? s : s + add);
    child.stdout.on('data', (d) => {
      stdout = keep(stdout, d.toString());
      log?.write(d);
    });
    child.stderr.on('data', (d) => {
      stderr = keep(stderr, d.toString());
      log?.write(d);
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      log?.end();
      resolve({ code: -1, stdout, stderr: stderr + String(err), timedOut, ms: Date.now() - started });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      log?.end();
      resolve({ code, stdout, stderr, timedOut, ms: Date.now() - started });
    });
  });
}

// ---------- log reading ----------
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;
function sanitize(line, dir) {
  let s = line
    .replace(ANSI, '')
    .replace(/^#\d+ \d+(\.\d+)? /, '')
    .replace(/^#\d+ /, '');
  if (dir) s = s.split(dir).join('<src>');
  s = s
    .replace(/\/tmp\/[\w.-]+/g, '<tmp>')
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, '<url>')
    .replace(/\b(?:[a-z0-9-]+\.)+(?:com|org|net|io|dev|gov|edu|app|cloud)\b/gi, '<host>')
    .replace(/\s+/g, ' ')
    .trim();
  return s.length > 160 ? `${s.slice(0, 157)}...` : s;
}
// The first line that says what went wrong. In a BuildKit plain log, only the lines of the
// step that failed (#N ... then "#N ERROR"), strongest kinds first; a configure script's
// informational "not found" loses to a compiler's "error:".
function failingStepLines(lines) {
  const err = lines.find((l) => /^#\d+ ERROR/.test(l));
  if (!err) return lines;
  const id = err.match(/^#(\d+) /)[1];
  return lines.filter((l) => l.startsWith(`#${id} `) && !l.startsWith(`#${id} ERROR`) && !/^#\d+ \[/.test(l));
}
function firstError(text, dir) {
  const all = text.replace(ANSI, '').split('\n');
  const lines = failingStepLines(all);
  const noise =
    /-Werror|-Wno-error|strerror|error\.(c|h|o|go|cpp)\b|errors?\.go\b|\berror_|_error\b|Error\.(c|h)\b|warning:|WARNING|checking for|^#\d+ sha256|^(#\d+ [\d.]+ )?-- /i;
  const kinds = [
    /fatal error|: error:|^(#\d+ [\d.]+ )?error[: ]|undefined reference|cannot find -l|CMake Error|Run Build Command|No rule to make target|does not contain package|no Go files|build constraints exclude|ERROR: (?!failed to solve|executor failed)|: not found|No such file or directory|Could not find|command not found|Dependency .* not found|Program .* not found/i,
    /make(\[\d+\])?: \*\*\*|\bfailed\b/i,
    /error/i,
  ];
  for (const re of kinds) {
    for (const [i, l] of lines.entries()) {
      if (!re.test(l) || noise.test(l)) continue;
      let s = sanitize(l, dir);
      // CMake and make put the message on the next line.
      if (/CMake Error|Error at/.test(s)) {
        const next = lines
          .slice(i + 1)
          .map((x) => sanitize(x, dir))
          .find((x) => x && !/^#\d+$/.test(x));
        if (next) s = sanitize(`${s.replace(/\s*\(message\):?$/, '')}: ${next}`, dir);
      }
      if (s && !/^(RUN|COPY|WORKDIR|FROM|ARG|ENV)\b/.test(s)) return s;
    }
  }
  const last =
    lines.filter((l) => l.trim() && !/^#\d+ (sha256|DONE|CANCELED)/.test(l)).pop() ??
    all.find((l) => /^#\d+ ERROR/.test(l)); // e.g. a base image that cannot be pulled
  return last ? sanitize(last, dir) : '';
}

// ---------- the check ----------
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}
// Connect, wait briefly for the server to speak first (NATS, SMTP...), else send an HTTP GET;
// any byte back proves something listens in the container (docker's proxy accepts and closes).
function probe(port, path = '/') {
  return new Promise((resolve) => {
    const sock = net.connect({ host: '127.0.0.1', port });
    let got = '';
    let sent = false;
    const done = (ok) => {
      sock.destroy();
      resolve({ ok, got: got.slice(0, 200) });
    };
    const t1 = setTimeout(() => {
      sent = true;
      sock.write(`GET ${path} HTTP/1.0\r\n\r\n`);
    }, 800);
    const t2 = setTimeout(() => done(false), 3000);
    sock.on('data', (d) => {
      got += d.toString();
      clearTimeout(t1);
      clearTimeout(t2);
      done(true);
    });
    sock.on('error', () => {
      clearTimeout(t1);
      clearTimeout(t2);
      done(false);
    });
    sock.on('close', () => {
      clearTimeout(t1);
      clearTimeout(t2);
      if (!got) done(false);
    });
    void sent;
  });
}
async function checkImage(tag, check) {
  if (check.port) {
    const host = await freePort();
    const start = await run(DOCKER, ['run', '-d', '-p', `127.0.0.1:${host}:${check.port}`, tag, ...(check.args || [])]);
    if (start.code !== 0) return { ok: false, detail: firstError(start.stderr) || 'docker run failed' };
    const id = start.stdout.trim();
    // A JVM server may take a while to start: a check can say how long to wait (seconds).
    const waitMs = check.wait ? check.wait * 1000 : PORT_WAIT_MS;
    const until = Date.now() + waitMs;
    let res = { ok: false, got: '' };
    try {
      while (Date.now() < until) {
        res = await probe(host, check.path);
        if (res.ok) break;
        const st = await run(DOCKER, ['inspect', '-f', '{{.State.Running}}', id]);
        if (st.stdout.trim() === 'false') break;
        await new Promise((r) => setTimeout(r, 1000));
      }
      // An HTTP answer must not be a server error: a 500 is a program that runs but does not work.
      // (A `listens` check only asks that the port answers: the server's database is not here.)
      if (res.ok && !check.listens && /^HTTP\/[\d.]+ 5\d\d/.test(res.got))
        return { ok: false, detail: `port ${check.port} answered with a server error: ${sanitize(res.got)}` };
      if (res.ok) return { ok: true, detail: `port ${check.port} answered: ${sanitize(res.got)}` };
      const logs = await run(DOCKER, ['logs', '--tail', '40', id]);
      const text = `${logs.stdout}\n${logs.stderr}`;
      return {
        ok: false,
        detail: `port ${check.port} did not answer in ${waitMs / 1000} s: ${firstError(text) || 'no output'}`,
        output: text.slice(-2000),
      };
    } finally {
      await run(DOCKER, ['rm', '-f', id]);
    }
  }
  const r = await run(DOCKER, ['run', '--rm', tag, ...check.cmd]);
  const out = `${r.stdout}${r.stderr}`;
  const re = new RegExp(check.match, 'm');
  // The program never started: the loader or the runtime said so (and may echo its name).
  const broken =
    /error while loading shared libraries|exec format error|OCI runtime create failed|exec: "[^"]*": |no such file or directory$|not found$/m;
  if (re.test(out) && !broken.test(out))
    return { ok: true, detail: sanitize(out.split('\n').find((l) => re.test(l)) || out) };
  return {
    ok: false,
    detail: `exit ${r.code}${r.timedOut ? ' (timed out)' : ''}: ${firstError(out) || 'no output'}`,
    output: out.slice(-2000),
  };
}

// ---------- one repository ----------
function slug(repo) {
  return repo
    .split('/')[1]
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-');
}
async function runEntry(entry, lang, opts) {
  const [owner, name] = entry.repo.split('/');
  const checkout = path.join(SRC_DIR, `${owner}+${name}`);
  const src = entry.subdir ? path.join(checkout, entry.subdir) : checkout;
  const result = {
    lang,
    repo: entry.repo,
    commit: entry.commit.slice(0, 10),
    flags: entry.flags || [],
    runtime: null,
    image: null,
    sizeMB: null,
    buildSeconds: null,
    verdict: null,
    error: null,
    warnings: [],
  };
  if (!fs.existsSync(src)) {
    result.verdict = 'missing';
    result.error = `no checkout at ${src}`;
    console.log(
      `  ${entry.repo}: MISSING checkout ${src}\n    get it: fetch github:${entry.repo} with the search tool's fetch, then\n    mkdir -p ${checkout} && git --git-dir=<mirror>/repo --work-tree=${checkout} checkout -f ${entry.commit} -- .`,
    );
    return result;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `rw-${slug(entry.repo)}-`));
  const dir = path.join(tmp, 'src');
  const tag = `rw-${slug(entry.repo)}`;
  try {
    fs.cpSync(src, dir, { recursive: true, verbatimSymlinks: true });
    const gen = await run(
      process.execPath,
      [CLI, dir, '--yes', '--force', '--json', ...(entry.flags || []), ...langFlags(lang)],
      { timeoutMs: 120_000 },
    );
    if (gen.code !== 0) {
      const msg = gen.stderr
        .split('\n')
        .filter((l) => l.trim())
        .slice(0, 2)
        .map((l) => sanitize(l, dir))
        .join(' / ');
      result.verdict = gen.code === 2 ? 'refused' : 'generate-failed';
      result.error = msg || `exit ${gen.code}`;
      return result;
    }
    let plan;
    try {
      plan = JSON.parse(gen.stdout);
    } catch {
      result.verdict = 'generate-failed';
      result.error = `--json printed no plan: ${sanitize(gen.stdout.slice(0, 200))}`;
      return result;
    }
    result.runtime = plan.runtime ?? null;
    result.detected = plan.lang ?? null;
    result.expose = plan.final?.expose ?? null;
    result.image = plan.final?.image ?? null;
    result.program = plan.name ?? null;
    result.warnings = (plan.warnings || []).map((w) => sanitize(typeof w === 'string' ? w : JSON.stringify(w), dir));
    if (opts.planOnly) {
      result.verdict = 'planned';
      return result;
    }
    fs.mkdirSync(LOG_DIR, { recursive: true });
    const logFile = path.join(LOG_DIR, `${tag}.log`);
    fs.copyFileSync(path.join(dir, 'Dockerfile'), path.join(LOG_DIR, `${tag}.Dockerfile`));
    const b = await run(DOCKER, ['build', '--progress=plain', '-t', tag, '.'], {
      cwd: dir,
      env: { DOCKER_BUILDKIT: '1' },
      timeoutMs: BUILD_TIMEOUT_MS,
      logFile,
    });
    result.buildSeconds = Math.round(b.ms / 100) / 10;
    if (b.code !== 0) {
      result.verdict = 'build-failed';
      result.error = b.timedOut
        ? `build timed out after ${BUILD_TIMEOUT_MS / 60000} min`
        : firstError(b.stdout + b.stderr, dir);
      // The failing step's lines that name an unreachable host, for machineLimit.
      result.limitText = failingStepLines((b.stdout + b.stderr).replace(ANSI, '').split('\n'))
        .filter((l) => MACHINE_LIMITS.some(([re]) => re.test(l)))
        .slice(0, 3)
        .map((l) => sanitize(l, dir))
        .join('\n');
      result.log = logFile;
      return result;
    }
    const size = await run(DOCKER, ['image', 'inspect', '-f', '{{.Size}}', tag]);
    result.sizeMB = Math.round((Number(size.stdout.trim()) / 1e6) * 10) / 10;
    const c = await checkImage(tag, entry.check);
    // --verify's report beside the check: a server as its image starts it, a command with the check's arguments.
    const v = await verifyImage(tag, {
      expose: result.expose,
      seconds: entry.check.wait ?? 20,
      args: entry.check.port ? (entry.check.args ?? []) : entry.check.cmd,
    });
    result.verify = {
      ok: v.ok,
      uid: v.uid,
      listening: v.listening.map((l) => `${l.address}:${l.port}`),
      exposeListened: v.exposeListened,
      problems: v.problems,
    };
    result.verdict = c.ok ? 'pass' : 'check-failed';
    if (c.ok) result.checkOutput = c.detail;
    else result.error = c.detail;
    return result;
  } finally {
    if (!opts.planOnly) await run(DOCKER, ['rmi', '-f', tag]);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

// ---------- report ----------
function loadCorpus(lang) {
  const file = path.join(ROOT, 'realworld', `${lang}.json`);
  const list = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const e of list) {
    if (
      !/^[\w.-]+\/[\w.-]+$/.test(e.repo || '') ||
      !/^[0-9a-f]{40}$/.test(e.commit || '') ||
      !e.check ||
      !(e.check.port || (Array.isArray(e.check.cmd) && e.check.match)) ||
      (e.check.path !== undefined && !/^\/[\w\/.-]{0,200}$/.test(e.check.path))
    ) {
      throw new Error(
        `${file}: bad entry ${JSON.stringify(e)} (needs repo owner/name, a 40-hex commit, check {cmd, match} or {port, path?} with a plain path)`,
      );
    }
  }
  return list;
}
const cell = (s) =>
  String(s ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ');
function renderMd(all, corpora, history = []) {
  const out = [];
  out.push('# Real-world repositories', '');
  out.push('Written by `npm run realworld` (scripts/realworld.mjs), never by hand. Each repository of');
  out.push('`realworld/<lang>.json` is copied to a temporary folder, the tool writes its Dockerfile there');
  out.push("(`--yes --force` and the entry's flags), the image is built with BuildKit and checked (a command");
  out.push('whose output must match, or a port that must answer). Sizes are those of local stand-ins for');
  out.push('the base images (see docs/sizes.md); build seconds include a warm build cache when an earlier run');
  out.push('left one. `refused` means the tool stopped with exit 2 and said why.', '');
  out.push("To run it: fetch each repository with the search tool's `fetch` (github:owner/name), check the");
  out.push('pinned commit out under `$REALWORLD_DIR/<owner>+<name>` (default /work/realworld-src), build the');
  out.push('CLI (`npm run build`), then `npm run realworld` (or `node scripts/realworld.mjs go --only fzf`).');
  out.push('Build logs and generated Dockerfiles go to `$REALWORLD_LOGS` (default <tmp>/realworld-logs).', '');
  const totals = { repos: 0, pass: 0, refused: 0, fail: 0, other: 0 };
  for (const lang of LANGS) {
    const entries = corpora[lang] || [];
    if (!entries.length) continue;
    out.push(`## ${TITLES[lang]}`, '');
    out.push('| repository | commit | flags | runtime | size MB | build s | verdict | verify | detail |');
    out.push('|---|---|---|---|---:|---:|---|---|---|');
    for (const e of entries) {
      const r = all.find((x) => x.repo === e.repo && x.lang === lang) || { verdict: 'not run' };
      totals.repos++;
      if (r.verdict === 'pass') totals.pass++;
      else if (r.verdict === 'refused') totals.refused++;
      else if (['build-failed', 'check-failed', 'generate-failed'].includes(r.verdict)) totals.fail++;
      else totals.other++;
      const limit = machineLimit(r);
      const detail = r.verdict === 'pass' ? r.checkOutput : limit ? `machine limit: ${limit}. ${r.error}` : r.error;
      const verify = r.verify ? (r.verify.ok ? 'ok' : cell(r.verify.problems.join('; '))) : '';
      out.push(
        `| ${cell(e.repo)}${e.set ? ' ·' : ''} | ${cell(e.commit.slice(0, 10))} | ${cell((e.flags || []).join(' '))} | ${cell(r.runtime ?? '')} | ${r.sizeMB ?? ''} | ${r.buildSeconds ?? ''} | **${cell(r.verdict)}** | ${verify} | ${cell(detail ?? '')} |`,
      );
    }
    out.push('');
  }
  out.push(...firstSight(all, corpora));
  for (const h of history)
    out.push(`### Recorded: ${h.label} (${h.at})`, '', ...h.table.filter((l) => l.startsWith('|')), '');
  out.push('## Totals', '');
  out.push(
    `${totals.repos} repositories: ${totals.pass} pass, ${totals.refused} refused with a reason, ${totals.fail} fail` +
      (totals.other ? `, ${totals.other} not run or missing` : '') +
      '.',
    '',
  );
  return { md: out.join('\n'), totals };
}

/**
 * Failures that are this machine's, not the tool's, recognised from what the build said: a base
 * image the image kit does not provide (no registry here), a host the network does not reach,
 * the stand-in rust image's missing rustup (the official image has it), a build longer than the
 * time allowed. Each is named in the table; the first-sight rate leaves them out.
 */
const MACHINE_LIMITS = [
  [
    /failed to do request: Head .*no such host|pull access denied|not found: manifest unknown/,
    'a base image the image kit lacks (no registry here)',
  ],
  [/rustup: not found/, 'the stand-in rust image has no rustup (the official one has)'],
  [
    /403 Forbidden|Could not resolve host|no such host|Failed to download|Temporary failure in name resolution|Network is unreachable|UnknownHostException|Name or service not known|Could not transfer artifact|getaddrinfo ENOTFOUND|is the internet available\?/,
    'a download from a host this machine cannot reach',
  ],
  [/build timed out after/, 'a build longer than the time allowed here'],
  [/Could not fetch specs from|Gem::RemoteFetcher|rubygems\.org/i, 'RubyGems, which this machine cannot reach'],
  [
    /services\.gradle\.org|Could not install Gradle distribution|gradle-[\d.]+-bin\.zip/i,
    "Gradle's distribution server, which this machine cannot reach",
  ],
];
/**
 * The limit that stopped a run: read from the first error line, or from the whole failing step
 * (`r.limitText`, kept when the build failed: Maven and Gradle name the host they could not reach
 * lines before their last error). A refusal counts as a limit only when it is about what this
 * machine could not fetch: a checkout made without its git submodules (they live on hosts this
 * machine cannot reach; a user's `git clone --recursive` has them).
 */
function machineLimit(r) {
  if (r.verdict === 'refused')
    return /The git submodule .* is empty/.test(r.error || '')
      ? 'the checkout has no git submodules (fetched without them; their hosts are out of reach here)'
      : undefined;
  if (!['build-failed', 'check-failed'].includes(r.verdict) || !r.error) return undefined;
  const text = `${r.error}\n${r.limitText || ''}`;
  return MACHINE_LIMITS.find(([re]) => re.test(text))?.[1];
}

/**
 * The first-sight rate per language (C and C++ apart, by the language the tool detected): of the
 * entries of a set, those that passed with no flags, over those whose build this machine can
 * reach (an entry's `limit` names the machine's limit that stops it; refusals count as failures).
 */
function firstSight(all, corpora) {
  const sets = [...new Set(LANGS.flatMap((l) => (corpora[l] || []).map((e) => e.set).filter(Boolean)))];
  const out = [];
  for (const set of sets) {
    out.push(`## First sight: ${set}`, '');
    out.push('Entries marked · in the tables above; chosen by the rule in realworld/README.md, run with no flags.', '');
    out.push(
      '| language | repositories | pass | fail | refused | machine limit | not run | first-sight rate (pass / all but limits) |',
    );
    out.push('|---|---:|---:|---:|---:|---:|---:|---:|');
    const rows = new Map();
    for (const lang of LANGS) {
      for (const e of (corpora[lang] || []).filter((x) => x.set === set)) {
        const r = all.find((x) => x.repo === e.repo && x.lang === lang) || { verdict: 'not run' };
        const key =
          lang === 'c'
            ? r.detected === 'c'
              ? 'C'
              : r.detected === 'cpp'
                ? 'C++'
                : e.lang === 'cpp'
                  ? 'C++'
                  : 'C'
            : TITLES[lang];
        const row = rows.get(key) || { repos: 0, pass: 0, fail: 0, refused: 0, limit: 0, notRun: 0 };
        row.repos++;
        if (e.limit || machineLimit(r)) row.limit++;
        else if (r.verdict === 'pass' && !(e.flags || []).length) row.pass++;
        else if (r.verdict === 'refused') row.refused++;
        else if (['build-failed', 'check-failed', 'generate-failed', 'pass'].includes(r.verdict)) row.fail++;
        else row.notRun++;
        rows.set(key, row);
      }
    }
    const total = { repos: 0, pass: 0, fail: 0, refused: 0, limit: 0, notRun: 0 };
    const rate = (r) => {
      const d = r.repos - r.limit - r.notRun;
      return d ? `${Math.round((100 * r.pass) / d)}% (${r.pass}/${d})` : '-';
    };
    for (const [key, r] of rows) {
      for (const k of Object.keys(total)) total[k] += r[k];
      out.push(
        `| ${key} | ${r.repos} | ${r.pass} | ${r.fail} | ${r.refused} | ${r.limit} | ${r.notRun} | ${rate(r)} |`,
      );
    }
    out.push(
      `| all | ${total.repos} | ${total.pass} | ${total.fail} | ${total.refused} | ${total.limit} | ${total.notRun} | ${rate(total)} |`,
      '',
    );
  }
  return out;
}

// ---------- main ----------
async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(CLI)) {
    console.error(`realworld: no CLI at ${CLI}: run \`npm run build\` first (or set CSD_CLI).`);
    process.exit(2);
  }
  if (!fs.existsSync(SRC_DIR)) {
    console.error(
      `realworld: no checkouts folder ${SRC_DIR} (set REALWORLD_DIR). See docs/realworld.md for how to fetch the repositories.`,
    );
    process.exit(2);
  }
  if (!opts.planOnly && !opts.render) {
    const v = await run(DOCKER, ['version', '--format', '{{.Server.Version}}']);
    if (v.code !== 0) {
      console.error(`realworld: no Docker engine through ${DOCKER}: ${firstError(v.stderr)}`);
      process.exit(2);
    }
  }
  const corpora = {};
  for (const lang of LANGS) corpora[lang] = loadCorpus(lang);
  // Only the report again, from docs/realworld.json (and --record keeps its first-sight table).
  if (opts.render) {
    writeDocs([], corpora, true, opts.record);
    return;
  }
  const fresh = [];
  for (const lang of opts.langs) {
    const list = corpora[lang].filter(
      (e) =>
        (!opts.only.length || opts.only.some((w) => e.repo.toLowerCase().includes(w.toLowerCase()))) &&
        (!opts.set || e.set === opts.set),
    );
    for (const entry of list) {
      process.stdout.write(`${lang} ${entry.repo} ... `);
      const r = await runEntry(entry, lang, opts);
      r.at = new Date().toISOString();
      fresh.push(r);
      console.log(
        `${r.verdict}${r.runtime ? ` (${r.runtime}` + (r.sizeMB != null ? `, ${r.sizeMB} MB` : '') + ')' : ''}${r.buildSeconds != null ? ` ${r.buildSeconds}s` : ''}${r.error ? `: ${r.error}` : ''}`,
      );
      // Written after every repository: an interrupted run keeps what it measured.
      if (!opts.planOnly) writeDocs(fresh, corpora, false, null);
    }
  }
  if (opts.planOnly) return;
  writeDocs(fresh, corpora, true, opts.record);
}

function writeDocs(fresh, corpora, last, record) {
  // Merge with the results on disk now (another run may have written meanwhile), so a filtered
  // run updates only what it ran.
  let previous = [];
  let history = [];
  try {
    const old = JSON.parse(fs.readFileSync(OUT_JSON, 'utf8'));
    previous = old.results || [];
    history = old.history || [];
  } catch {
    /* first run */
  }
  // A repository whose checkout is missing here keeps the result an earlier run recorded.
  fresh = fresh.filter((f) => f.verdict !== 'missing' || !previous.some((p) => p.repo === f.repo && p.lang === f.lang));
  const merged = previous
    .filter((p) => !fresh.some((f) => f.repo === p.repo && f.lang === p.lang))
    .filter((p) => corpora[p.lang]?.some((e) => e.repo === p.repo && e.commit.startsWith(p.commit)));
  merged.push(...fresh);
  if (record)
    history = [
      ...history.filter((h) => h.label !== record),
      { label: record, at: new Date().toISOString().slice(0, 10), table: firstSight(merged, corpora) },
    ];
  const { md, totals } = renderMd(merged, corpora, history);
  fs.mkdirSync(path.dirname(OUT_MD), { recursive: true });
  fs.writeFileSync(OUT_MD, md);
  fs.writeFileSync(
    OUT_JSON,
    `${JSON.stringify({ cli: path.relative(ROOT, CLI) || CLI, totals, history, results: merged.map(({ log, ...r }) => r) }, null, 2)}\n`,
  );
  if (last)
    console.log(
      `\n${totals.repos} repositories: ${totals.pass} pass, ${totals.refused} refused, ${totals.fail} fail${totals.other ? `, ${totals.other} not run` : ''}. Wrote docs/realworld.md and docs/realworld.json.`,
    );
}

main().catch((err) => {
  console.error(err?.stack || String(err));
  process.exit(1);
});
