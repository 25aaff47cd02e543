import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A throwaway project directory holding exactly these files. */
export function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'csd-test-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

export const GO_MAIN = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hi") }\n';
export const C_MAIN = '#include <stdio.h>\nint main(void) { puts("hi"); return 0; }\n';
/** A Go module with one main package, and any other files. */
export const goProject = (extra: Record<string, string> = {}) =>
  project({ 'go.mod': 'module example.com/app\n\ngo 1.22\n', 'main.go': GO_MAIN, ...extra });

/**
 * The CLI run in-process, as the built one runs it but without starting node: its exit code and
 * what it printed (stdin is no terminal). Runs that need a process of their own (signals, --help
 * printed by yargs, another user, an empty environment) spawn bin/create-slim-dockerfile.js instead.
 */
export async function runCli(args: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const { main } = await import('../src/cli/index.js');
  const out: string[] = [];
  const err: string[] = [];
  const exitCode = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s), interactive: false });
  return { exitCode, stdout: out.join('\n'), stderr: err.join('\n') };
}
