import { execa } from 'execa';

/** Whether a Docker engine answers, and if not, why. */
export async function engineStatus(): Promise<{ ok: true; version: string } | { ok: false; why: string }> {
  const docker = process.env.DOCKER || 'docker';
  const r = await execa(docker, ['version', '--format', '{{.Server.Version}}'], { reject: false });
  if (r.exitCode === 0) return { ok: true, version: r.stdout.trim() };
  return { ok: false, why: `${docker} version failed: ${(r.stderr || String(r.message)).trim().split('\n').pop()}` };
}

export const SKIP_ENV = 'CSD_E2E_SKIP';

/** A banner that cannot be missed in a CI log. */
export function loud(message: string): string {
  const bar = '!'.repeat(78);
  return `\n${bar}\n!! ${message}\n${bar}\n`;
}
