// Checks the system tools the tests need and, as root on Debian, installs what is missing.
// Elsewhere it prints the one command that installs them and fails.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const PACKAGES_FILE = new URL('./system-packages.txt', import.meta.url);

export function systemPackages(): string[] {
  return readFileSync(PACKAGES_FILE, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

interface Probe {
  what: string;
  ok: () => boolean;
}

const runs = (cmd: string, args: string[]) =>
  spawnSync(cmd, args, { stdio: 'ignore', timeout: 20_000 }).status === 0;

const PROBES: Probe[] = [
  { what: 'ffmpeg', ok: () => runs('ffmpeg', ['-hide_banner', '-version']) },
  { what: 'ffprobe', ok: () => runs('ffprobe', ['-hide_banner', '-version']) },
  { what: 'socat', ok: () => runs('socat', ['-V']) },
  { what: 'chromium', ok: () => runs('/usr/bin/chromium', ['--version']) },
  {
    what: 'GStreamer RTSP server (python3-gi)',
    ok: () =>
      runs('/usr/bin/python3', [
        '-c',
        "import gi; gi.require_version('GstRtspServer', '1.0'); " +
          'from gi.repository import GstRtspServer',
      ]),
  },
];

export function missingTools(): string[] {
  return PROBES.filter((p) => !p.ok()).map((p) => p.what);
}

function debianPackagesMissing(packages: string[]): string[] {
  return packages.filter((p) => !runs('dpkg', ['-s', p]));
}

/** Ensures the tools exist; returns an error message when they cannot be had. */
export function ensureSystemTools(log: (line: string) => void): string | null {
  const packages = systemPackages();
  const isDebian = runs('dpkg', ['--version']) && runs('apt-get', ['--version']);
  const missingPkgs = isDebian ? debianPackagesMissing(packages) : [];
  const missing = missingTools();
  if (missing.length === 0 && missingPkgs.length === 0) return null;

  const command = `apt-get install -y --no-install-recommends ${packages.join(' ')}`;
  const root = process.getuid?.() === 0;
  if (!isDebian || !root) {
    return `missing system tools: ${[...missing, ...missingPkgs].join(', ')}. ` +
      `Install them with: sudo apt-get update && sudo ${command}`;
  }

  log(`installing system packages: ${missingPkgs.join(' ') || packages.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
    stdio: 'inherit',
    env,
  });

  const still = missingTools();
  return still.length ? `still missing after apt-get: ${still.join(', ')}` : null;
}
