/** The devnet CLI's options that need no running devnet: --help lists them, bad values exit 2 with the reason. */
import { spawnSync } from 'node:child_process'

import { expect, it } from 'vitest'

const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'devnet/cli.ts', ...args], {
    encoding: 'utf8',
    timeout: 30_000,
  })

it('--help documents --messenger and --message-expiry', () => {
  const { status, stdout } = cli('--help')
  expect(status).toBe(0)
  expect(stdout).toMatch(
    /--messenger <1\|2>\s+L2ToL2CrossDomainMessenger: 1 = 1\.3\.0 \(default\), 2 = the proposed 2\.0\.0/,
  )
  expect(stdout).toMatch(/--message-expiry <s>/)
})

it('refuses a messenger version it does not have', () => {
  const { status, stderr } = cli('--messenger', '3')
  expect(status).toBe(2)
  expect(stderr).toMatch(/--messenger expects 1 or 2, got '3'/)
})
