/** Why a container failed, from what it printed: a cause and its fix, or nothing when it is not recognised. */
export function diagnose(output: string): string | undefined {
  if (
    /exec .*: no such file or directory|exec format error|not found.*ld-linux|No such file or directory.*\/app\//.test(
      output,
    )
  ) {
    return "the binary's loader or C library is missing from the image: a glibc binary on musl (alpine) or on scratch. Build it static, or use a glibc runtime (busybox-glibc, distroless, slim).";
  }
  const lib = /error while loading shared libraries: ([^\s:]+)/.exec(output);
  if (lib)
    return `${lib[1]} is missing from the image: link it statically or choose a runtime that has it (slim has libgcc_s, libstdc++ and zlib).`;
  if (
    /x509: certificate signed by unknown authority|certificate verify failed|unable to get local issuer certificate/.test(
      output,
    )
  ) {
    return 'no CA certificates in the image: copy /etc/ssl/certs/ca-certificates.crt from the build stage.';
  }
  if (/unknown userid|user: unknown user|no matching entries in passwd/.test(output))
    return 'the user is not in /etc/passwd: add a passwd entry for the uid the image runs as.';
  return undefined;
}
