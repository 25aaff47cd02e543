import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RUNTIME_DATA } from '../../src/runtimes/index.js';
import { human } from '../../src/docker.js';
import { RUNTIMES } from '../../src/core/types.js';

export interface NotBuilt {
  name: string;
  runtime: string;
  why: string;
}

export interface Row {
  example: string;
  runtime: string;
  refused: boolean;
  reason?: string;
  image?: string;
  sizeBytes?: number;
  layers?: number;
  buildSeconds?: number;
  runs?: boolean;
  /** Packages the final stage installs with apt. */
  installs?: string[];
}

/** docs/sizes.md and docs/sizes.json, from the rows of a whole end-to-end run. Never edited by hand. */
export function writeReport(
  dir: string,
  rows: Row[],
  engineVersion: string,
  baseSizes: Record<string, number>,
  notBuilt: NotBuilt[] = [],
): void {
  const sorted = [...rows].sort(
    (a, b) =>
      a.example.localeCompare(b.example) || RUNTIMES.indexOf(a.runtime as never) - RUNTIMES.indexOf(b.runtime as never),
  );
  writeFileSync(
    join(dir, 'sizes.json'),
    `${JSON.stringify({ engine: engineVersion, baseImages: baseSizes, rows: sorted }, null, 2)}\n`,
  );
  const official = new Map(
    Object.values(RUNTIME_DATA).flatMap((r) => r.images.map((i) => [i.image, i.sizeMB] as const)),
  );
  const examples = [...new Set([...sorted.map((r) => r.example), ...notBuilt.map((n) => n.name)])].sort();
  const cell = (r: Row | undefined, e: string, rt: string) => {
    if (!r) return notBuilt.some((n) => n.name === e && n.runtime === rt) ? 'not built ‡' : '';
    if (r.refused) return 'refused';
    return `${human(r.sizeBytes!)}${r.installs?.length ? ' †' : ''}${r.runs ? '' : ' ✗ did not run'}`;
  };
  const lines = [
    '# Final image sizes of the examples',
    '',
    '<!-- Written by the end-to-end suite (npm run test:e2e). Do not edit by hand. -->',
    '',
    `Every example generated for every runtime, built with Docker Engine ${engineVersion} (BuildKit) and run;`,
    'sizes are of the final image (`docker image inspect`, uncompressed). "refused" means the tool',
    'declines that combination because the program cannot run there (see the reason below).',
    '',
    `| example | ${RUNTIMES.join(' | ')} |`,
    `|---|${RUNTIMES.map(() => '---:').join('|')}|`,
    ...examples.map(
      (e) =>
        `| ${e} | ${RUNTIMES.map((rt) =>
          cell(
            sorted.find((r) => r.example === e && r.runtime === rt),
            e,
            rt,
          ),
        ).join(' | ')} |`,
    ),
    '',
    'The jre runtime applies to Java only. ‡ Not built by this suite (golden tests check the Dockerfile):',
    '',
    ...[...new Map(notBuilt.map((n) => [`${n.name}: ${n.why}`, n])).values()].map(
      (n) =>
        `- **${n.name}** on ${notBuilt
          .filter((x) => x.name === n.name && x.why === n.why)
          .map((x) => x.runtime)
          .join(', ')}: ${n.why}`,
    ),
    '',
    ...(sorted.some((r) => r.installs?.length)
      ? [
          '† The final stage installs packages with apt (' +
            [...new Set(sorted.flatMap((r) => r.installs ?? []))].join(', ') +
            '): the size is the base image, the',
          'packages and the program. The slim image keeps apt from caching package lists (/etc/apt/apt.conf.d/docker-clean),',
          'as the official one does, and the Dockerfile removes /var/lib/apt/lists in the same layer.',
          '',
        ]
      : []),
    '## Build time and layers',
    '',
    '| example | runtime | image | size | layers | build s | runs |',
    '|---|---|---|---:|---:|---:|---|',
    ...sorted
      .filter((r) => !r.refused)
      .map(
        (r) =>
          `| ${r.example} | ${r.runtime} | \`${r.image}\` | ${human(r.sizeBytes!)} | ${r.layers} | ${r.buildSeconds!.toFixed(1)} | ${r.runs ? 'yes' : 'no'} |`,
      ),
    '',
    '## Refused combinations',
    '',
    ...sorted.filter((r) => r.refused).map((r) => `- **${r.example} on ${r.runtime}**: ${r.reason}`),
    '',
    '## Base images',
    '',
    'A final image is its base plus the program. The base images this run used, as the engine',
    'measured them, beside the official amd64 size the tool assumes (data/runtimes.json). Where',
    'they differ, the engine had local stand-ins under the official tags (built from Debian',
    "packages on a machine without registry access): the program's own share is the same, the",
    'base is not.',
    '',
    '| image | measured here | official |',
    '|---|---:|---:|',
    ...Object.entries(baseSizes)
      .sort()
      .map(
        ([image, bytes]) =>
          `| \`${image}\` | ${human(bytes)} | ${official.has(image) ? `${official.get(image)} MB` : '-'} |`,
      ),
    '',
    'Build times depend on the machine and on the layer cache (two builds ran at a time, and',
    'examples share builder layers), so read them as rough.',
    '',
  ];
  writeFileSync(join(dir, 'sizes.md'), lines.join('\n'));
}
