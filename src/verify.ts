import { readFile } from 'node:fs/promises';
import { execa } from 'execa';
import { diagnose } from './diagnose.js';

/**
 * --verify: the built image run for a few seconds and looked at from outside. Whether the program
 * started (or what it died of), which TCP ports it listens on and on which address, against the
 * Dockerfile's EXPOSE, and which user it runs as. Nothing is asked of the image itself: a
 * scratch image has no shell. Sockets are read from the container's network namespace (the
 * engine host's /proc, or a helper container that shares the namespace); the user from the
 * process's status.
 */
const DOCKER = () => process.env.DOCKER || 'docker';
const ENV = { DOCKER_BUILDKIT: '1' };
/** The helper that reads /proc/net/tcp inside the container's network namespace, when the host's /proc cannot be read. */
const HELPER_IMAGE = 'busybox:glibc';

export interface Listener {
  port: number;
  address: string;
  /** Bound to a loopback address only: nothing outside the container reaches it. */
  loopback: boolean;
}

export interface Verification {
  ok: boolean;
  /** Running when the time was up (a server), or ended with exit code 0 (a program that does its work and exits). */
  started: boolean;
  /** null: still running when the time was up. */
  exitCode: number | null;
  /** The last lines it printed (always when it failed). */
  output: string[];
  /** What it died of, matched to a fix, when it did. */
  cause?: string | undefined;
  uid: number | null;
  /** The user the image names (USER), as written. */
  user: string;
  listening: Listener[];
  expose: number | null;
  /** Whether the EXPOSEd port is listened on from outside the container (null: no EXPOSE). */
  exposeListened: boolean | null;
  /** What failed, one line each (empty when ok). */
  problems: string[];
  /** What is worth knowing but did not fail (another port listened on, a server that took long). */
  notes: string[];
  /** The program's HOME and working directory, and whether its user can write to each (null: not found). */
  folders: Folder[];
}

/** A folder the program may keep files in, and whether the user it runs as can write to it. */
export interface Folder {
  role: 'home' | 'workdir';
  path: string;
  writable: boolean | null;
}

/** The first entry of a tar stream (docker cp's output): its mode and owner, from the ustar header. */
export function tarOwner(tar: Buffer): { mode: number; uid: number; gid: number } | undefined {
  if (tar.length < 512) return undefined;
  const octal = (at: number, len: number) =>
    parseInt(
      tar
        .subarray(at, at + len)
        .toString('latin1')
        .split('\0')[0]!
        .trim(),
      8,
    );
  const mode = octal(100, 8);
  const uid = octal(108, 8);
  const gid = octal(116, 8);
  return [mode, uid, gid].some(Number.isNaN) ? undefined : { mode, uid, gid };
}

/** Whether a user (uid, gid) may create files in a folder with this mode and owner. */
export function canWrite(owner: { mode: number; uid: number; gid: number }, uid: number, gid: number): boolean {
  if (uid === 0) return true;
  if (owner.uid === uid) return (owner.mode & 0o300) === 0o300;
  if (owner.gid === gid) return (owner.mode & 0o030) === 0o030;
  return (owner.mode & 0o003) === 0o003;
}

/** The home an image's passwd gives a uid (docker sets HOME from it), else Docker's default, /. */
export function homeOf(passwd: string, uid: number): string {
  for (const line of passwd.split('\n')) {
    const f = line.split(':');
    if (f.length >= 7 && Number(f[2]) === uid && f[5]) return f[5];
  }
  return '/';
}

/** Parsed /proc/net/tcp and tcp6: sockets in state LISTEN (0A). */
export function parseProcNetTcp(text: string): Listener[] {
  const out: Listener[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 4 || f[3] !== '0A') continue;
    const [hexAddr, hexPort] = (f[1] ?? '').split(':');
    if (!hexAddr || !hexPort) continue;
    const port = parseInt(hexPort, 16);
    const address = hexAddr.length === 8 ? ipv4(hexAddr) : ipv6(hexAddr);
    const loopback = address === '127.0.0.1' || address.startsWith('127.') || address === '::1';
    if (!out.some((l) => l.port === port && l.address === address)) out.push({ port, address, loopback });
  }
  return out;
}

