import { defineConfig } from 'vitest/config'

// Unit tests sit beside the code; integration tests (test/integration) start their own devnet on
// free ports, so files can run in parallel. e2e tests (test/e2e) drive Debian's Chromium.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'devnet/**/*.test.ts', 'extension/**/*.test.ts', 'widget/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
})
