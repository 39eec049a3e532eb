import { defineConfig } from 'vitest/config';

// One run holds unit, integration and end-to-end tests. Files run one at a time: the end-to-end
// suites start the product with its serial pty, RTSP camera and Chromium, and a 2-core machine
// gives truer timings when they do not compete.
export default defineConfig({
  test: {
    include: [
      'electron/**/*.test.ts',
      'native/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
      'scripts/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    fileParallelism: false,
    testTimeout: 30_000,
    // A poll is a bounded wait for what a page or the product shows; its 1-s default is shorter
    // than a loaded 2-core machine may take to show a passage or answer a click.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