/** /proc's IPv4 address: four little-endian bytes in hex. */
function ipv4(hex: string): string {
  return [6, 4, 2, 0].map((i) => parseInt(hex.slice(i, i + 2), 16)).join('.');
}

/** /proc's IPv6 address: four 32-bit words, each little-endian. */
function ipv6(hex: string): string {
  const words = [0, 8, 16, 24].map((i) =>
    hex
      .slice(i, i + 8)
      .match(/../g)!
      .reverse()
      .join(''),
  );
  const groups = words
    .join('')
    .match(/..../g)!
    .map((g) => parseInt(g, 16).toString(16));
  const s = groups.join(':');
  if (s === '0:0:0:0:0:0:0:0') return '::';
  if (s === '0:0:0:0:0:0:0:1') return '::1';
  const mapped = /^0:0:0:0:0:ffff:([0-9a-f]+):([0-9a-f]+)$/.exec(s);
  if (mapped) {
    const n = (parseInt(mapped[1]!, 16) << 16) + parseInt(mapped[2]!, 16);
    return `::ffff:${[24, 16, 8, 0].map((b) => (n >>> b) & 255).join('.')}`;
  }
  return s;
}

async function inspect(name: string): Promise<{ running: boolean; exitCode: number; pid: number } | undefined> {
  const r = await execa(DOCKER(), ['inspect', '-f', '{{.State.Running}} {{.State.ExitCode}} {{.State.Pid}}', name], {
    reject: false,
    env: ENV,
  });
  if (r.exitCode !== 0) return undefined;
  const [running, exitCode, pid] = String(r.stdout).trim().split(' ');
  return { running: running === 'true', exitCode: Number(exitCode), pid: Number(pid) };
}

/** The container's listening sockets: the engine host's /proc when it is this machine, else a helper container in its namespace. */
async function listeners(name: string, pid: number): Promise<Listener[]> {
  if (pid > 0) {
    try {
      const text = (
        await Promise.all(['tcp', 'tcp6'].map((f) => readFile(`/proc/${pid}/net/${f}`, 'utf8').catch(() => '')))
      ).join('\n');
      if (text.trim()) return parseProcNetTcp(text);
    } catch {
      /* a remote engine: ask inside */
    }
  }
  const r = await execa(
    DOCKER(),
    [
      'run',
      '--rm',
      '--network',
      `container:${name}`,
      '--entrypoint',
      'cat',
      HELPER_IMAGE,
      '/proc/net/tcp',
      '/proc/net/tcp6',
    ],
    { reject: false, env: ENV },
  );
  return parseProcNetTcp(String(r.stdout));
}

/** A file or folder of a container (running or ended), as docker cp's tar stream. */
async function copyOut(name: string, path: string): Promise<Buffer | undefined> {
  const r = await execa(DOCKER(), ['cp', `${name}:${path}`, '-'], {
    reject: false,
    env: ENV,
    encoding: 'buffer',
    maxBuffer: 64 * 1024 * 1024,
  });
  return r.exitCode === 0 ? Buffer.from(r.stdout) : undefined;
}

/** HOME (from the image's ENV, else its passwd) and the working directory, each with whether the user can write to it. */
async function folders(name: string, uid: number | null, user: string): Promise<Folder[]> {
  const r = await execa(DOCKER(), ['inspect', '-f', '{{json .Config.Env}}|{{.Config.WorkingDir}}', name], {
    reject: false,
    env: ENV,
  });
  const [envJson = '[]', workdir = ''] = String(r.stdout).trim().split('|');
  let env: string[] = [];
  try {
    env = JSON.parse(envJson) as string[];
  } catch {
    /* no environment */
  }
  const id = uid ?? (/^\d+/.test(user) ? Number(user.split(':')[0]) : 0);
  const gid = /^\d+:\d+$/.test(user) ? Number(user.split(':')[1]) : id;
  let home = env.find((e) => e.startsWith('HOME='))?.slice(5);
  if (!home) {
    const passwd = await copyOut(name, '/etc/passwd');
    home = homeOf(passwd ? untarFirst(passwd) : '', id);
  }
  const out: Folder[] = [];
  for (const [role, path] of [
    ['home', home],
    ['workdir', workdir || '/'],
  ] as const) {
    // / is root's (0755) in every image: not copied out, which would stream the whole file system.
    const tar = path === '/' ? undefined : await copyOut(name, path);
    const owner = path === '/' ? { mode: 0o755, uid: 0, gid: 0 } : tar ? tarOwner(tar) : undefined;
    out.push({ role, path, writable: owner ? canWrite(owner, id, gid) : null });
  }
  return out;
}

