import type { Decision } from '../../core/types.js';
import type { Json } from './read.js';

export type Manager = 'npm' | 'pnpm' | 'yarn' | 'yarn-berry' | 'bun';

/** What the image runs: a Node.js server, a Next.js standalone server, or files a file server serves. */
export type NodeKind = 'server' | 'static' | 'next-standalone';

/** What the resolver tells the user as it goes: warnings, notes for the Dockerfile's top, --explain's decisions. */
export interface Said {
  warnings: string[];
  /** Warnings about the build itself, also written at the top of the Dockerfile. */
  notes: string[];
  decisions: Decision[];
}

/** The package that makes the program (the root, or a workspace package), read once. */
export interface ProgramPackage {
  /** The program's folder in the project ('.' unless a workspace package). */
  dir: string;
  /** Its package.json. */
  pkg: Json;
  /** The image name, from the package's name (or the folder's). */
  name: string;
  scripts: Json;
  start: string | undefined;
  /** The build script: the package's own, or the root's for a workspace package. */
  buildScript: string | undefined;
  /** Its dependencies (what runs in production). */
  deps: Set<string>;
  /** Its dependencies and dev dependencies (what the build uses). */
  allDeps: Set<string>;
  /** Install-time scripts of the root (preinstall, install, postinstall, prepare) it has. */
  lifecycle: string[];
}

/** What resolve() hands build(). */
export interface NodeInfo {
  manager: Manager;
  managerVersion: string | undefined;
  lockFile: string | undefined;
  /** Dependency files copied before the code (the lock, package.json files of the workspaces, .npmrc ...). */
  manifests: string[];
  build: string | undefined;
  /** The program's folder in the project ('.' unless a workspace package). */
  dir: string;
  command: string[];
  env: string[];
  gyp: boolean;
  buildApt: string[];
  runLibs: string[];
  kind: NodeKind;
  staticOut?: string | undefined;
  spa: boolean;
  pnp: boolean;
  workspaceName?: string | undefined;
  hasDeps: boolean;
  /** pnpm's major from the lock's format, when package.json names no packageManager. */
  lockMajor: string | undefined;
  /** The root has install-time scripts: the project is copied before the install. */
  lifecycle: boolean;
  /** Packages whose install downloads a browser or an app no build needs. */
  skipDownloads: string[];
  /** The page that answers unknown paths (client-side routing). */
  spaFile: string;
}
