/** Shared vocabulary of the pipeline: detect -> resolve -> plan -> render -> write. */

export const LANGS = ['go', 'c', 'cpp', 'rust', 'java', 'python', 'node', 'ruby'] as const;
export type LangId = (typeof LANGS)[number];

export const RUNTIMES = ['scratch', 'alpine', 'busybox-glibc', 'slim', 'distroless', 'jre'] as const;
export type RuntimeId = (typeof RUNTIMES)[number];

/** Runtime targets a language refuses outright, with the reason (a JVM on scratch): as --explain and the error show it. */
export type Refusals = Partial<Record<RuntimeId, { reason: string; short: string; fix: string }>>;

/** A fact and where it came from, e.g. { value: '1.22', source: 'go.mod (go 1.22.3)' }. */
export interface Fact<T> {
  value: T;
  source: string;
}

/** One decision as shown by --explain. */
export interface Decision {
  topic: string;
  choice: string;
  because: string;
}

/** The C library a binary is linked against; `none` means fully static. */
export type Libc = 'none' | 'glibc' | 'musl';

/**
 * A way the builder can link the program. A runtime image can run it only if every entry of
 * `requires` is in the image's `provides` (see data/runtimes.json).
 */
export interface Strategy {
  id: string;
  libc: Libc;
  requires: string[];
  /** What the binary is, in a few words ("static binary, CGO_ENABLED=0"). */
  summary: string;
  /** What to do instead when no strategy fits a runtime. */
  fix?: string;
  /** The runtime targets this way of running may go on (all, when absent). */
  runtimes?: RuntimeId[];
}

/** Files or resources the program needs at run time, beyond libraries, with the evidence. */
export interface Needs {
  certs?: string;
  passwd?: string;
  tmp?: string;
  /** The program writes relative paths (os.MkdirAll("data"), fopen("x.db", "w")): its working directory must be its own. */
  workdir?: string;
  /** The program keeps files under its user's home (os.UserConfigDir, XDG folders, ~/.config): a real, writable HOME. */
  home?: string;
  /** The program draws or measures text (Java's AWT fonts): fontconfig and a font family. */
  fonts?: string;
  /** The program reads a terminal (prompts, a TUI): `docker run -it`. */
  interactive?: string;
  /** A subcommand that runs the server (`serve`), with its evidence: the image's CMD. */
  command?: { args: string[]; source: string };
}

/** A choice offered to the user: an entry point, a language, a runtime. */
export interface Choice {
  value: string;
  label: string;
  source?: string;
  disabled?: string;
}
