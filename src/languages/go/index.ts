import { LANGUAGE_DATA } from '../data.js';
import type { Decision } from '../../core/types.js';
import { binaryIgnore, missingSubmodules, normalizeRel } from '../shared.js';
import type { Language } from '../types.js';
import { cgoUse, goStrategies } from './cgo.js';
import { detect } from './detect.js';
import { embeddedPaths } from './embed.js';
import { moduleName, parseGoMod } from './gomod.js';
import { goModules, moduleInputs } from './modules.js';
import { goNeeds, goTags } from './needs.js';
import { inferredModulePath, linkedCode, readPackages } from './packages.js';
import { build, type GoInfo, type GoVars } from './plan.js';
import { goPort, loopbackFlag } from './ports.js';
import { goProgram } from './programs.js';
import { goVersion } from './version.js';

/** A folder name that a COPY line takes as it is. */
const PLAIN_DIR = /^[\w.+-]{1,100}(?:\/[\w.+-]{1,100}){0,20}$/;

const DATA = LANGUAGE_DATA.go;

export const go: Language<GoInfo, GoVars> = {
  ids: ['go'],
  detect,

  resolve(scan, _lang, opts) {
    const warnings: string[] = [];
    const modText = scan.manifest('go.mod');
    const mod = modText !== undefined ? parseGoMod(modText) : undefined;
    const version = goVersion(scan, mod, opts, warnings);
    const found = readPackages(scan);
    const program = goProgram(found, moduleName(mod, scan.root), mod?.module, opts, warnings);
    const { name, pkg } = program;
    const linked = linkedCode(found.packages, pkg, mod?.module);
    // Files //go:embed names: they must exist, and the build reads them by name.
    const embedded = embeddedPaths(scan, linked.files, warnings);
    const cgo = cgoUse(linked.importedBy, mod);
    const tags = goTags(scan, linked);
    const port = goPort(scan, linked.files, opts);
    const needs = goNeeds(scan, linked, name);
    const loopback = loopbackFlag(scan, linked.files, port?.value);
    if (loopback)
      needs.command = {
        args: [...(needs.command?.args ?? []), loopback.arg],
        source: `${needs.command ? `${needs.command.source}; ` : ''}${loopback.source}`,
      };
    missingSubmodules(scan, [modText ?? '', scan.read('go.work') ?? ''], warnings);
    const modules = goModules(scan, mod, warnings);
    const decisions: Decision[] = [
      { topic: 'Go version', choice: version.value, because: version.source },
      { topic: 'Program', choice: `${name} (./${pkg === '.' ? '' : pkg})`, because: program.entry.source },
      {
        topic: 'cgo',
        choice: cgo.value ? 'on: dynamic glibc binary' : 'off: static binary (CGO_ENABLED=0)',
        because: cgo.source,
      },
    ];
    if (tags.value.length)
      decisions.push({ topic: 'Time zones', choice: 'embedded (-tags timetzdata)', because: tags.source });
    return {
      lang: 'go',
      name,
      version,
      entries: program.entries,
      entry: program.entry,
      port,
      needs,
      strategies: goStrategies(cgo),
      builderGlibc: DATA.builderGlibc,
      decisions: [...decisions, ...modules.decisions],
      warnings,
      ignore: [...binaryIgnore(scan.root, name), '*.test', '*.out'],
      // What the build reads by name: no .dockerignore line may exclude it.
      keep: [...new Set([...embedded, ...moduleInputs(scan, mod, modules.vendored, pkg)])],
      own: {
        pkg,
        tags: tags.value,
        hasGoMod: !!mod,
        modulePath: mod ? (mod.module ?? name) : inferredModulePath(found.packages, name),
        hasGoSum: scan.has('go.sum'),
        goWork: scan.has('go.work'),
        vendored: modules.vendored,
        // Plain folder names only: each lands in a COPY line (another stays out of the layer, and go says so).
        replaceDirs: (mod?.localReplaces ?? [])
          .map((r) => normalizeRel(r))
          .filter(
            (d): d is string => !!d && d !== '.' && PLAIN_DIR.test(d) && scan.manifest(`${d}/go.mod`) !== undefined,
          ),
      },
    };
  },

  build,
};
