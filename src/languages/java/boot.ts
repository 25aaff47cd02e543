/** Spring Boot: how an extracted jar is laid out and started, by the Boot version. */

/** Which extraction a Spring Boot version supports: jarmode=tools from 3.3, layertools before. */
export function bootLayout(version: string | undefined): 'tools' | 'layertools' {
  const m = /^(\d+)\.(\d+)/.exec(version ?? '');
  if (!m) return 'tools';
  const [maj, min] = [Number(m[1]), Number(m[2])];
  return maj > 3 || (maj === 3 && min >= 3) ? 'tools' : 'layertools';
}

/** The launcher class of an extracted Boot jar before 3.3: it moved to ...loader.launch in 3.2. */
export function launcherFor(version: string | undefined): string {
  const m = /^(\d+)\.(\d+)/.exec(version ?? '');
  return m && (Number(m[1]) > 3 || (Number(m[1]) === 3 && Number(m[2]) >= 2))
    ? 'org.springframework.boot.loader.launch.JarLauncher'
    : 'org.springframework.boot.loader.JarLauncher';
}
