import { describe, expect, test } from '@jest/globals';
import { canWrite, homeOf, parseProcNetTcp, tarOwner } from '../src/verify.js';
import { diagnose, formatCompare, human, imageTag } from '../src/docker.js';

describe('diagnosing containers that do not run (no engine needed)', () => {
  test.each([
    ['exec /app/x: no such file or directory', /loader or C library/],
    [
      '/app/x: error while loading shared libraries: libgcc_s.so.1: cannot open shared object file',
      /libgcc_s\.so\.1 is missing/,
    ],
    [
      'Get "https://x": tls: failed to verify certificate: x509: certificate signed by unknown authority',
      /CA certificates/,
    ],
    ['user: unknown userid 65532', /passwd/],
  ])('%s', (output, hint) => expect(diagnose(output)).toMatch(hint));
  test('nothing recognisable: no guess', () => expect(diagnose('panic: boom')).toBeUndefined());
});

test('human sizes', () => {
  expect([human(0), human(17_800), human(1_230_000), human(79_300_000), human(1_650_000_000)]).toEqual([
    '0 B',
    '17.8 kB',
    '1.23 MB',
    '79.3 MB',
    '1.65 GB',
  ]);
});

test('the compare table marks the default and lists refusals', () => {
  const text = formatCompare({
    name: 'x',
    lang: 'go',
    default: 'busybox-glibc',
    rows: [
      { runtime: 'scratch', possible: false, note: 'needs glibc' },
      {
        runtime: 'busybox-glibc',
        possible: true,
        builds: true,
        runs: true,
        sizeBytes: 5_190_000,
        ratio: 1,
        seconds: 3.2,
        linkage: 'a dynamic glibc binary with the libraries it links (ldd) copied beside it',
        note: 'ok',
      },
    ],
  });
  expect(text).toMatch(
    /● busybox-glibc\s+5\.19 MB\s+1\.0×\s+3\.2\s+yes\s+yes\s+a dynamic glibc binary with the libraries it li…\s+ok/,
  );
  expect(text).toMatch(/ {2}scratch\s+-\s+-\s+-\s+refused\s+-\s+-\s+needs glibc/);
});

test('image tags are valid for any program name', () => {
  expect([imageTag('MyApp'), imageTag('calc'), imageTag('g++tool'), imageTag('_x'), imageTag('v1.2-beta')]).toEqual([
    'myapp',
    'calc',
    'g-tool',
    'x',
    'v1.2-beta',
  ]);
});

describe('--verify reads listening sockets from /proc/net/tcp', () => {
  test('LISTEN entries only, IPv4 and IPv6, loopback told apart', () => {
    const tcp = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000 65532        0 1 1 0000000000000000 100 0 0 10 0',
      '   1: 0100007F:1F91 00000000:0000 0A 00000000:00000000 00:00000000 00000000 65532        0 2 1 0000000000000000 100 0 0 10 0',
      '   2: 0100007F:1F92 0100007F:D2E4 01 00000000:00000000 00:00000000 00000000 65532        0 3 1 0000000000000000 20 4 30 10 -1',
    ].join('\n');
    const tcp6 = [
      '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 00000000000000000000000000000000:0BB8 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4 1 0000000000000000 100 0 0 10 0',
      '   1: 00000000000000000000000001000000:0BB9 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 5 1 0000000000000000 100 0 0 10 0',
    ].join('\n');
    expect(parseProcNetTcp(`${tcp}\n${tcp6}`)).toEqual([
      { port: 8080, address: '0.0.0.0', loopback: false },
      { port: 8081, address: '127.0.0.1', loopback: true },
      { port: 3000, address: '::', loopback: false },
      { port: 3001, address: '::1', loopback: true },
    ]);
  });
});

describe('--verify says whether HOME and the working directory are writable', () => {
  const header = (mode: number, uid: number, gid: number) => {
    const b = Buffer.alloc(512);
    b.write('home/nonroot/', 0, 'latin1');
    b.write(`${mode.toString(8).padStart(7, '0')}\0`, 100, 'latin1');
    b.write(`${uid.toString(8).padStart(7, '0')}\0`, 108, 'latin1');
    b.write(`${gid.toString(8).padStart(7, '0')}\0`, 116, 'latin1');
    return b;
  };
  test('the ustar header of docker cp gives the owner and mode', () => {
    expect(tarOwner(header(0o755, 65532, 65532))).toEqual({ mode: 0o755, uid: 65532, gid: 65532 });
    expect(tarOwner(Buffer.alloc(10))).toBeUndefined();
  });
  test('owner, group and others, as the kernel checks them', () => {
    expect(canWrite({ mode: 0o755, uid: 65532, gid: 65532 }, 65532, 65532)).toBe(true);
    expect(canWrite({ mode: 0o755, uid: 0, gid: 0 }, 65532, 65532)).toBe(false);
    expect(canWrite({ mode: 0o1777, uid: 0, gid: 0 }, 65532, 65532)).toBe(true);
    expect(canWrite({ mode: 0o775, uid: 0, gid: 65532 }, 65532, 65532)).toBe(true);
    expect(canWrite({ mode: 0o555, uid: 65532, gid: 65532 }, 65532, 65532)).toBe(false);
    expect(canWrite({ mode: 0o755, uid: 0, gid: 0 }, 0, 0)).toBe(true);
  });
  test("the home is the passwd entry's for the uid, else Docker's /", () => {
    const passwd = 'root:x:0:0:root:/root:/bin/sh\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n';
    expect(homeOf(passwd, 65532)).toBe('/home/nonroot');
    expect(homeOf(passwd, 1000)).toBe('/');
    expect(homeOf('', 65532)).toBe('/');
  });
});
