/**
 * The devnet-restart story through core (docs/ARCHITECTURE.md §5): the devnet restarts with the history kept. The
 * transfers of the old chains vanish — never Ready with a Relay button — the scans start over, and a new transfer
 * that reuses an old one's nonce (so its message hash) is tracked at its live position and relays.
 */
import { type Hex } from 'viem'
import { afterAll, beforeAll, expect, it } from 'vitest'

import type { MessageStatus } from '../../src/core/model/message'
import { isRelayable } from '../../src/core/model/progress'
import { describeLocationChange } from '../../src/core/model/location'
import { MessageVanishedError } from '../../src/core/relay/errors'
import { createMemoryStore } from '../../src/core/store/memoryStore'
import type { Tracker, TrackerUpdate } from '../../src/core/tracker/api'
import { startTestDevnet, type TestDevnet } from '../fixtures/devnet'
import { createTestTracker, relayApproved, untilStatus } from '../fixtures/tracker'

let devnet: TestDevnet

beforeAll(async () => {
  devnet = await startTestDevnet()
})
afterAll(async () => {
  await devnet?.stop()
})

const until = (tracker: Tracker, hash: Hex, statuses: MessageStatus[], mine = false) =>
  untilStatus(devnet, tracker, hash, statuses, { mine })

it('restarting the devnet with the history kept: old transfers vanish, a new one with the same hash relays', async () => {
  const store = createMemoryStore()
  const { tracker } = await createTestTracker(devnet, { store })
  const updates: TrackerUpdate[] = []
  tracker.subscribe((u) => updates.push(u))
  const alice = devnet.accounts[0].address
  await tracker.watchAccount(alice)

  // Before: the first transfer on 901 (nonce 0) relayed and finalized, the second (nonce 1) left ready.
  const first = await devnet.sendMock({ amount: 0n })
  const [done] = await tracker.trackTransaction(901, first.transactionHash)
  await until(tracker, done!.hash, ['ready'])
  await relayApproved(tracker, done!.hash)
  await until(tracker, done!.hash, ['finalized'], true)
  const second = await devnet.sendMock({ amount: 0n, to: devnet.accounts[3].address })
  const [waiting] = await tracker.trackTransaction(901, second.transactionHash)
  await until(tracker, waiting!.hash, ['ready'])
  await tracker.scanAccounts()
  expect((await store.listCursors()).length).toBeGreaterThan(0)

  await devnet.restart()

  // The tracker notices (genesis and finalized block changed), voids both chains, and re-locates: neither exists.
  const report = await tracker.poll()
  expect(report.resets.sort()).toEqual([901, 902])
  expect(
    updates
      .filter((u) => u.type === 'chainReset')
      .map((u) => u.type === 'chainReset' && u.chainId)
      .sort(),
  ).toEqual([901, 902])
  expect(await store.listCursors()).toEqual([])
  for (const hash of [done!.hash, waiting!.hash]) {
    const gone = await until(tracker, hash, ['vanished'])
    expect(isRelayable(gone)).toBe(false)
    expect(gone.relay).toBeUndefined()
    expect(gone.locationChange).toMatchObject({ cause: 'chainReset' })
    expect(describeLocationChange(gone)).toMatch(/was reset: this message no longer exists there/)
    await expect(tracker.prepareRelay(hash)).rejects.toBeInstanceOf(MessageVanishedError)
    await expect(relayApproved(tracker, hash)).rejects.toBeInstanceOf(MessageVanishedError)
  }
  // Every status change on the way was a real event the UIs heard: never 'ready' after the restart.
  const after = updates.slice(updates.findIndex((u) => u.type === 'chainReset'))
  expect(after.some((u) => u.type === 'messageUpdated' && u.to === 'ready')).toBe(false)
  expect((await tracker.chainHealth()).find((h) => h.chainId === 901)?.lastResetAt).toBeGreaterThan(0)

  // The same transfer again on the fresh chain: nonce 0 again, so the same message hash as the finalized one.
  const again = await devnet.sendMock({ amount: 0n })
  const [live] = await tracker.trackTransaction(901, again.transactionHash)
  expect(live!.hash).toBe(done!.hash)
  expect(live!.initiatingLog?.transactionHash).toBe(again.transactionHash)
  expect(live!.sourceTransactionHash).toBe(again.transactionHash)
  expect(live!.status).not.toBe('vanished')
  expect(describeLocationChange(live!)).toMatch(/was reset; the same message was sent again at block/)
  await until(tracker, live!.hash, ['ready'])
  const relayHash = await relayApproved(tracker, live!.hash)
  const relayed = await until(tracker, live!.hash, ['relayed', 'finalized'])
  expect(relayed.relay?.transactionHash).toBe(relayHash)

  // Scans start over on the new chains and find the new transfer; the vanished one is the user's to remove.
  expect(await tracker.scanAccounts()).toBeGreaterThanOrEqual(1)
  await tracker.forgetMessage(waiting!.hash)
  expect(await tracker.getMessage(waiting!.hash)).toBeUndefined()
  expect(updates).toContainEqual({ type: 'messageRemoved', hash: waiting!.hash })
})

