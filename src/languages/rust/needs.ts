import type { Scan } from '../../core/scan.js';
import type { Decision, Fact, Needs } from '../../core/types.js';
import { serverCommand } from '../shared.js';
import type { LockIndex } from './lock.js';

/** Crates that read the system's CA certificates, in the order their name is given as the reason. */
const NATIVE_ROOTS = ['rustls-native-certs', 'rustls-platform-verifier', 'openssl-probe', 'native-tls', 'openssl-sys'];

/** Crates that find the user's home or XDG folders: the program keeps files there and needs a real HOME. */
const HOME_CRATES = [
  'dirs',
  'dirs-next',
  'directories',
  'directories-next',
  'home',
  'xdg',
  'etcetera',
  'confy',
  'app_dirs2',
];

/** Web frameworks: a program that uses one and listens may need a subcommand to serve. */
const WEB_FRAMEWORKS = ['axum', 'actix-web', 'warp', 'rocket', 'hyper'];

/** What the program needs at run time: CA certificates (unless the roots are compiled in), a home, a serving subcommand. */
export function runNeeds(
  scan: Scan,
  name: string,
  port: Fact<number> | undefined,
  inLock: LockIndex,
): { needs: Needs; decision: Decision | undefined } {
  const needs: Needs = {};
  let decision: Decision | undefined;
  const nativeRoots = NATIVE_ROOTS.find((c) => inLock.has(c));
  if (nativeRoots) needs.certs = `${nativeRoots} in Cargo.lock reads the system's CA certificates`;
  else if (inLock.has('webpki-roots'))
    decision = {
      topic: 'CA certificates',
      choice: 'not needed',
      because: 'webpki-roots in Cargo.lock: the roots are compiled in',
    };
  const home = HOME_CRATES.find((c) => inLock.has(c));
  if (home) needs.home = `${home} in Cargo.lock finds the user's home`;
  if (port && WEB_FRAMEWORKS.some((c) => inLock.has(c))) {
    const command = serverCommand(scan, name);
    if (command) needs.command = command;
  }
  return { needs, decision };
}
