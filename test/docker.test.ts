import { describe, expect, test } from '@jest/globals';
import { diagnose, formatCompare, human, imageTag } from '../src/docker.js';

describe('diagnosing containers that do not run (no engine needed)', () => {
  test.each([
    ['exec /app/x: no such file or directory', /loader or C library/],
    ['/app/x: error while loading shared libraries: libgcc_s.so.1: cannot open shared object file', /libgcc_s\.so\.1 is missing/],
    ['Get "https://x": tls: failed to verify certificate: x509: certificate signed by unknown authority', /CA certificates/],
    ['user: unknown userid 65532', /passwd/],
  ])('%s', (output, hint) => expect(diagnose(output)).toMatch(hint));
  test('nothing recognisable: no guess', () => expect(diagnose('panic: boom')).toBeUndefined());
});

test('human sizes', () => {
  expect([human(0), human(17_800), human(1_230_000), human(79_300_000), human(1_650_000_000)]).toEqual(['0 B', '17.8 kB', '1.23 MB', '79.3 MB', '1.65 GB']);
});

test('the compare table marks the default and lists refusals', () => {
  const text = formatCompare({ name: 'x', lang: 'go', default: 'busybox-glibc', rows: [
    { runtime: 'scratch', possible: false, note: 'needs glibc' },
    { runtime: 'busybox-glibc', possible: true, builds: true, runs: true, sizeBytes: 5_190_000, ratio: 1, seconds: 3.2, note: 'ok' },
  ] });
  expect(text).toMatch(/● busybox-glibc\s+5\.19 MB\s+1\.0×\s+3\.2\s+yes\s+yes\s+ok/);
  expect(text).toMatch(/ {2}scratch\s+-\s+-\s+-\s+refused\s+-\s+needs glibc/);
});

test('image tags are valid for any program name', () => {
  expect([imageTag('MyApp'), imageTag('calc'), imageTag('g++tool'), imageTag('_x'), imageTag('v1.2-beta')]).toEqual(['myapp', 'calc', 'g-tool', 'x', 'v1.2-beta']);
});
