/**
 * A devnet restart seen one chain at a time (docs/ARCHITECTURE.md §5): a tracker polling on its own clock (the
 * extension's loop) can read the restarted source chain in one tick and the destination, still down or not yet
 * restarted, only in a later one. A transfer already relayed keeps its log through the source's reset (its relay
 * stands); when the destination's reset then voids that relay, the log kept from the old source must not bring the
 * transfer back as Ready — least of all while the new source chain is still below that log's height, where no log
 * check reaches. The chains are mined by hand (no block time), so the heights are the test's to choose.
 */
import type { Block, Hex } from 'viem'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { describeLocationChange } from '../../src/core/model/location'
import type { MessageStatus } from '../../src/core/model/message'
import { isRelayable } from '../../src/core/model/progress'
import type { ChainClient } from '../../src/core/chains/readClient'
import { logBasisOf } from '../../src/core/model/status'
import { createMemoryStore } from '../../src/core/store/memoryStore'
import type { MessageStore } from '../../src/core/store/types'
import type { Tracker, TrackerUpdate } from '../../src/core/tracker/api'
import { ANCHORS_SETTING } from '../../src/core/tracker/chainAnchor'
import type { Heads } from '../../src/core/tracker/heads'
import { createRelocationPacer, readSource } from '../../src/core/tracker/sourceReads'
import { startTestDevnet, type TestDevnet } from '../fixtures/devnet'
import { createTestTracker, relayApproved, untilStatus } from '../fixtures/tracker'

let devnet: TestDevnet

beforeAll(async () => {
  devnet = await startTestDevnet({ blockTime: 0 })
})
afterAll(async () => {
  await devnet?.stop()
})

const until = (tracker: Tracker, hash: Hex, statuses: MessageStatus[], mine = false) =>
  untilStatus(devnet, tracker, hash, statuses, { mine, tries: 40, pauseMs: 100 })

/**
 * Restart one chain afresh, its clock a minute past the old chain's (as a devnet restart's is, where nobody moved
 * the old chain's clock on: these tests did, mining and warping).
 */
async function restartLater(id: number): Promise<void> {
  const old = await devnet.publicClient(id).getBlock()
  await devnet.startChain(id)
  const fresh = await devnet.publicClient(id).getBlock()
  const behind = old.timestamp > fresh.timestamp ? Number(old.timestamp - fresh.timestamp) : 0
  await devnet.increaseTime(id, behind + 60)
}

it('the source reset a tick before the destination: a relayed transfer vanishes, never Ready again', async () => {
  const store = createMemoryStore()
  const { tracker } = await createTestTracker(devnet, { store })

  // Sent high on the old source chain: the fresh one stays below that height for the rest of the test.
  await devnet.mine(901, 40)
  const sent = await devnet.sendMock({ amount: 0n })
  const [tracked] = await tracker.trackTransaction(901, sent.transactionHash)
  const hash = tracked!.hash
  await until(tracker, hash, ['ready'], true)
  await relayApproved(tracker, hash)
  const delivered = await until(tracker, hash, ['finalized'], true)
  const oldLog = delivered.initiatingLog!

  // The source chain restarts alone (time moves on meanwhile, as it does while a devnet restarts).
  await restartLater(901)
  expect((await tracker.poll()).resets).toEqual([901])
  // The relay on the destination stands: still delivered, its old log kept but no longer vouched for.
  expect(await tracker.getMessage(hash)).toMatchObject({ status: 'finalized', initiatingLog: oldLog })

  // A tick later, the destination restarts too: the relay that kept the old log is void.
  const updates: TrackerUpdate[] = []
  tracker.subscribe((u) => updates.push(u))
  await restartLater(902)
  expect((await tracker.poll()).resets).toEqual([902])

  const gone = await until(tracker, hash, ['vanished'])
  expect(isRelayable(gone)).toBe(false)
  expect(gone.relay).toBeUndefined()
  expect(gone.locationChange).toMatchObject({
    cause: 'chainReset',
    from: { blockNumber: oldLog.blockNumber },
  })
  expect(describeLocationChange(gone)).toMatch(/was reset: this message no longer exists there/)
  // Every status it went through on the way was heard by the UIs: never Ready, never a Relay button.
  const statuses = updates.flatMap((u) => (u.type === 'messageUpdated' ? [u.to] : []))
  expect(statuses).not.toContain('ready')
  expect(statuses).toContain('vanished')
  // And all along, the new source chain was below the old log's height: no read of that height could tell.
  expect(await devnet.publicClient(901).getBlockNumber()).toBeLessThan(oldLog.blockNumber)
})

/** The real store, whose next message write can be made to fail: what a worker stopped in the middle of a tick leaves. */
function stoppable(store: MessageStore) {
  let stopNext = false
  const wrapped = new Proxy(store, {
    get(target, prop) {
      if (prop === 'updateMany' && stopNext) {
        return async () => {
          stopNext = false
          throw new Error('the worker was stopped')
        }
      }
      const value: unknown = Reflect.get(target, prop)
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
    },
  })
  return { store: wrapped, stopAtNextWrite: () => void (stopNext = true) }
}

