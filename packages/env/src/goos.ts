// Go's names for the platform Node.js runs on.

/** The GOOS/GOARCH pairs Go 1.19 supports, as `go tool dist list` prints them. */
export const goosArchPairs: readonly string[] = [
  'aix/ppc64',
  'android/386',
  'android/amd64',
  'android/arm',
  'android/arm64',
  'darwin/amd64',
  'darwin/arm64',
  'dragonfly/amd64',
  'freebsd/386',
  'freebsd/amd64',
  'freebsd/arm',
  'freebsd/arm64',
  'illumos/amd64',
  'ios/amd64',
  'ios/arm64',
  'js/wasm',
  'linux/386',
  'linux/amd64',
  'linux/arm',
  'linux/arm64',
  'linux/loong64',
  'linux/mips',
  'linux/mips64',
  'linux/mips64le',
  'linux/mipsle',
  'linux/ppc64',
  'linux/ppc64le',
  'linux/riscv64',
  'linux/s390x',
  'netbsd/386',
  'netbsd/amd64',
  'netbsd/arm',
  'netbsd/arm64',
  'openbsd/386',
  'openbsd/amd64',
  'openbsd/arm',
  'openbsd/arm64',
  'openbsd/mips64',
  'plan9/386',
  'plan9/amd64',
  'plan9/arm',
  'solaris/amd64',
  'windows/386',
  'windows/amd64',
  'windows/arm',
  'windows/arm64',
];

const osNames: Readonly<Record<string, string>> = { win32: 'windows', sunos: 'solaris', cygwin: 'windows' };

/** goosOf returns Go's GOOS for a Node.js process.platform: win32 is windows, sunos solaris, others the same. */
export function goosOf(platform: string): string {
  return osNames[platform] ?? platform;
}

/**
 * goarchOf returns Go's GOARCH for a Node.js process.arch and byte order: x64 is amd64, ia32 386, ppc64 on a
 * little-endian machine ppc64le, mipsel mipsle, mips64el mips64le, others the same.
 */
export function goarchOf(arch: string, endianness: 'BE' | 'LE'): string {
  switch (arch) {
    case 'x64':
      return 'amd64';
    case 'ia32':
      return '386';
    case 'ppc64':
      return endianness === 'LE' ? 'ppc64le' : 'ppc64';
    case 'mipsel':
      return 'mipsle';
    case 'mips64el':
      return 'mips64le';
    default:
      return arch;
  }
}

/** checkGOOSARCHPair returns Go's error for an unsupported pair, "unsupported GOOS/GOARCH pair goos/goarch", or undefined. */
export function checkGOOSARCHPair(goos: string, goarch: string): string | undefined {
  return goosArchPairs.includes(`${goos}/${goarch}`)
    ? undefined
    : `unsupported GOOS/GOARCH pair ${goos}/${goarch}`;
}
