import type { Fact, Refusals, Strategy } from '../../core/types.js';
import { listed } from '../shared.js';
import { DATA, DISTROLESS, NODE_PACKAGES } from './data.js';
import type { NativeAddons } from './native.js';

/** Ways to run, and runtimes refused, with the reason: as --explain and the error show them. */
interface Placement {
  strategies: Strategy[];
  refusals: Refusals;
}

/** A static site: files served by busybox httpd or nginx, and nothing that carries a whole distribution. */
export function staticStrategies(staticOut: string): Placement {
  const strategies: Strategy[] = [
    {
      id: 'node-static-busybox',
      libc: 'glibc',
      requires: ['httpd'],
      runtimes: ['busybox-glibc'],
      summary: `the files of ${staticOut}/, served by busybox httpd`,
    },
    {
      id: 'node-static-nginx',
      libc: 'musl',
      requires: ['httpd'],
      runtimes: ['alpine'],
      summary: `the files of ${staticOut}/, served by nginx (nginx:alpine-slim)`,
    },
  ];
  const why = {
    reason: 'the site is files only: it needs a file server, not Node.js or a whole distribution',
    short: 'files only',
    fix: 'choose busybox-glibc (busybox httpd) or alpine (nginx)',
  };
  return {
    strategies,
    refusals: {
      scratch: { ...why, reason: 'the site is files only, and scratch has no program to serve them' },
      slim: why,
      distroless: why,
    },
  };
}

/** Alpine is refused for an addon that does not build on musl, or a library apk would have to add. */
function alpineRefusal(native: NativeAddons, needsLibs: string[]): Refusals['alpine'] {
  const musl = native.addons.filter((a) => NODE_PACKAGES[a]!.musl === false);
  if (musl.length)
    return {
      reason: `${listed(musl)} ${musl.length > 1 ? 'do' : 'does'} not build on musl as ${musl.length > 1 ? 'they are' : 'it is'}`,
      short: 'needs glibc',
      fix: 'choose slim',
    };
  if (needsLibs.length)
    return {
      reason: `${listed(needsLibs)} would have to come from apk, which this tool does not add to an Alpine final stage`,
      short: 'needs libraries',
      fix: 'choose slim',
    };
  return undefined;
}

/** A Node.js program: distroless's node (for the majors it has), node's Alpine and slim images. */
export function serverStrategies(version: Fact<string>, native: NativeAddons): Placement {
  const major = Number(version.value);
  const libs = native.libs;
  const needsLibs = libs.filter((l) => l !== 'libssl' && l !== 'libz');
  const strategies: Strategy[] = [
    {
      id: 'node-distroless',
      libc: 'glibc',
      requires: [`node${major}`, ...libs],
      runtimes: ['distroless'],
      summary: `the app on distroless's Node.js ${major} (/nodejs/bin/node)`,
      fix: needsLibs.length ? `${needsLibs.join(', ')} is not in distroless: choose slim` : 'choose slim',
    },
    {
      id: 'node-alpine',
      libc: 'musl',
      requires: ['node', ...libs],
      runtimes: ['alpine'],
      summary: `the app on Node.js ${major} for musl (node:${major}-alpine)`,
    },
    {
      id: 'node-slim',
      libc: 'glibc',
      requires: ['node', ...libs],
      runtimes: ['slim'],
      summary: `the app on Node.js ${major} (node:${major}-slim)`,
    },
  ];
  const noNode = {
    reason: 'a Node.js program needs the node binary and its libraries (libstdc++), and this image has neither',
    short: 'needs Node.js',
    fix: 'choose slim, distroless or alpine',
  };
  const refusals: Refusals = {
    scratch: noNode,
    'busybox-glibc': { ...noNode, reason: 'busybox has no Node.js (and no libstdc++, which node links)' },
  };
  if (!DISTROLESS.includes(major))
    refusals.distroless = {
      reason: `distroless publishes Node.js images for ${DISTROLESS.join(', ')} only (checked ${DATA.supportChecked}), and this project runs on Node ${major} (${version.source})`,
      short: `no Node ${major}`,
      fix: 'choose slim, or pin a Node version distroless has (.nvmrc)',
    };
  const alpine = alpineRefusal(native, needsLibs);
  if (alpine) refusals.alpine = alpine;
  return { strategies, refusals };
}