it('a process stopped between writing a reset and voiding what the chain held: the next start voids it', async () => {
  const store = createMemoryStore()
  const stopping = stoppable(store)
  const { tracker } = await createTestTracker(devnet, { store: stopping.store })
  const sent = await devnet.sendMock({ amount: 0n })
  const [tracked] = await tracker.trackTransaction(901, sent.transactionHash)
  const hash = tracked!.hash
  await until(tracker, hash, ['ready'], true)
  // Its log finalized on the source: no tick reads that log again, only a reset of the chain voids it.
  await devnet.mine(901, 6)
  await tracker.poll()
  expect(await tracker.getMessage(hash)).toMatchObject({ status: 'ready', sourceSafety: 'finalized' })

  await restartLater(901)
  // The tick finds the reset and writes the new anchor; the worker stops before the voids are written.
  stopping.stopAtNextWrite()
  await expect(tracker.poll()).rejects.toThrow('the worker was stopped')
  expect((await store.get(hash))?.status).toBe('ready')

  // The worker starts again over the same store: the chain, compared with the anchor already written, looks
  // unchanged — but the reset is not done until its voids are, so this process does them.
  const { tracker: restarted } = await createTestTracker(devnet, { store })
  const report = await restarted.poll()
  expect(report.resets).toEqual([901])
  const gone = await until(restarted, hash, ['vanished'])
  expect(isRelayable(gone)).toBe(false)
  expect(gone.locationChange).toMatchObject({ cause: 'chainReset' })
  const anchors = (await store.getSetting(ANCHORS_SETTING)) as Record<string, object>
  expect(anchors['901']).toBeDefined()
  expect(anchors['901']).not.toHaveProperty('voiding')
  // Done once: the next tick sees no reset.
  expect((await restarted.poll()).resets).toEqual([])
})

/** The destination's clock brought up to the source's (a relay needs its block no older than the sent log's). */
async function destinationInStep(): Promise<void> {
  const [source, destination] = await Promise.all([901, 902].map((id) => devnet.publicClient(id).getBlock()))
  const behind = source!.timestamp - destination!.timestamp
  if (behind >= 0n) await devnet.increaseTime(902, Number(behind) + 1)
}

it.each([
  ['scans the watched accounts', (t: Tracker) => t.scanAccounts()],
  ['is asked to track the new transaction', (t: Tracker, tx: Hex) => t.trackTransaction(901, tx)],
])('an interrupted reset is finished before a process that %s first writes', async (_, discover) => {
  await restartLater(901) // a fresh chain: the transfer below has nonce 0, as its copy after the next restart will
  await destinationInStep()
  const store = createMemoryStore()
  const stopping = stoppable(store)
  const { tracker } = await createTestTracker(devnet, { store: stopping.store })
  await tracker.watchAccount(devnet.accounts[0].address)
  const sent = await devnet.sendMock({ amount: 0n })
  const [tracked] = await tracker.trackTransaction(901, sent.transactionHash)
  const hash = tracked!.hash
  await until(tracker, hash, ['ready'], true)
  await tracker.scanAccounts()

  // The reset's new anchor is written, marked; the worker stops before the voids are.
  await restartLater(901)
  stopping.stopAtNextWrite()
  await expect(tracker.poll()).rejects.toThrow('the worker was stopped')
  // The same transfer again on the new chain: nonce 0 again, so the same hash.
  const again = await devnet.sendMock({ amount: 0n })
  await destinationInStep()

  // The worker starts again and finds the transfer before its first poll (the extension's tick scans first).
  const { tracker: restarted } = await createTestTracker(devnet, { store })
  await discover(restarted, again.transactionHash)
  const found = (await restarted.getMessage(hash))!
  expect(found.initiatingLog?.transactionHash).toBe(again.transactionHash)
  // Found as what it is: the same message sent again after the reset, not a reorg's re-inclusion.
  expect(describeLocationChange(found)).toMatch(/was reset; the same message was sent again at block/)
  const anchors = (await store.getSetting(ANCHORS_SETTING)) as Record<string, object>
  expect(anchors['901']).not.toHaveProperty('voiding')

  // The poll owes nothing more: the transfer stays where it was found, never "no longer exists" and back.
  const updates: TrackerUpdate[] = []
  restarted.subscribe((u) => updates.push(u))
  const cursors = await store.listCursors()
  expect((await restarted.poll()).resets).toEqual([])
  const ready = await until(restarted, hash, ['ready'], true)
  expect(ready.initiatingLog?.transactionHash).toBe(again.transactionHash)
  const statuses = updates.flatMap((u) => (u.type === 'messageUpdated' ? [u.to] : []))
  expect(statuses).not.toContain('reorged')
  expect(statuses).not.toContain('vanished')
  expect(updates.filter((u) => u.type === 'chainReset')).toEqual([])
  // And the scan's cursors on the new chain stand: a second void would have sent it back to the start.
  for (const { key } of cursors) expect(await store.getCursor(key)).toBeDefined()
})

it('a recorded log above the head, in a block older than the head, is gone; above a lagging head, undecided', async () => {
  const { tracker } = await createTestTracker(devnet)
  await devnet.mine(901, 30)
  const sent = await devnet.sendMock({ amount: 0n })
  const [tracked] = await tracker.trackTransaction(901, sent.transactionHash)
  const message = (await tracker.getMessage(tracked!.hash))!
  const log = message.initiatingLog!
  const client = devnet.publicClient(901) as unknown as ChainClient
  const read = async (latest: Block) =>
    readSource(client, 901, [message], { latest } as Heads, createRelocationPacer(), Date.now())

  // A node behind the same URL: its head is below the log and older than it — it cannot tell, so it says nothing.
  const behind = await devnet.publicClient(901).getBlock({ blockNumber: log.blockNumber - 5n })
  expect(await read(behind)).toEqual(new Map())

  // The chain restarted (time went on): its head is below the log's height and younger than the log's block.
  await restartLater(901)
  const head = await devnet.publicClient(901).getBlock()
  expect(head.number).toBeLessThan(log.blockNumber)
  expect(await read(head)).toEqual(
    new Map([
      [
        message.hash,
        [
          {
            type: 'observed',
            observation: { initiating: { state: 'missing', basis: logBasisOf(message) } },
          },
        ],
      ],
    ]),
  )
})
