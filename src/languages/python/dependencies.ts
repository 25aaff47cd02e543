import type { Scan } from '../../core/scan.js';
import { obj, strs } from '../../core/parse.js';
import type { Manager, Said } from './info.js';
import { readLock, type Lock } from './lock.js';
import { runtimeGroups, type Manifests } from './manifests.js';
import { normalizeName, requirementName } from './names.js';
import { requirementsFile } from './manager.js';
import { readRequirements, type Requirements } from './requirements.js';

/** The dependencies by normalized name, and the lock and requirement files they were read from. */
export interface Dependencies {
  names: Set<string>;
  lock: Lock | undefined;
  reqs: Requirements | undefined;
}

/** Dependencies, by normalized name: from the lock when there is one, else the manifests. */
export function readDependencies(scan: Scan, m: Manifests, manager: Manager, said: Said): Dependencies {
  const lock = readLock(scan, manager);
  const file = requirementsFile(scan);
  const reqs = manager === 'pip' && file ? readRequirements(scan, file) : undefined;
  said.warnings.push(...(reqs?.warnings ?? []));
  const declared = [
    ...strs(m.project?.dependencies).map(requirementName),
    ...Object.keys(obj(m.poetry?.dependencies) ?? {})
      .filter((k) => k !== 'python')
      .map(normalizeName),
    ...Object.keys(obj(obj(obj(m.poetry?.group)?.main)?.dependencies) ?? {}).map(normalizeName),
    ...Object.keys(obj(m.pipfile?.packages) ?? {}).map(normalizeName),
    ...runtimeGroups(m).flatMap((g) => strs(obj(m.pyproject?.['dependency-groups'])?.[g]).map(requirementName)),
    ...(reqs?.names ?? []),
  ].filter((n): n is string => !!n);
  const locked = lock?.packages.map((p) => p.name) ?? [];
  if (manager === 'pip' && !reqs?.names.length && !file)
    said.decisions.push({
      topic: 'Dependencies',
      choice: 'none',
      because: 'no requirements.txt, pyproject.toml, Pipfile or lock file: the standard library only',
    });
  return { names: new Set([...declared, ...locked]), lock, reqs };
}
