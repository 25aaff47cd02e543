import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * What an example needs beyond its files, from expected/e2e.json:
 * - flags: CLI flags for the end-to-end build (`--static glibc` where the local Rust image has no musl target);
 * - args: arguments for the container run;
 * - cargoLock: Cargo.lock is made at test time (a committed one would carry the registry's address):
 *   golden tests use expected/Cargo.lock.skeleton (the same lock without sources and checksums),
 *   end-to-end runs `cargo generate-lockfile`.
 */
export interface ExampleSetup { flags?: string[]; args?: string[]; cargoLock?: boolean }

export function setupOf(exampleDir: string): ExampleSetup {
  const f = join(exampleDir, 'expected', 'e2e.json');
  return existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) as ExampleSetup : {};
}

/** A copy of the example without expected/, with its Cargo.lock made as `setupOf` says. */
export function exampleCopy(exampleDir: string, name: string, lock: 'skeleton' | 'real'): string {
  const dir = mkdtempSync(join(tmpdir(), `csd-ex-${name}-`));
  cpSync(exampleDir, dir, { recursive: true, filter: (src) => !src.startsWith(join(exampleDir, 'expected')) });
  if (setupOf(exampleDir).cargoLock) {
    if (lock === 'skeleton') copyFileSync(join(exampleDir, 'expected', 'Cargo.lock.skeleton'), join(dir, 'Cargo.lock'));
    else execFileSync('cargo', ['generate-lockfile', '--quiet'], { cwd: dir, stdio: 'pipe' });
  }
  return dir;
}
