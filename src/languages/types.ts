import type { Companion, Setting } from './processes.js';
import type { Scan } from '../core/scan.js';
import type { Choice, Decision, Fact, LangId, Needs, Refusals, Strategy } from '../core/types.js';

/** What a detector saw: a score (higher is surer) and the evidence behind it. */
export interface Detection {
  lang: LangId;
  score: number;
  evidence: string[];
  /** How many of the language's source files the project holds (a side part has few beside the main language's many). */
  files?: number;
}

/** The answers a resolver honours (src/options.ts), and where the entry came from. */
export interface ResolveOptions {
  langVersion?: string | undefined;
  entry?: string | undefined;
  /** Where `entry` came from, for --explain (default "--entry"). */
  entrySource?: string | undefined;
  port?: number | undefined;
  /** Rust: how a static binary is made (musl target, or glibc with crt-static). */
  static?: 'musl' | 'glibc' | undefined;
  /** Java: modules jlink adds beyond what jdeps finds (--jlink-modules). */
  jlinkModules?: string[] | undefined;
}

/**
 * Everything a language worked out about the project. Language-neutral in shape, but for `own`:
 * what only that language's build() reads, typed by the language.
 */
export interface Resolved<Own = unknown> {
  lang: LangId;
  /** Name of the program (binary name). */
  name: string;
  version: Fact<string>;
  /** Entry points found; `entry` is the chosen one. */
  entries: Choice[];
  entry: Fact<string>;
  port?: Fact<number> | undefined;
  /** Run-time files the program needs, with evidence. */
  needs: Needs;
  /** Ways to link, in order of preference. Which one a runtime gets is decided by plan/. */
  strategies: Strategy[];
  /** Runtime targets refused for a reason of the language (a JVM on scratch), whatever the strategies. */
  refusals?: Refusals | undefined;
  /** glibc version of the builder image: a dynamic glibc binary needs a runtime at least as new. */
  builderGlibc: string;
  /** Facts shown by --explain, in order. */
  decisions: Decision[];
  warnings: string[];
  /** Warnings about the build itself (a library with no package, ...): also written at the top of the Dockerfile. */
  notes?: string[];
  /** Lines for .dockerignore beyond the common ones. */
  ignore: string[];
  /**
   * Paths in the project (relative, POSIX) that the build copies or reads by name: manifests,
   * included requirement files, path gems and crates, Cargo targets, the entry file. No
   * .dockerignore line may exclude them; plan/ re-includes any that one would.
   */
  keep?: string[] | undefined;
  /** The app's other processes (a worker, a release step), run from the same image. */
  companions?: Companion[] | undefined;
  /** Environment variables the program cannot start without. */
  settings?: Setting[] | undefined;
  /** What only this language's build() reads (package path, build system, ...). */
  own: Own;
}

/**
 * The builder stage: a partial under templates/partials/build and its variables. `Vars` is the
 * partial's own interface, every key required (false or empty when it does not apply):
 * test/templates.test.ts holds the partial's paths against it.
 */
export interface BuildSpec<Vars extends object = Record<string, unknown>> {
  partial: string;
  image: string;
  /** ARG lines at the top of the Dockerfile (name, default). */
  args: { name: string; value: string }[];
  /** Where the built program ends up inside the builder. */
  artifact: string;
  /** The build partial's variables. */
  vars: Vars;
  /** What the final stage copies, when the program is more than `artifact` (a Java runtime and an application). */
  copies?: { from: string; src: string; dest: string; why: string; chown?: string }[];
  /** How the final stage starts the program, when not `/app/<name>`. */
  entrypoint?: string[];
  /** ENV lines of the final stage (NAME=value). */
  env?: string[];
  /** The final stage's working directory, when not /app (a workspace package). */
  workdir?: string | undefined;
}

/**
 * A language: cheap detection, resolution into facts (each with its source), and the build
 * stage's typed variables. `Own` is what resolve() hands build(); `Vars` the build partial's variables.
 */
export interface Language<Own = unknown, Vars extends object = Record<string, unknown>> {
  /** The --lang values this module answers for. */
  readonly ids: readonly LangId[];
  /** Cheap: reads file names and a few small files. Returns nothing if no marker. */
  detect(scan: Scan): Detection[];
  resolve(scan: Scan, lang: LangId, opts: ResolveOptions): Resolved<Own>;
  build(resolved: Resolved<Own>, strategy: Strategy): BuildSpec<Vars>;
}

/** Any language, as the list holds them: its own types stay inside it. */
export type AnyLanguage = Language<unknown, object>;
