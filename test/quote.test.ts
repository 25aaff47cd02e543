import { describe, expect, test } from '@jest/globals';
import { generate } from '../src/index.js';
import { execForm, safeName, safeRelPath, shellWord } from '../src/core/quote.js';
import { C_MAIN, project } from './helpers.js';

describe('quoting of values from project files', () => {
  test('exec form is JSON', () => {
    expect(execForm(['/app/x', 'a "b"', "c'd"])).toBe('["/app/x", "a \\"b\\"", "c\'d"]');
    // A comma inside a word stays as it is.
    expect(execForm(['serve', 'a,b'])).toBe('["serve", "a,b"]');
  });
  test('names with $, spaces, quotes or slashes are refused with the flag to fix it', () => {
    for (const bad of ['$HOME', 'a b', 'x"y', 'a/b', '-rf', '', 'x\ny']) {
      expect(() => safeName(bad, 'Program name', '--entry')).toThrow(
        expect.objectContaining({ code: 'E_UNSAFE_VALUE', hint: expect.stringContaining('--entry') }),
      );
    }
    expect(safeName('my-app_2.0+x', 'n', '--entry')).toBe('my-app_2.0+x');
  });
  test('relative paths stay inside the project', () => {
    for (const bad of ['../x', '/etc', 'a/../../b', 'a b', '$(x)'])
      expect(() => safeRelPath(bad, 'p', '--entry')).toThrow();
    expect(safeRelPath('cmd/api', 'p', '--entry')).toBe('cmd/api');
  });
  test('shell words are single-quoted when not plainly safe', () => {
    expect(shellWord('-static-libstdc++ -static-libgcc')).toBe("'-static-libstdc++ -static-libgcc'");
    expect(shellWord("it's")).toBe("'it'\\''s'");
    expect(shellWord('main.c')).toBe('main.c');
  });
  test('a hostile CMake target name never reaches the Dockerfile', async () => {
    const dir = project({ 'CMakeLists.txt': 'project(x)\nadd_executable("$(reboot)" main.c)\n', 'main.c': C_MAIN });
    // Refused either way: as a name that is no plain name, or, being made of a variable-like $(...), as no program.
    await expect(generate(dir)).rejects.toMatchObject({ code: expect.stringMatching(/^E_(?:UNSAFE_VALUE|NO_ENTRY)$/) });
  });
});

test('a refused value names the file it came from', async () => {
  const dir = project({ 'CMakeLists.txt': 'project(x)\nadd_executable("a b" main.c)\n', 'main.c': C_MAIN });
  await expect(generate(dir)).rejects.toMatchObject({
    code: 'E_UNSAFE_VALUE',
    message: expect.stringContaining('(from add_executable in CMakeLists.txt)'),
  });
  const go = project({ 'go.mod': 'module example.com/a$b\n', 'main.go': 'package main\nfunc main() {}\n' });
  await expect(generate(go)).rejects.toMatchObject({
    message: expect.stringContaining('(from the module path in go.mod)'),
  });
});
