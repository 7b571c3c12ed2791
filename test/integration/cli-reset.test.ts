/**
 * The devnet-restart story as a CLI user lives it (docs/ARCHITECTURE.md §5): each command a new process over one
 * state file. Before the restart a transfer is relayed and another left ready; after it, `status` says the chains
 * were reset and marks both gone (never "ready", `relay` refused), the same transfer sent again — same nonce, same
 * message hash — is tracked at its live position and relays, `watch` finds it from fresh cursors, and `forget`
 * removes what is gone.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import type { Hex } from 'viem'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { startTestDevnet, type TestDevnet } from '../fixtures/devnet'

const repo = fileURLToPath(new URL('../..', import.meta.url))
let devnet: TestDevnet
let dir: string

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const childEnv: Record<string, string | undefined> = { ...process.env, ...env, NO_COLOR: '1' }
  if (!env.SUPERCHAIN_RELAY_PRIVATE_KEY) delete childEnv.SUPERCHAIN_RELAY_PRIVATE_KEY
  delete childEnv.SUPERCHAIN_RELAY_STATE
  const rpc = devnet.chains.flatMap((c) => ['--rpc', `${c.id}=${c.rpcUrl}`])
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['bin/superchain-relay.mjs', ...args, ...rpc, '--state', join(dir, 'state.json')],
      {
        cwd: repo,
        env: childEnv,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

const KEY = () => ({ SUPERCHAIN_RELAY_PRIVATE_KEY: devnet.accounts[2].privateKey })
type Listed = {
  hash: Hex
  status: string
  sourceTransactionHash: Hex
  initiatingLog?: { transactionHash: Hex }
}
const statuses = async (): Promise<Listed[]> => JSON.parse((await cli(['status', '--json'])).stdout).messages

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'superchain-relay-cli-reset-'))
  devnet = await startTestDevnet()
})
afterAll(async () => {
  await devnet?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

it('restart the devnet, keep the state file: gone is gone, the same hash sent again relays', async () => {
  const alice = devnet.accounts[0].address
  const first = await devnet.sendMock({ amount: 0n })
  const tracked = await cli(['track', '--chain', '901', '--tx', first.transactionHash, '--json'])
  expect(tracked.code).toBe(0)
  const hash = (JSON.parse(tracked.stdout) as { messages: Listed[] }).messages[0]!.hash
  expect((await cli(['relay', hash, '--yes'], KEY())).code).toBe(0)
  const second = await devnet.sendMock({ amount: 0n, to: devnet.accounts[3].address })
  const other = (
    JSON.parse((await cli(['track', '--chain', '901', '--tx', second.transactionHash, '--json'])).stdout) as {
      messages: Listed[]
    }
  ).messages[0]!.hash
  expect((await cli(['watch', '--once', '--account', alice])).code).toBe(0)

  await devnet.restart()

  // The first status after the restart notices it and says so; the transfers are re-checked, then marked gone.
  const noticed = await cli(['status'])
  expect(noticed.stderr).toMatch(/chain 901 was reset \(a devnet restart\?\)/)
  expect(noticed.stdout).not.toMatch(/^ready/m)
  let listed = await statuses()
  for (let i = 0; i < 5 && listed.some((m) => m.status !== 'vanished'); i++) listed = await statuses()
  expect(listed.map((m) => m.status)).toEqual(['vanished', 'vanished'])
  const detail = await cli(['status', other])
  expect(detail.stdout).toMatch(/location +Devnet L2 A was reset: this message no longer exists there/)
  expect(detail.stdout).toMatch(/next +.*superchain-relay forget/)
  const refused = await cli(['relay', other, '--yes'], KEY())
  expect(refused.code).toBe(5)
  expect(refused.stderr).toMatch(/no longer exists on chain 901/)

  // The same transfer on the fresh chain: nonce 0 again, so the same message hash at a new position.
  const again = await devnet.sendMock({ amount: 0n })
  const retracked = JSON.parse(
    (await cli(['track', '--chain', '901', '--tx', again.transactionHash, '--json'])).stdout,
  ) as {
    messages: Listed[]
  }
  const live = retracked.messages[0]!
  expect(live.hash).toBe(hash)
  expect(live.initiatingLog?.transactionHash).toBe(again.transactionHash)
  expect(['initiated', 'ready']).toContain(live.status)
  const relay = await cli(['relay', hash, '--yes'], KEY())
  expect(relay.code).toBe(0)
  expect(relay.stdout).toMatch(/^relayed: tx 0x/m)

  // Account discovery starts again on the new chains; what is gone can be removed.
  const watched = JSON.parse((await cli(['watch', '--once', '--json'])).stdout) as { messages: Listed[] }
  expect(watched.messages.find((m) => m.hash === hash)?.sourceTransactionHash).toBe(again.transactionHash)
  expect((await cli(['forget', other])).code).toBe(0)
  expect((await statuses()).map((m) => m.hash)).toEqual([hash])
}, 240_000) // some fifteen CLI runs, each a new process loading viem through tsx
