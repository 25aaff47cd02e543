import { basename } from 'node:path';
import type { Scan } from '../../core/scan.js';
import { str } from '../../core/parse.js';
import { plainName } from '../shared.js';
import type { Manifests } from './manifests.js';

/** PEP 503: the name pip and PyPI compare (Flask_SQLAlchemy -> flask-sqlalchemy). */
export const normalizeName = (name: string): string => name.toLowerCase().replace(/[-_.]+/g, '-');

/** The distribution name at the start of a PEP 508 requirement ("Django>=4.2; python_version>'3'" -> django). */
export function requirementName(req: string): string | undefined {
  const m = /^\s*([a-z\d](?:[\w.-]{0,100}[a-z\d])?)\s*(?:\[[^\]]{0,200}\])?/i.exec(req);
  return m ? normalizeName(m[1]!) : undefined;
}

/** The image's name: the project's, or its folder's, made a plain word (a folder may be "My Project"). */
export function projectName(scan: Scan, m: Manifests): string {
  return plainName(
    normalizeName(str(m.project?.name) ?? str(m.poetry?.name) ?? basename(scan.root)),
    'Project name',
    'pyproject.toml',
    true,
  );
}
