import type { Strategy } from '../../core/types.js';
import type { BuildSpec, Resolved } from '../types.js';

/** What resolve() hands build(): the main package, build tags, and which module files there are. */
export interface GoInfo {
  pkg: string;
  tags: string[];
  hasGoMod: boolean;
  hasGoSum: boolean;
  goWork: boolean;
  vendored: boolean;
  /** Folders inside the project that go.mod's replace directives point to, with a go.mod of their own. */
  replaceDirs: string[];
  /** No go.mod: the module path `go mod init` gets (from the project's own imports, else its name). */
  modulePath: string;
}

/** The variables of templates/partials/build/go.hbs. */
export interface GoVars {
  cgo: boolean;
  /** Files copied before `go mod download` (go.mod, go.sum), space-separated; '' when modules are not downloaded apart. */
  depsFiles: string;
  /** The go.mod (and go.sum) of each local replace, copied to its folder before `go mod download` reads them. */
  replaceCopies: { src: string; dest: string }[];
  noGoMod: boolean;
  /** The module path of `go mod init` when there is no go.mod. */
  modulePath: string;
  cross: boolean;
  buildCmd: string;
  name: string;
}

/** The builder stage: go build in the golang image, static and cross-compiled unless cgo is on. */
export function build(resolved: Resolved<GoInfo>, strategy: Strategy): BuildSpec<GoVars> {
  const info = resolved.own;
  const cgo = strategy.libc === 'glibc';
  const depsFiles =
    info.hasGoMod && !info.goWork && !info.vendored ? ['go.mod', ...(info.hasGoSum ? ['go.sum'] : [])] : [];
  // go mod download reads the go.mod of every module a replace points to inside the project.
  const replaceCopies = depsFiles.length ? info.replaceDirs.map((d) => ({ src: `${d}/go.mod`, dest: `${d}/` })) : [];
  const ldflags = '-s -w';
  const flags = ['-trimpath', ...(info.tags.length ? [`-tags=${info.tags.join(',')}`] : []), `-ldflags="${ldflags}"`];
  return {
    partial: 'go',
    // cgo links against the builder's glibc: pin Debian bookworm so it is never newer than the runtime's.
    image: cgo ? 'golang:${GO_VERSION}-bookworm' : 'golang:${GO_VERSION}',
    args: [{ name: 'GO_VERSION', value: resolved.version.value }],
    artifact: `/out/${resolved.name}`,
    vars: {
      cgo,
      depsFiles: depsFiles.join(' '),
      replaceCopies,
      noGoMod: !info.hasGoMod && !info.goWork,
      modulePath: info.modulePath,
      // Static builds cross-compile from the build machine's platform: multi-platform builds
      // (docker buildx build --platform ...) need no emulation. cgo would need a cross C compiler.
      cross: !cgo,
      buildCmd: `CGO_ENABLED=${cgo ? 1 : 0}${cgo ? '' : ' GOOS=$TARGETOS GOARCH=$TARGETARCH'} go build ${flags.join(' ')} -o /out/${resolved.name} ${info.pkg === '.' ? '.' : `./${info.pkg}`}`,
      name: resolved.name,
    },
  };
}
