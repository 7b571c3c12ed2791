import { defineConfig } from 'vitest/config'

// Unit tests sit beside the code; integration tests (test/integration) start their own devnet on
// free ports, so files can run in parallel. e2e tests (test/e2e) drive Debian's Chromium.
export default defineConfig({
  test: {
    include: [
      'src/**/*.test.{ts,tsx}',
      'cli/**/*.test.ts',
      'devnet/**/*.test.ts',
      'extension/**/*.test.{ts,tsx}',
      'widget/**/*.test.{ts,tsx}',
      'examples/**/*.test.{ts,tsx}',
      'test/**/*.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
})
