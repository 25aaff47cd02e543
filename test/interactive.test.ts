import { expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { project } from './helpers.js';

/**
 * The CLI on a real terminal: `script` (util-linux) gives it a pseudo-TTY, so the prompts
 * appear; each keystroke is written only once the prompt's text is on screen.
 */
const BIN = fileURLToPath(new URL('../bin/create-slim-dockerfile.js', import.meta.url));
const EXAMPLES = fileURLToPath(new URL('../examples/', import.meta.url));
const DOWN = '\u001b[B';

async function session(dir: string, steps: [RegExp, string][]): Promise<{ code: number | null; screen: string }> {
  const child = spawn('script', ['-qec', `node ${BIN} ${dir}`, '/dev/null'], {
    env: { ...process.env, TERM: 'xterm', COLUMNS: '150' },
  });
  let screen = '';
  let step = 0;
  const onData = (d: Buffer) => {
    screen += d.toString();
    while (step < steps.length && steps[step]![0].test(screen)) child.stdin.write(steps[step++]![1]);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const code = await new Promise<number | null>((res, rej) => {
    child.on('error', rej);
    child.on('close', res);
  });
  return { code, screen: screen.replace(/\u001b\[[0-9;?]*[A-Z]/gi, '') };
}

test('on a terminal it asks which program and which final image, sizes shown, refusals disabled', async () => {
  const dir = project({});
  cpSync(join(EXAMPLES, 'go-multi'), dir, { recursive: true });
  const r = await session(dir, [
    [/Which program should the image run\?/, `${DOWN}`],
    [/❯ worker/, '\r'],
    [/Final image/, `${DOWN}`],
    [/❯ distroless/, '\r'],
  ]);
  expect(r.screen).toMatch(/scratch\s+0 MB\s+scratch/);
  expect(r.screen).toMatch(/distroless\s+2 MB\s+gcr\.io\/distroless\/static-debian12:nonroot/);
  expect(r.code).toBe(0);
  const df = readFileSync(join(dir, 'Dockerfile'), 'utf8');
  expect(df).toContain('./cmd/worker');
  expect(df).toContain('FROM gcr.io/distroless/static-debian12:nonroot');
}, 20_000);

test('on a terminal an existing different Dockerfile is shown as a diff on request, then kept', async () => {
  const dir = project({ Dockerfile: 'FROM mine\n' });
  cpSync(join(EXAMPLES, 'go-cgo'), dir, { recursive: true });
  const r = await session(dir, [
    [/Final image/, '\r'],
    [/Overwrite it/, 'd\r'],
    [/\+FROM busybox:glibc[\s\S]*Overwrite it/, 'n\r'],
  ]);
  expect(r.screen).toMatch(/- scratch\s+--\s+\(needs glibc\)/);
  expect(r.screen).toContain('-FROM mine');
  expect(r.code).toBe(0);
  expect(r.screen).toMatch(/kept\s+\S*Dockerfile/);
  expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe('FROM mine\n');
}, 20_000);
