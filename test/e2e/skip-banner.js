// Runs in jest's main process (globalSetup and globalTeardown), where output is never
// swallowed: when the end-to-end suite is skipped knowingly, say so before and after it.
import { spawnSync } from 'node:child_process';

export default function skipBanner() {
  if (process.env.CSD_E2E_SKIP !== '1') return;
  const docker = process.env.DOCKER || 'docker';
  const r = spawnSync(docker, ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8' });
  if (r.status === 0) return;
  const why = r.error ? String(r.error.message) : (r.stderr || '').trim().split('\n').pop();
  const bar = '!'.repeat(78);
  process.stderr.write(
    `\n${bar}\n!! END-TO-END SUITE SKIPPED (CSD_E2E_SKIP=1): no Docker engine (${why}).\n!! Nothing was built or run; no image was checked.\n${bar}\n`,
  );
}
