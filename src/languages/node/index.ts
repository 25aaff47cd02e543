import { LIBRARIES } from '../../core/data.js';
import type { Scan } from '../../core/scan.js';
import { shown } from '../../core/quote.js';
import { str } from '../../core/parse.js';
import type { Strategy } from '../../core/types.js';
import type { BuildSpec, Detection, Language, ResolveOptions, Resolved } from '../types.js';
import { DATA, TRIXIE_FROM } from './data.js';
import { detectNode } from './detect.js';
import { ignoreLines, keptPaths } from './ignore.js';
import type { NodeInfo, Said } from './info.js';
import { packageManager } from './manager.js';
import { dependencyFiles, hasDependencies } from './manifests.js';
import { nativeAddons } from './native.js';
import { buildNode, type NodeVars } from './plan.js';
import { chooseProgram, programPackage } from './programs.js';
import { rootPackage } from './read.js';
import { nodeNeeds } from './needs.js';
import { nodeProgram, refuseBunRuntime } from './runs.js';
import { clientRouting } from './static-site.js';
import { serverStrategies, staticStrategies } from './strategies.js';
import { nodeVersion } from './version.js';
import { workspacePackages } from './workspaces.js';

/** Packages whose install downloads a browser or an app no build needs. */
const DOWNLOADERS = ['cypress', 'puppeteer', 'playwright', 'playwright-core', '@playwright/test'];

/**
 * Node.js: the project's package manager installs from its lock (frozen), a `build` script runs
 * with the dev dependencies, and the final stage gets the production dependencies and the app
 * only, started with `node` itself (never `npm start`: signals reach PID 1 only then). A front
 * end whose build emits only files is no Node program at all: a static file server serves it.
 */
export const node: Language<NodeInfo, NodeVars> = {
  ids: ['node'],

  detect(scan: Scan): Detection[] {
    return detectNode(scan);
  },

  resolve(scan: Scan, _lang, opts: ResolveOptions): Resolved<NodeInfo> {
    const said: Said = { warnings: [], notes: [], decisions: [] };
    const root = rootPackage(scan);
    const pm = packageManager(scan, root, said);
    const workspaces = workspacePackages(scan, root, pm.manager, said);
    const version = nodeVersion(scan, root, opts, said);
    const { entries, entry, program } = chooseProgram(scan, root, workspaces, opts, said.warnings);
    const p = programPackage(scan, root, program, said);
    const run = nodeProgram(scan, p, opts, said);
    const native = nativeAddons(scan, pm, p, workspaces, run.kind, said);
    const { strategies, refusals } =
      run.kind === 'static' ? staticStrategies(run.staticOut) : serverStrategies(version, native);
    const { spa, spaFile } = clientRouting(run.kind === 'static', run.front, p.allDeps, said);
    const manifests = dependencyFiles(scan, root, pm, workspaces, said.warnings);
    refuseBunRuntime(pm.manager, p.start);
    if (p.buildScript && run.kind !== 'static')
      said.decisions.push({
        topic: 'Build',
        choice: `${pm.manager === 'yarn-berry' || pm.manager === 'yarn' ? 'yarn' : pm.manager} run build, with the dev dependencies; then only the production dependencies go on`,
        because: `package.json scripts.build: ${shown(p.buildScript, 60)}`,
      });
    return {
      lang: 'node',
      name: p.name,
      version,
      entries,
      entry,
      keep: keptPaths(scan, manifests, run.kind, p.dir, run.command),
      port: run.port,
      needs: run.kind === 'static' ? {} : nodeNeeds(scan, p.dir),
      strategies,
      refusals,
      builderGlibc: Number(version.value) >= TRIXIE_FROM ? '2.41' : DATA.builderGlibc,
      decisions: said.decisions,
      warnings: said.warnings,
      ignore: ignoreLines(p.buildScript, pm),
      ...(said.notes.length ? { notes: said.notes } : {}),
      own: {
        manager: pm.manager,
        managerVersion: pm.version,
        lockFile: pm.lockFile,
        manifests,
        build: p.buildScript,
        dir: p.dir,
        command: run.command,
        env: run.env,
        gyp: native.gyp,
        buildApt: native.buildApt,
        runLibs: native.libs.map((l) => LIBRARIES[l]!.debian),
        kind: run.kind,
        staticOut: run.staticOut,
        spa,
        pnp: pm.pnp,
        lockMajor: pm.lockMajor,
        lifecycle: p.lifecycle.length > 0,
        skipDownloads: DOWNLOADERS.filter((n) => native.packages.has(n)),
        spaFile,
        workspaceName: p.dir !== '.' ? str(p.pkg.name) : undefined,
        hasDeps: hasDependencies(root, p.pkg, workspaces),
      },
    };
  },

  build(resolved: Resolved<NodeInfo>, strategy: Strategy): BuildSpec<NodeVars> {
    return buildNode(resolved, strategy);
  },
};