it('a tracker that slept through the restart is asked about the new transfer first: it takes the live position', async () => {
  await devnet.restart()
  const store = createMemoryStore()
  const before = (await createTestTracker(devnet, { store })).tracker
  const sent = await devnet.sendMock({ amount: 0n })
  const [message] = await before.trackTransaction(901, sent.transactionHash)
  await until(before, message!.hash, ['ready'])
  await relayApproved(before, message!.hash)
  await until(before, message!.hash, ['finalized'], true)

  // A new process (a CLI run) over the same history, after a restart it did not see: no poll before `track`.
  await devnet.restart()
  const { tracker } = await createTestTracker(devnet, { store })
  const again = await devnet.sendMock({ amount: 0n })
  const [live] = await tracker.trackTransaction(901, again.transactionHash)
  expect(live!.hash).toBe(message!.hash)
  expect(live!.initiatingLog?.transactionHash).toBe(again.transactionHash)
  expect(live!.status).not.toBe('finalized')
  // The relay the old chains held is proven gone, and the message relays on the new ones.
  await until(tracker, live!.hash, ['ready'])
  expect((await tracker.getMessage(live!.hash))?.relay).toBeUndefined()
  const relayHash = await relayApproved(tracker, live!.hash)
  expect((await until(tracker, live!.hash, ['relayed', 'finalized'])).relay?.transactionHash).toBe(relayHash)
})

it('a history of only finalized transfers notices the restart too: they stop saying relayed, and the scan starts over', async () => {
  await devnet.restart()
  const { tracker } = await createTestTracker(devnet)
  const carol = devnet.accounts[3].address
  await tracker.watchAccount(carol)
  const sent = await devnet.sendMock({ amount: 0n, from: 3, to: devnet.accounts[1].address })
  const [message] = await tracker.trackTransaction(901, sent.transactionHash)
  await until(tracker, message!.hash, ['ready'])
  await relayApproved(tracker, message!.hash)
  await until(tracker, message!.hash, ['finalized'], true)
  await tracker.scanAccounts()
  // Nothing left to read: every message is finalized. The ticks must still look at the chains.
  await devnet.restart()
  const gone = await until(tracker, message!.hash, ['vanished'])
  expect(gone.relay).toBeUndefined()
  // Carol's next transfer (nonce 0 again on the new 901: the same hash) is found by her account's scan.
  const again = await devnet.sendMock({ amount: 0n, from: 3, to: devnet.accounts[1].address })
  expect(await tracker.scanAccounts()).toBeGreaterThanOrEqual(1)
  const live = await tracker.getMessage(message!.hash)
  expect(live?.initiatingLog?.transactionHash).toBe(again.transactionHash)
})
