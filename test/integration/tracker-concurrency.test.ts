/**
 * One writer per message (docs/ARCHITECTURE.md §5): a poll that is waiting on a slow RPC while a relay is recorded,
 * an import lands, or another process (a CLI run on the same state file) relays or tracks — nothing any of them
 * wrote is lost, because the poll's results are applied as events to the record as it is when they arrive.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import type { Address, Hex } from 'viem'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { openFileStore, type FileStore } from '../../cli/fileStore'
import type { MessageStatus, TrackedMessage } from '../../src/core/model/message'
import { normalizeAddress } from '../../src/core/model/message'
import { exportHistory } from '../../src/core/store/serialize'
import { createMemoryStore } from '../../src/core/store/memoryStore'
import type { MessageStore } from '../../src/core/store/types'
import type { Tracker } from '../../src/core/tracker/api'
import { startTestDevnet, type TestDevnet } from '../fixtures/devnet'
import { startFaultyRpc, type FaultyRpc } from '../fixtures/faultyRpc'
import { createTestTracker, devnetChainConfigs, relayApproved } from '../fixtures/tracker'

const repo = fileURLToPath(new URL('../..', import.meta.url))
let devnet: TestDevnet
let slow: FaultyRpc
let dir: string

beforeAll(async () => {
  devnet = await startTestDevnet()
  slow = await startFaultyRpc({ upstreams: [devnet.chain(902).rpcUrl] })
  dir = await mkdtemp(join(tmpdir(), 'superchain-relay-concurrency-'))
})
afterAll(async () => {
  await slow?.close()
  await devnet?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

/** A tracker whose destination (902) goes through the slow proxy, and a local-key signer (account #2). */
async function slowTracker(store: MessageStore): Promise<Tracker> {
  const chains = devnetChainConfigs(devnet).map((c) => (c.id === 902 ? { ...c, rpcUrl: slow.url } : c))
  return (await createTestTracker(devnet, { store, chains })).tracker
}

async function until(tracker: Tracker, hash: Hex, statuses: MessageStatus[]): Promise<TrackedMessage> {
  for (let i = 0; i < 60; i++) {
    await tracker.poll()
    const m = await tracker.getMessage(hash)
    if (m && statuses.includes(m.status)) return m
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${hash} never reached ${statuses.join('/')}`)
}

async function readyMessage(
  tracker: Tracker,
  to: Address = devnet.accounts[1].address,
): Promise<TrackedMessage> {
  const receipt = await devnet.sendMock({ amount: 0n, to })
  const [message] = await tracker.trackTransaction(901, receipt.transactionHash)
  return until(tracker, message!.hash, ['ready'])
}

/** Start a poll whose destination read (the successfulMessages multicall) hangs for `ms`; resolves once it waits. */
async function slowPoll(tracker: Tracker, ms: number): Promise<Promise<unknown>> {
  const seen = slow.requests.length
  slow.inject({ fault: { kind: 'delay', ms }, methods: ['eth_call'], times: 1 })
  const poll = tracker.poll()
  while (!slow.requests.slice(seen).some((r) => r.fault === 'delay'))
    await new Promise((r) => setTimeout(r, 10))
  return poll
}

it('a relay recorded while a poll waits on the RPC survives the poll', async () => {
  const tracker = await slowTracker(createMemoryStore())
  const message = await readyMessage(tracker)
  const poll = await slowPoll(tracker, 1_500)
  const relayHash = await relayApproved(tracker, message.hash)
  await poll
  // The poll read "not relayed, ready" before the relay; applied now, it must not erase the pending relay.
  const after = await tracker.getMessage(message.hash)
  expect(after?.status).toBe('relaying')
  expect(after?.pendingRelay?.transactionHash).toBe(relayHash)
  expect((await until(tracker, message.hash, ['relayed', 'finalized'])).relay?.transactionHash).toBe(
    relayHash,
  )
})

it('an import that lands while a poll waits keeps its fields', async () => {
  const store = createMemoryStore()
  const tracker = await slowTracker(store)
  const message = await readyMessage(tracker, devnet.accounts[3].address)
  // A newer copy of the message from another profile: it knows one more account.
  const carol = normalizeAddress(devnet.accounts[3].address)
  const other = createMemoryStore()
  await other.upsert({ ...message, accounts: [...message.accounts, carol], updatedAt: message.updatedAt + 1 })
  const file = await exportHistory(other)

  const poll = await slowPoll(tracker, 1_500)
  expect(await tracker.importHistory(file)).toMatchObject({ updated: 1 })
  await poll
  expect((await tracker.getMessage(message.hash))?.accounts).toContain(carol)
})

it('another process relays and tracks on the same state file while this one polls: nothing is lost', async () => {
  const path = join(dir, 'state.json')
  const store: FileStore = await openFileStore(path)
  const tracker = await slowTracker(store)
  const message = await readyMessage(tracker)
  const another = await devnet.sendMock({ amount: 0n, to: devnet.accounts[3].address })

  // This process keeps polling (each poll slowed) while the CLI, in another process, relays one message and tracks
  // another on the same file.
  let polling = true
  const loop = (async () => {
    while (polling) await await slowPoll(tracker, 300)
  })()
  const rpc = devnet.chains.flatMap((c) => ['--rpc', `${c.id}=${c.rpcUrl}`])
  const run = (args: string[], env: Record<string, string> = {}) =>
    new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, ['bin/superchain-relay.mjs', ...args, ...rpc, '--state', path], {
        cwd: repo,
        env: { ...process.env, ...env },
        stdio: 'ignore',
      })
      child.on('error', reject)
      child.on('close', resolve)
    })
  const [relayed, tracked] = await Promise.all([
    run(['relay', message.hash, '--yes'], { SUPERCHAIN_RELAY_PRIVATE_KEY: devnet.accounts[3].privateKey }),
    run(['track', '--chain', '901', '--tx', another.transactionHash]),
  ])
  polling = false
  await loop
  expect(relayed).toBe(0)
  expect(tracked).toBe(0)

  // The other process's relay and its new message are in this one's view of the file, and stay after more polls.
  await tracker.poll()
  const mine = await tracker.getMessage(message.hash)
  expect(['relayed', 'finalized']).toContain(mine?.status)
  expect(mine?.relay?.relayer?.toLowerCase()).toBe(devnet.accounts[3].address.toLowerCase())
  const listed = await tracker.listMessages()
  expect(listed.some((m) => m.sourceTransactionHash === another.transactionHash)).toBe(true)
  await store.close()
})
