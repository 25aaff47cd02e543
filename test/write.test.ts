import { describe, expect, test } from '@jest/globals';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFiles } from '../src/write.js';
import { project } from './helpers.js';

const FILES = [
  { name: 'Dockerfile' as const, content: 'FROM scratch\n' },
  { name: '.dockerignore' as const, content: '.git\n' },
];

describe('writing never loses a file', () => {
  test('new files are created, identical ones left alone', async () => {
    const dir = project({});
    expect((await writeFiles(dir, FILES)).map((r) => r.result)).toEqual(['created', 'created']);
    expect((await writeFiles(dir, FILES)).map((r) => r.result)).toEqual(['identical', 'identical']);
    expect(readdirSync(dir).sort()).toEqual(['.dockerignore', 'Dockerfile']);
  });
  test('a different Dockerfile is a conflict: nothing at all is written', async () => {
    const dir = project({ Dockerfile: 'FROM mine\n' });
    await expect(writeFiles(dir, FILES)).rejects.toMatchObject({
      code: 'E_CONFLICT',
      hint: expect.stringContaining('--force'),
    });
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe('FROM mine\n');
    expect(existsSync(join(dir, '.dockerignore'))).toBe(false);
  });
  test('--force overwrites and keeps the old file as .bak', async () => {
    const dir = project({ Dockerfile: 'FROM mine\n' });
    const r = await writeFiles(dir, FILES, { force: true });
    expect(r[0]).toMatchObject({ result: 'overwritten', backup: join(dir, 'Dockerfile.bak') });
    expect(readFileSync(join(dir, 'Dockerfile.bak'), 'utf8')).toBe('FROM mine\n');
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe('FROM scratch\n');
  });
  test('a second --force never replaces the first backup, and the file keeps its permissions', async () => {
    const dir = project({ Dockerfile: 'FROM mine\n' });
    chmodSync(join(dir, 'Dockerfile'), 0o640);
    await writeFiles(dir, FILES, { force: true });
    const r = await writeFiles(dir, [{ name: 'Dockerfile', content: 'FROM other\n' }], { force: true });
    expect(r[0]!.backup).toBe(join(dir, 'Dockerfile.bak.1'));
    expect(readFileSync(join(dir, 'Dockerfile.bak'), 'utf8')).toBe('FROM mine\n');
    expect(readFileSync(join(dir, 'Dockerfile.bak.1'), 'utf8')).toBe('FROM scratch\n');
    expect(statSync(join(dir, 'Dockerfile')).mode & 0o777).toBe(0o640);
  });
  test('a confirm callback decides per file and sees the diff', async () => {
    const dir = project({ Dockerfile: 'FROM mine\n', '.dockerignore': 'old\n' });
    const seen: string[] = [];
    const r = await writeFiles(dir, FILES, {
      confirm: (f) => {
        seen.push(f.diff!);
        return Promise.resolve(f.name === '.dockerignore');
      },
    });
    expect(r.map((x) => x.result)).toEqual(['kept', 'overwritten']);
    expect(seen[0]).toContain('-FROM mine');
    expect(seen[0]).toContain('+FROM scratch');
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe('FROM mine\n');
  });
  test('no temporary files are left behind', async () => {
    const dir = project({});
    writeFileSync(join(dir, 'keep.txt'), 'x');
    await writeFiles(dir, FILES);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });
});