/** The content of the first file of a tar stream (a small text file such as /etc/passwd). */
function untarFirst(tar: Buffer): string {
  const size = parseInt(tar.subarray(124, 136).toString('latin1').split('\0')[0]!.trim(), 8);
  return Number.isNaN(size) ? '' : tar.subarray(512, 512 + Math.min(size, 1024 * 1024)).toString('utf8');
}

/** The uid the container's first process runs as. */
async function uidOf(name: string, pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const m = /^Uid:\s+(\d+)/m.exec(status);
    if (m) return Number(m[1]);
  } catch {
    /* a remote engine: ask the engine */
  }
  const r = await execa(DOCKER(), ['top', name, '-o', 'uid'], { reject: false, env: ENV });
  const line = String(r.stdout).trim().split('\n')[1];
  return line && /^\d+$/.test(line.trim()) ? Number(line.trim()) : null;
}

/**
 * Runs the image for up to `seconds` and looks at it. A server (one with an EXPOSE) passes when it
 * listens on that port on an address others reach, as a non-root user; a program without one
 * passes when it runs as non-root and exits 0 or is still running.
 */
export async function verifyImage(
  tag: string,
  opts: { expose: number | null; seconds?: number; args?: string[]; env?: string[] },
): Promise<Verification> {
  const name = `csd-verify-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const seconds = opts.seconds ?? 10;
  const started = await execa(
    DOCKER(),
    ['run', '-d', '--name', name, ...(opts.env ?? []).flatMap((e) => ['-e', e]), tag, ...(opts.args ?? [])],
    {
      reject: false,
      env: ENV,
    },
  );
  if (started.exitCode !== 0) return notStarted(String(started.stderr), started.exitCode ?? 1, opts.expose);
  try {
    const { uid: seen, listening, state } = await watch(name, opts.expose, seconds);
    const logs = await execa(DOCKER(), ['logs', '--tail', '30', name], { reject: false, all: true, env: ENV });
    const output = String(logs.all ?? '')
      .split('\n')
      .filter(Boolean);
    const running = !!state?.running;
    const exitCode = running ? null : (state?.exitCode ?? 1);
    const cause = exitCode ? diagnose(output.join('\n')) : undefined;
    const problems: string[] = [];
    if (exitCode) problems.push(`it exited with code ${exitCode}${cause ? `: ${cause}` : ''}`);
    if (opts.expose !== null && exitCode === 0)
      problems.push(`it exited (code 0) instead of listening on port ${opts.expose}`);
    const ports = portFindings(opts.expose, listening, running, seconds);
    problems.push(...ports.problems);
    const configured = await execa(DOCKER(), ['inspect', '-f', '{{.Config.User}}', name], { reject: false, env: ENV });
    const user = String(configured.stdout).trim();
    // A program that ended before it could be looked at: the user the image names.
    const uid = seen === null && /^\d+(?::\d+)?$/.test(user) ? Number(user.split(':')[0]) : seen;
    if (uid === 0 || (uid === null && (user === '' || user === 'root')))
      problems.push(`it runs as root (${uid === 0 ? 'uid 0' : user ? `USER ${user}` : 'no USER'})`);
    const places = await folders(name, uid, user);
    return {
      ok: problems.length === 0,
      started: running || exitCode === 0,
      exitCode,
      output: output.slice(-20),
      cause,
      uid,
      user,
      listening,
      expose: opts.expose,
      exposeListened: ports.exposeListened,
      problems,
      notes: ports.notes,
      folders: places,
    };
  } finally {
    await execa(DOCKER(), ['rm', '-f', name], { reject: false, env: ENV });
  }
}

/** The verdict when `docker run` itself failed: nothing started. */
function notStarted(stderr: string, exitCode: number, expose: number | null): Verification {
  const output = stderr.trim().split('\n').filter(Boolean);
  return {
    ok: false,
    started: false,
    exitCode,
    output,
    cause: diagnose(output.join('\n')),
    uid: null,
    user: '',
    listening: [],
    expose,
    exposeListened: expose === null ? null : false,
    problems: [`docker run failed: ${output.slice(-1)[0] ?? ''}`],
    notes: [],
    folders: [],
  };
}

/**
 * Watches a started container until the EXPOSEd port listens beyond loopback, the program ends,
 * or the time is up (a program with no port is watched for half the time).
 */
async function watch(
  name: string,
  expose: number | null,
  seconds: number,
): Promise<{ uid: number | null; listening: Listener[]; state: Awaited<ReturnType<typeof inspect>> }> {
  let uid: number | null = null;
  let listening: Listener[] = [];
  let state = await inspect(name);
  const until = Date.now() + seconds * 1000;
  while (state?.running && Date.now() < until) {
    if (uid === null) uid = await uidOf(name, state.pid);
    listening = await listeners(name, state.pid);
    const done =
      expose === null ? Date.now() > until - seconds * 500 : listening.some((l) => l.port === expose && !l.loopback);
    if (done) break;
    await new Promise((r) => setTimeout(r, 500));
    state = await inspect(name);
  }
  return { uid, listening, state };
}

/** What the sockets say: the EXPOSEd port must listen beyond loopback while the program runs; other ports are noted. */
function portFindings(
  expose: number | null,
  listening: Listener[],
  running: boolean,
  seconds: number,
): { problems: string[]; notes: string[]; exposeListened: boolean | null } {
  const problems: string[] = [];
  const notes: string[] = [];
  const exposed = expose === null ? null : listening.filter((l) => l.port === expose);
  const exposeListened = exposed === null ? null : exposed.some((l) => !l.loopback);
  if (running && exposed !== null && !exposeListened) {
    problems.push(
      exposed.length
        ? `it listens on port ${expose} on ${exposed.map((l) => l.address).join(', ')} only, which nothing outside the container reaches: bind 0.0.0.0 (a --host/--bind flag or setting)`
        : `nothing listens on port ${expose} (EXPOSE) after ${seconds} s${listening.length ? `; it listens on ${listening.map((l) => `${l.address}:${l.port}`).join(', ')}` : ''}`,
    );
  }
  const others = listening.filter((l) => l.port !== expose);
  if (others.length)
    notes.push(
      `also listening on ${others.map((l) => `${l.address}:${l.port}${l.loopback ? ' (loopback only)' : ''}`).join(', ')}`,
    );
  return { problems, notes, exposeListened };
}

export function formatVerification(v: Verification): string {
  const lines = [
    `verify: ${v.ok ? 'passed' : 'FAILED'}`,
    `  started     ${v.exitCode === null ? 'yes, still running' : v.exitCode === 0 ? 'yes, exited 0' : `no, exit ${v.exitCode}`}`,
    `  user        ${v.uid === null ? (v.user ? `${v.user} (as the image names it)` : 'root (no USER)') : v.uid === 0 ? 'root (uid 0)' : `uid ${v.uid}`}`,
    `  listening   ${v.listening.length ? v.listening.map((l) => `${l.address}:${l.port}${l.loopback ? ' (loopback only)' : ''}`).join(', ') : 'nothing'}`,
    `  EXPOSE      ${v.expose === null ? 'none' : `${v.expose}: ${v.exposeListened ? 'listened on' : 'not listened on from outside'}`}`,
    ...v.folders.map(
      (f) =>
        `  ${f.role === 'home' ? 'HOME       ' : 'workdir    '} ${f.path}: ${f.writable === null ? 'not in the image' : f.writable ? 'writable by its user' : 'not writable by its user'}`,
    ),
    ...v.problems.map((p) => `  problem     ${p}`),
    ...v.notes.map((n) => `  note        ${n}`),
  ];
  if (!v.ok && v.output.length) lines.push('  output:', ...v.output.slice(-10).map((l) => `    | ${l}`));
  return lines.join('\n');
}
