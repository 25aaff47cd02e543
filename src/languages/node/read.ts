import { UserError } from '../../core/errors.js';
import type { Scan } from '../../core/scan.js';
import { parseYamlTree, readParsed, type Toml } from '../../core/parse.js';

/** A JSON object as read from the project (package.json, a lock, angular.json). */
export type Json = Record<string, unknown>;

/** package.json and the like: a JSON file that decides the build (unparsable: exit 2, naming it). */
export const readJson = (scan: Scan, rel: string): Json | undefined =>
  readParsed(scan, rel, 'JSON', JSON.parse, ' (npm pkg get name shows the error too)');

/** pnpm-workspace.yaml, .yarnrc.yml: YAML that decides the build, aliases bounded, no cycles. */
export const readYaml = (scan: Scan, rel: string): Toml | undefined =>
  readParsed(scan, rel, 'YAML', parseYamlTree, '', 256 * 1024);

/** The project's package.json: without one there is no Node.js project to build. */
export function rootPackage(scan: Scan): Json {
  const root = readJson(scan, 'package.json');
  if (!root)
    throw new UserError(
      'E_NO_PROJECT',
      'No package.json here: a Node.js project needs one.',
      'Run npm init, or run this in the project folder.',
    );
  return root;
}
